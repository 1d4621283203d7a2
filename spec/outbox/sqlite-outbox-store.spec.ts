import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOutboxStore } from '../../lib/outbox/create-outbox-store';
import { MemoryOutboxStore } from '../../lib/outbox/memory-outbox-store';
import { OutboxStoreError } from '../../lib/outbox/outbox-store-error';
import { SqliteOutboxStore } from '../../lib/outbox/sqlite-outbox-store';
import { outboxStoreContract } from './outbox-store.contract';

const directory = mkdtempSync(join(tmpdir(), 'hologram-outbox-'));
let files = 0;
const freshPath = () => join(directory, `outbox-${++files}.db`);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

outboxStoreContract('SqliteOutboxStore', (limits) => new SqliteOutboxStore({ path: freshPath(), ...limits }));

describe('SqliteOutboxStore', () => {
  it('uses WAL with synchronous FULL', () => {
    const store = new SqliteOutboxStore({ path: freshPath() });
    const db = (store as unknown as { db: { pragma(s: string, o: object): unknown } }).db;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    store.close();
  });

  it('resumes pending messages, ids, order, topics and stats after reopening', () => {
    const path = freshPath();
    const first = new SqliteOutboxStore({ path });
    first.append([{ data: 'a', topics: ['T1', 'T 2'] }, { data: 'b', topics: [] }, { data: 'c', topics: [] }], { acceptedAt: 5 });
    const [a] = first.pending(1);
    first.remove([a.id]);
    const before = first.pending(10);
    first.close();

    const second = new SqliteOutboxStore({ path });
    expect(second.pending(10)).toEqual(before);
    expect(second.stats()).toEqual({ pendingCount: 2, pendingBytes: 2, oldestAcceptedAt: 5 });
    const next = second.append([{ data: 'd', topics: ['T3'] }], { acceptedAt: 6 }).entries[0]!;
    expect(next.id).toBeGreaterThan(before[before.length - 1].id);
    second.close();

    const third = new SqliteOutboxStore({ path, maxMessages: 2, overflow: 'drop-oldest' });
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
    const store = new SqliteOutboxStore({ path: join(directory, 'nested', 'deeper', 'outbox.db') });
    store.append([{ data: 'x', topics: [] }], { acceptedAt: 1 });
    store.close();
  });

  it('reports a file it cannot open with a typed error naming the path', () => {
    const path = join(directory, 'not-a-db.db');
    require('node:fs').writeFileSync(path, 'this is not a database, it is text long enough to be read as a header');
    expect(() => new SqliteOutboxStore({ path })).toThrow(OutboxStoreError);
    expect(() => new SqliteOutboxStore({ path })).toThrow(path);
  });

  it('createOutboxStore picks the store from the options', () => {
    const memory = createOutboxStore({ maxMessages: 5 });
    expect(memory).toBeInstanceOf(MemoryOutboxStore);
    const durable = createOutboxStore({ path: freshPath() });
    expect(durable).toBeInstanceOf(SqliteOutboxStore);
    memory.close();
    durable.close();
  });
});
