import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOutboxStore } from '../../lib/outbox/create-outbox-store';
import { MemoryOutboxStore } from '../../lib/outbox/memory-outbox-store';
import { OutboxStoreError } from '../../lib/outbox/outbox-store-error';
import { SqliteOutboxStore, type SqliteOutboxOptions } from '../../lib/outbox/sqlite-outbox-store';
import { pragmaValue, type SqliteConnection, type SqliteEngine } from '../../lib/outbox/sqlite-engine';
import { outboxStoreContract, type OutboxStoreFaults } from './outbox-store.contract';
import { forEachEngine, watchConnections } from './sqlite-engines';

const directory = mkdtempSync(join(tmpdir(), 'hologram-outbox-'));
let files = 0;
const freshPath = () => join(directory, `outbox-${++files}.db`);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Each store's own connection, seen as the engine opened it (`openWatched`), to inject faults. */
const connections = new WeakMap<object, SqliteConnection>();
const dbOf = (store: unknown): SqliteConnection => {
  const db = connections.get(store as object);
  if (db === undefined) throw new Error('a store opened without openWatched');
  return db;
};

/** Opens a store and remembers the connection it works on. */
function openWatched(load: () => SqliteEngine, options: SqliteOutboxOptions): SqliteOutboxStore {
  const watch = watchConnections(load(), options.path);
  try {
    const store = new SqliteOutboxStore(options);
    connections.set(store, watch.opened[watch.opened.length - 1]!);
    return store;
  } finally {
    watch.restore();
  }
}

/** Faults through TEMP triggers: the statement fails inside the store's transaction, as a full disk would. */
const triggerFaults: OutboxStoreFaults = {
  failWrites(store, deleteIds) {
    const db = dbOf(store);
    const when = deleteIds === undefined ? '' : `WHEN OLD.id IN (${deleteIds.join(',')})`;
    db.exec(`CREATE TEMP TRIGGER fail_insert BEFORE INSERT ON main.outbox BEGIN SELECT RAISE(ABORT, 'injected fault'); END;
             CREATE TEMP TRIGGER fail_delete BEFORE DELETE ON main.outbox ${when} BEGIN SELECT RAISE(ABORT, 'injected fault'); END;`);
    return () => db.exec('DROP TRIGGER temp.fail_insert; DROP TRIGGER temp.fail_delete;');
  },
};

forEachEngine((engine, load) => {
outboxStoreContract(`SqliteOutboxStore on ${engine}`, (limits) => openWatched(load, { path: freshPath(), engine, ...limits }), triggerFaults);

describe(`SqliteOutboxStore on ${engine}`, () => {
  it('reads nothing back from the file while at most 1,024 messages wait, and does past that', () => {
    const path = freshPath();
    const watch = watchConnections(load(), path);
    const store = new SqliteOutboxStore({ path, engine });
    const readsAfterOpen = watch.reads.length;
    const readsSinceOpen = () => watch.reads.slice(readsAfterOpen).filter((read) => read.includes('FROM outbox'));
    try {
      store.append(Array.from({ length: 1024 }, (_, i) => ({ data: `m${i}`, topics: [] })), { acceptedAt: 5 });
      expect(store.pending(3).map((entry) => entry.message.data)).toEqual(['m0', 'm1', 'm2']);
      expect(store.stats().oldestAcceptedAt).toBe(5);
      expect(readsSinceOpen()).toEqual([]);
      store.append([{ data: 'one too many', topics: [] }], { acceptedAt: 6 });
      expect(store.pending(1).map((entry) => entry.message.data)).toEqual(['m0']);
      expect(store.stats().oldestAcceptedAt).toBe(5);
      expect(readsSinceOpen()).toEqual([expect.stringMatching(/^all SELECT .* LIMIT \?$/), expect.stringMatching(/^get SELECT accepted_at .* LIMIT 1$/)]);
    } finally {
      watch.restore();
      store.close();
    }
  });

  it('answers pending() and the oldest age as the file does, while it keeps entries in memory and past that', () => {
    const path = freshPath();
    let store = new SqliteOutboxStore({ path, engine, maxMessages: 1500, overflow: 'drop-oldest' });
    const reader = load().open(path, { readOnly: true });
    const fromFile = (limit: number): number[] => reader.prepare<[number], { id: number }>('SELECT id FROM outbox ORDER BY id LIMIT ?').all(limit).map((row) => row.id);
    const oldestInFile = (): number | undefined => reader.prepare<[], { accepted_at: number }>('SELECT accepted_at FROM outbox ORDER BY id LIMIT 1').get()?.accepted_at;
    // A fixed pseudo-random walk: bursts that cross the 1,024 kept entries and the 1,500 limit (evicting), removals, a reopen.
    let seed = 7;
    const random = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
    let clock = 0;
    try {
      for (let step = 0; step < 120; step += 1) {
        const roll = random();
        if (roll < 0.45) {
          const count = roll < 0.05 ? 400 + Math.floor(random() * 300) : 1 + Math.floor(random() * 3);
          store.append(Array.from({ length: count }, (_, i) => ({ data: `s${step}-${i}`, topics: ['t'] })), { acceptedAt: ++clock });
        } else if (roll < 0.93) {
          const waiting = store.pending(Math.ceil(random() * 600));
          store.remove(waiting.filter(() => random() < 0.8).map((each) => each.id));
        } else {
          store.close();
          store = new SqliteOutboxStore({ path, engine, maxMessages: 1500, overflow: 'drop-oldest' });
        }
        const limit = 1 + Math.floor(random() * 1600);
        expect(store.pending(limit).map((each) => each.id)).toEqual(fromFile(limit));
        expect(store.stats().oldestAcceptedAt).toBe(oldestInFile());
      }
    } finally {
      reader.close();
      store.close();
    }
  });

  it('uses WAL with synchronous FULL, also after appends and removes', () => {
    const store = openWatched(load, { path: freshPath(), engine });
    const db = dbOf(store);
    expect(pragmaValue(db, 'journal_mode')).toBe('wal');
    expect(pragmaValue(db, 'synchronous')).toBe(2); // FULL
    const [a] = store.append([{ data: 'a', topics: [] }], { acceptedAt: 1 }).entries;
    store.remove([a!.id]);
    expect(pragmaValue(db, 'synchronous')).toBe(2);
    store.close();
  });

  it('names the file and the cause of a failed write', () => {
    const path = freshPath();
    const store = openWatched(load, { path, engine });
    triggerFaults.failWrites(store);
    let thrown: unknown;
    try {
      store.append([{ data: 'a', topics: [] }], { acceptedAt: 1 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OutboxStoreError);
    expect(thrown).toMatchObject({ path, code: 'SQLITE_CONSTRAINT_TRIGGER' });
    expect((thrown as Error).message).toContain(path);
    expect((thrown as Error).message).toContain('injected fault');
    store.close();
  });

  it('resumes pending messages, ids, order, topics and stats after reopening', () => {
    const path = freshPath();
    const first = new SqliteOutboxStore({ path, engine });
    first.append([{ data: 'a', topics: ['T1', 'T 2'] }, { data: 'b', topics: [] }, { data: 'c', topics: [] }], { acceptedAt: 5 });
    const [a] = first.pending(1);
    first.remove([a.id]);
    const before = first.pending(10);
    first.close();

    const second = new SqliteOutboxStore({ path, engine });
    expect(second.pending(10)).toEqual(before);
    expect(second.stats()).toEqual({ pendingCount: 2, pendingBytes: 2, oldestAcceptedAt: 5 });
    const next = second.append([{ data: 'd', topics: ['T3'] }], { acceptedAt: 6 }).entries[0]!;
    expect(next.id).toBeGreaterThan(before[before.length - 1].id);
    second.close();

    const third = new SqliteOutboxStore({ path, engine, maxMessages: 2, overflow: 'drop-oldest' });
    expect(third.pending(10).map((entry) => entry.message)).toEqual([
      { data: 'b', topics: [] },
      { data: 'c', topics: [] },
      { data: 'd', topics: ['T3'] },
    ]);
    // Over the (new, smaller) limit: the next append makes room first.
    const outcome = third.append([{ data: 'e', topics: [] }], { acceptedAt: 7 });
    expect(outcome.evicted.map((entry) => entry.message.data)).toEqual(['b', 'c']);
    third.close();
  });

  it('creates the directory of the outbox file', () => {
    const nested = join(directory, `nested-${engine}`, 'deeper');
    const path = join(nested, 'outbox.db');
    expect(existsSync(nested)).toBe(false);
    const store = new SqliteOutboxStore({ path, engine });
    store.append([{ data: 'x', topics: [] }], { acceptedAt: 1 });
    store.close();
    expect(statSync(nested).isDirectory()).toBe(true);
    expect(statSync(path).isFile()).toBe(true);
    // The message went into that file: a store opened on it again finds it.
    const reopened = new SqliteOutboxStore({ path, engine });
    expect(reopened.pending(10).map((entry) => entry.message)).toEqual([{ data: 'x', topics: [] }]);
    reopened.close();
  });

  it('reports a file it cannot open with a typed error naming the path', () => {
    const path = join(directory, `a-directory-${engine}.db`);
    mkdirSync(path);
    expect(() => new SqliteOutboxStore({ path, engine })).toThrow(OutboxStoreError);
    expect(() => new SqliteOutboxStore({ path, engine })).toThrow(path);
  });

  it('createOutboxStore picks the store from the options', () => {
    const memory = createOutboxStore({ maxMessages: 5 });
    expect(memory).toBeInstanceOf(MemoryOutboxStore);
    memory.close();
  });
});
});

describe('createOutboxStore', () => {
  it('opens a durable store with the engine of this Node version when given a path', () => {
    const durable = createOutboxStore({ path: freshPath() });
    expect(durable).toBeInstanceOf(SqliteOutboxStore);
    expect((durable as SqliteOutboxStore).engine).toBe(Number(process.versions.node.split('.')[0]) >= 24 ? 'node:sqlite' : 'better-sqlite3');
    durable.close();
  });
});
