import type { OutboundMessage } from '../../lib/cloud/outbound-message';
import { InvalidArgumentError } from '../../lib/errors';
import { OutboxOverflowError } from '../../lib/operators/outbox-overflow-error';
import { ClosedError } from '../../lib/closed-error';
import { OutboxStoreError } from '../../lib/outbox/outbox-store-error';
import type { OutboxLimits } from '../../lib/outbox/outbox-limits';
import type { OutboxStore } from '../../lib/outbox/outbox-store';

/** Makes a fresh, empty store with the given limits. */
export type OutboxStoreFactory = (limits?: OutboxLimits) => OutboxStore;

/** For stores whose writes can fail (a file): a way to make them fail, for the fault cases. */
export interface OutboxStoreFaults {
  /**
   * From now on every insert into `store` fails, and every delete of one of `deleteIds` (of any
   * id when absent); returns the function that heals the store.
   */
  failWrites(store: OutboxStore, deleteIds?: readonly number[]): () => void;
}

const message = (data: string, topics: string[] = []): OutboundMessage => ({ data, topics });
const datas = (store: OutboxStore) => store.pending(Infinity).map((entry) => entry.message.data);

/** The rules of `OutboxStore`, run against every implementation. */
export function outboxStoreContract(name: string, createStore: OutboxStoreFactory, faults?: OutboxStoreFaults): void {
  describe(`${name} (OutboxStore contract)`, () => {
    const opened: OutboxStore[] = [];
    const open = (limits?: OutboxLimits) => {
      const store = createStore(limits);
      opened.push(store);
      return store;
    };
    afterEach(() => opened.splice(0).forEach((store) => store.close()));

    it('starts empty', () => {
      const store = open();
      expect(store.pending(10)).toEqual([]);
      expect(store.stats()).toEqual({ pendingCount: 0, pendingBytes: 0, oldestAcceptedAt: undefined });
    });

    it('appends a batch with increasing ids and returns entries in order, topics included', () => {
      const store = open();
      const outcome = store.append([message('a', ['t1', 'ü']), message('b'), message('c')], { acceptedAt: 42 });
      expect(outcome.evicted).toEqual([]);
      const entries = outcome.entries.map((entry) => entry!);
      expect(entries.map((entry) => entry.message)).toEqual([message('a', ['t1', 'ü']), message('b'), message('c')]);
      expect(entries[1].id).toBeGreaterThan(entries[0].id);
      expect(entries[2].id).toBeGreaterThan(entries[1].id);
      expect(entries[0].bytes).toBe(1 + 2 + 2); // 'a', 't1', 'ü' (two bytes in UTF-8)
      expect(entries[0].acceptedAt).toBe(42);
      expect(store.pending(10)).toEqual(entries);
    });

    it('returns at most limit pending entries, oldest first', () => {
      const store = open();
      store.append([message('a'), message('b')], { acceptedAt: 1 });
      store.append([message('c')], { acceptedAt: 2 });
      expect(store.pending(2).map((entry) => entry.message.data)).toEqual(['a', 'b']);
      expect(store.pending(0)).toEqual([]);
    });

    it('removes by id, once, and counts only the ids that were waiting', () => {
      const store = open();
      const [a, b, c] = store.append([message('a'), message('b'), message('c')], { acceptedAt: 1 }).entries;
      expect(store.remove([b!.id])).toBe(1);
      expect(store.remove([b!.id])).toBe(0);
      expect(datas(store)).toEqual(['a', 'c']);
      expect(store.remove([a!.id, 999_999, c!.id, a!.id])).toBe(2);
      expect(store.pending(10)).toEqual([]);
      expect(store.remove([999_999])).toBe(0);
      expect(store.remove([])).toBe(0);
      expect(store.stats()).toEqual({ pendingCount: 0, pendingBytes: 0, oldestAcceptedAt: undefined });
    });

    it('never reuses an id, also after removing the newest', () => {
      const store = open();
      const first = store.append([message('a')], { acceptedAt: 1 }).entries[0]!;
      store.remove([first.id]);
      const second = store.append([message('b')], { acceptedAt: 1 }).entries[0]!;
      expect(second.id).toBeGreaterThan(first.id);
    });

    it('keeps stats: count, bytes, oldest accepted time', () => {
      const store = open();
      const [a] = store.append([message('aaa', ['x']), message('bb')], { acceptedAt: 10 }).entries;
      store.append([message('c')], { acceptedAt: 20 });
      expect(store.stats()).toEqual({ pendingCount: 3, pendingBytes: 7, oldestAcceptedAt: 10 });
      store.remove([a!.id]);
      expect(store.stats()).toEqual({ pendingCount: 2, pendingBytes: 3, oldestAcceptedAt: 10 });
    });

    it('accepts an empty batch', () => {
      const store = open();
      expect(store.append([], { acceptedAt: 1 })).toEqual({ entries: [], evicted: [] });
    });

    it('drop-oldest evicts the oldest entries and reports them', () => {
      const store = open({ maxMessages: 3, overflow: 'drop-oldest' });
      store.append([message('a'), message('b'), message('c')], { acceptedAt: 1 });
      const outcome = store.append([message('d'), message('e')], { acceptedAt: 2 });
      expect(outcome.evicted.map((entry) => entry.message.data)).toEqual(['a', 'b']);
      expect(outcome.entries.map((entry) => entry?.message.data)).toEqual(['d', 'e']);
      expect(datas(store)).toEqual(['c', 'd', 'e']);
      expect(store.stats().pendingCount).toBe(3);
    });

    it('drop-oldest can evict earlier messages of the same batch', () => {
      const store = open({ maxMessages: 2, overflow: 'drop-oldest' });
      const outcome = store.append([message('a'), message('b'), message('c')], { acceptedAt: 1 });
      expect(outcome.evicted.map((entry) => entry.message.data)).toEqual(['a']);
      expect(outcome.entries.map((entry) => entry?.message.data)).toEqual(['a', 'b', 'c']);
      expect(datas(store)).toEqual(['b', 'c']);
    });

    it('drop-oldest never evicts kept ids (in flight) and drops the newcomer if only those remain', () => {
      const store = open({ maxMessages: 2, overflow: 'drop-oldest' });
      const [a, b] = store.append([message('a'), message('b')], { acceptedAt: 1 }).entries;
      const keepA = store.append([message('c')], { acceptedAt: 2, keep: new Set([a!.id]) });
      expect(keepA.evicted.map((entry) => entry.message.data)).toEqual(['b']);
      expect(datas(store)).toEqual(['a', 'c']);
      const [, c] = store.pending(2);
      const keepAll = store.append([message('d')], { acceptedAt: 3, keep: new Set([a!.id, c.id]) });
      expect(keepAll).toEqual({ entries: [null], evicted: [] });
      expect(datas(store)).toEqual(['a', 'c']);
      void b;
    });

    it('drop-oldest bounds by bytes', () => {
      const store = open({ maxBytes: 10, overflow: 'drop-oldest' });
      store.append([message('aaaa'), message('bbbb')], { acceptedAt: 1 });
      const outcome = store.append([message('cccccc')], { acceptedAt: 2 });
      expect(outcome.evicted.map((entry) => entry.message.data)).toEqual(['aaaa']);
      expect(store.stats()).toMatchObject({ pendingCount: 2, pendingBytes: 10 });
      const more = store.append([message('ddddddddd')], { acceptedAt: 3 });
      expect(more.evicted.map((entry) => entry.message.data)).toEqual(['bbbb', 'cccccc']);
      expect(store.stats()).toMatchObject({ pendingCount: 1, pendingBytes: 9 });
    });

    it('drops a message bigger than maxBytes on its own, whatever the drop policy', () => {
      const store = open({ maxBytes: 4, overflow: 'drop-oldest' });
      store.append([message('aa')], { acceptedAt: 1 });
      expect(store.append([message('xxxxx')], { acceptedAt: 2 })).toEqual({ entries: [null], evicted: [] });
      expect(datas(store)).toEqual(['aa']);
    });

    it('drop-newest keeps what is waiting and reports the newcomers as null', () => {
      const store = open({ maxMessages: 2, overflow: 'drop-newest' });
      store.append([message('a')], { acceptedAt: 1 });
      const outcome = store.append([message('b'), message('c'), message('d')], { acceptedAt: 2 });
      expect(outcome.entries.map((entry) => entry?.message.data ?? null)).toEqual(['b', null, null]);
      expect(outcome.evicted).toEqual([]);
      expect(datas(store)).toEqual(['a', 'b']);
    });

    it('error refuses a batch that does not fit as a whole and stores none of it', () => {
      const store = open({ maxMessages: 3, overflow: 'error' });
      store.append([message('a'), message('b')], { acceptedAt: 1 });
      let thrown: unknown;
      try {
        store.append([message('c'), message('d')], { acceptedAt: 2 });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(OutboxOverflowError);
      expect(thrown).toMatchObject({ limit: 'maxMessages', max: 3, refused: 2 });
      expect(datas(store)).toEqual(['a', 'b']);
      expect(store.stats().pendingCount).toBe(2);
      store.append([message('c')], { acceptedAt: 3 });
      expect(datas(store)).toEqual(['a', 'b', 'c']);
    });

    it('error names maxBytes when the bytes do not fit', () => {
      const store = open({ maxBytes: 5, overflow: 'error' });
      expect(() => store.append([message('abc'), message('def')], { acceptedAt: 1 })).toThrow(/maxBytes limit of 5/);
      expect(store.stats().pendingCount).toBe(0);
    });

    it('rejects a malformed message with a typed error and stores nothing of its batch', () => {
      const store = open();
      expect(() => store.append([message('ok'), { data: 5 } as never], { acceptedAt: 1 })).toThrow(InvalidArgumentError);
      expect(() => store.append([{ data: 'x', topics: [7] } as never], { acceptedAt: 1 })).toThrow(/topics/);
      expect(store.stats().pendingCount).toBe(0);
    });

    it('rejects bad limits with a typed error naming them', () => {
      expect(() => createStore({ maxMessages: 0 })).toThrow(/maxMessages must be a whole number from 1 or Infinity, got 0/);
      expect(() => createStore({ overflow: 'spill' as never })).toThrow(InvalidArgumentError);
    });

    it('keeps order over many appends and removals', () => {
      const store = open();
      for (let batch = 0; batch < 20; batch++) {
        store.append(Array.from({ length: 50 }, (_, i) => message(`${batch * 50 + i}`)), { acceptedAt: batch });
      }
      const all = store.pending(Infinity);
      const thirds = all.filter((entry) => Number(entry.message.data) % 3 === 0).map((entry) => entry.id);
      expect(store.remove(thirds.slice(0, 100))).toBe(100);
      thirds.slice(100).forEach((id) => store.remove([id]));
      const left = store.pending(Infinity).map((entry) => Number(entry.message.data));
      expect(left).toEqual(Array.from({ length: 1000 }, (_, i) => i).filter((i) => i % 3 !== 0));
      expect(store.stats().pendingCount).toBe(left.length);
    });

    it('throws ClosedError (outbox) after close, and close twice resolves both times', async () => {
      const store = createStore();
      await Promise.all([store.close(), store.close()]);
      expect(() => store.append([message('a')], { acceptedAt: 1 })).toThrow(/^The outbox .*is closed: cannot append$/);
      expect(() => store.pending(1)).toThrow(ClosedError);
      expect(() => store.remove([1])).toThrow(ClosedError);
      expect(() => store.stats()).toThrow(ClosedError);
      let error: unknown;
      try {
        store.pending(1);
      } catch (caught) {
        error = caught;
      }
      expect(error).toMatchObject({ resource: 'outbox' });
    });

    if (faults !== undefined) {
      describe('when writes fail', () => {
        it('a failing append throws OutboxStoreError, stores nothing and counts nothing; the store works again once healed', () => {
          const store = open();
          store.append([message('a')], { acceptedAt: 1 });
          const before = store.stats();
          const heal = faults.failWrites(store);
          expect(() => store.append([message('b'), message('c')], { acceptedAt: 2 })).toThrow(OutboxStoreError);
          expect(store.stats()).toEqual(before);
          expect(datas(store)).toEqual(['a']);
          heal();
          store.append([message('b')], { acceptedAt: 3 });
          expect(datas(store)).toEqual(['a', 'b']);
          expect(store.stats()).toMatchObject({ pendingCount: 2, pendingBytes: 2 });
        });

        it('a failing remove throws OutboxStoreError and removes nothing; it is never counted as done', () => {
          const store = open();
          const [a] = store.append([message('a'), message('b')], { acceptedAt: 1 }).entries;
          const heal = faults.failWrites(store);
          expect(() => store.remove([a!.id])).toThrow(OutboxStoreError);
          expect(datas(store)).toEqual(['a', 'b']);
          expect(store.stats().pendingCount).toBe(2);
          heal();
          expect(store.remove([a!.id])).toBe(1);
          expect(store.stats()).toMatchObject({ pendingCount: 1, pendingBytes: 1 });
        });

        it('remove of a batch is atomic: one failing id keeps every id of the batch', () => {
          const store = open();
          const [a, b, c, d] = store.append([message('a'), message('b'), message('c'), message('d')], { acceptedAt: 1 }).entries;
          const heal = faults.failWrites(store, [c!.id]);
          expect(() => store.remove([a!.id, b!.id, c!.id])).toThrow(OutboxStoreError);
          expect(datas(store)).toEqual(['a', 'b', 'c', 'd']);
          expect(store.stats()).toMatchObject({ pendingCount: 4, pendingBytes: 4 });
          expect(store.remove([d!.id])).toBe(1); // other deletes still work
          heal();
          expect(store.remove([a!.id, b!.id, c!.id])).toBe(3);
          expect(store.stats()).toEqual({ pendingCount: 0, pendingBytes: 0, oldestAcceptedAt: undefined });
        });

        it('an append that fails after evicting (drop-oldest) evicts nothing', () => {
          const store = open({ maxMessages: 2, overflow: 'drop-oldest' });
          store.append([message('a'), message('b')], { acceptedAt: 1 });
          faults.failWrites(store);
          expect(() => store.append([message('c')], { acceptedAt: 2 })).toThrow(OutboxStoreError);
          expect(datas(store)).toEqual(['a', 'b']);
          expect(store.stats()).toMatchObject({ pendingCount: 2, pendingBytes: 2 });
        });
      });
    }
  });
}
