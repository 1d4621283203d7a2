import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutboxStoreError } from '../../lib/outbox/outbox-store-error';
import { SqliteOutboxStore } from '../../lib/outbox/sqlite-outbox-store';
import { pragma, pragmaValue, type SqliteConnection, type SqliteEngine } from '../../lib/outbox/sqlite-engine';
import { forEachEngine, watchConnections } from './sqlite-engines';

/**
 * A full disk, for real: the outbox on a 1 MiB tmpfs (mounting needs root; CI runs as root). Every
 * operation that fails must throw OutboxStoreError naming SQLITE_FULL and change nothing; every
 * one that returns must really have happened (checked through a second connection on the file);
 * once space returns, the same store works again.
 */
const isRoot = process.getuid?.() === 0;
const mountPoint = mkdtempSync(join(tmpdir(), 'hologram-full-'));
let mounted = false;
if (isRoot) {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint]);
    mounted = true;
  } catch (error) {
    console.warn(`disk-full outbox test skipped: cannot mount a tmpfs (${(error as Error).message.split('\n')[0]})`);
  }
} else {
  console.warn('disk-full outbox test skipped: mounting a small tmpfs needs root');
}
afterAll(() => {
  if (mounted) execFileSync('umount', ['--lazy', mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

/** Fills what is left of the file system with a file; returns a function that deletes it. */
function fillDisk(path: string): () => void {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return () => unlinkSync(path);
}

/** Ids stored in the file, read by a connection of its own (so not from the store's memory). */
function idsOnDisk(engine: SqliteEngine, path: string): number[] {
  const db = engine.open(path, { readOnly: true });
  try {
    return db.prepare<[], { id: number }>('SELECT id FROM outbox ORDER BY id').all().map((row) => row.id);
  } finally {
    db.close();
  }
}

forEachEngine((engine, load) => {
(mounted ? describe : describe.skip)(`SqliteOutboxStore on ${engine} on a full disk (1 MiB tmpfs)`, () => {
  it('never counts a failed append or remove as done, and works again when space returns', () => {
    const path = join(mountPoint, `${engine}.db`);
    // Room that "returns" at the end: freed with the filler, enough for the WAL to grow again.
    const ballast = join(mountPoint, 'ballast');
    writeFileSync(ballast, Buffer.alloc(256 * 1024, 1));
    // No headroom and no reserve: SQLite itself meets the full disk (see sqlite-outbox-small-disk.spec.ts for the headroom).
    const store = new SqliteOutboxStore({ path, engine, minFreeBytes: 0, reserveBytes: 0 });
    try {
      fillUntilFullAndBack(store, path, ballast, (file) => idsOnDisk(load(), file));
    } finally {
      store.close();
      rmSync(path, { force: true });
    }
  });
});

/** Appends until the disk is full, removes on a disk with no byte left, then frees space and goes on. */
function fillUntilFullAndBack(store: SqliteOutboxStore, path: string, ballast: string, idsOnDisk: (path: string) => number[]): void {
  const message = (n: number) => ({ data: `full-${n}-`.padEnd(500, 'x'), topics: [] });

  // Appends until the disk is full: each either stores its whole batch or throws and stores nothing.
  let accepted: number[] = [];
  let appendFailures = 0;
  for (let batch = 0; batch < 200 && appendFailures < 3; batch++) {
    try {
      const outcome = store.append(Array.from({ length: 20 }, (_, i) => message(batch * 20 + i)), { acceptedAt: batch });
      accepted = accepted.concat(outcome.entries.map((entry) => entry!.id));
    } catch (error) {
      expect(error).toBeInstanceOf(OutboxStoreError);
      expect(error).toMatchObject({ path, code: expect.stringMatching(/^ENOSPC$|^SQLITE_FULL|^SQLITE_IOERR/) });
      appendFailures++;
    }
    expect(store.stats().pendingCount).toBe(accepted.length);
  }
  expect(appendFailures).toBeGreaterThan(0);
  expect(idsOnDisk(path)).toEqual(accepted);

  // Removes on a disk with no byte left: each either happened (gone from the file) or threw and kept every id of its batch.
  const freeSpace = fillDisk(join(mountPoint, 'filler'));
  let waiting = [...accepted];
  let removeFailures = 0;
  for (let i = 0; i + 5 <= accepted.length && i < 500; i += 5) {
    const ids = accepted.slice(i, i + 5);
    try {
      expect(store.remove(ids)).toBe(5);
      waiting = waiting.filter((id) => !ids.includes(id));
    } catch (error) {
      expect(error).toBeInstanceOf(OutboxStoreError);
      expect((error as OutboxStoreError).code).toMatch(/^SQLITE_FULL|^SQLITE_IOERR/);
      expect((error as Error).message).toContain(path);
      removeFailures++;
    }
    expect(store.stats().pendingCount).toBe(waiting.length);
    expect(store.stats().pendingCount).toBeGreaterThanOrEqual(0);
  }
  // Most go through even here (a checkpoint lets the WAL start over in room it already holds);
  // whichever failed kept every id of its batch, as checked above.
  void removeFailures;
  expect(idsOnDisk(path)).toEqual(waiting);

  // Space returns: the same store removes and accepts again.
  freeSpace();
  unlinkSync(ballast);
  expect(store.remove(waiting.slice(0, 5))).toBe(5);
  waiting = waiting.slice(5);
  const [next] = store.append([message(-1)], { acceptedAt: 999 }).entries;
  waiting.push(next!.id);
  expect(store.stats().pendingCount).toBe(waiting.length);
  expect(idsOnDisk(path)).toEqual(waiting);
}

/** Where no file system can be mounted: the database's own size limit (appends only; a delete never grows the file). */
describe(`SqliteOutboxStore on ${engine} at its max_page_count`, () => {
  it('a failed append throws SQLITE_FULL, stores nothing, and appends work again once the limit is raised', () => {
    const directory = mkdtempSync(join(tmpdir(), 'hologram-pages-'));
    const path = join(directory, 'outbox.db');
    const watch = watchConnections(load(), path);
    const store = new SqliteOutboxStore({ path, engine });
    watch.restore();
    const db = watch.opened[watch.opened.length - 1];
    try {
      store.append([{ data: 'first', topics: [] }], { acceptedAt: 1 });
      pragma(db, `max_page_count = ${pragmaValue(db, 'page_count') as number}`);
      let thrown: unknown;
      try {
        store.append(Array.from({ length: 200 }, (_, i) => ({ data: `${i}`.padEnd(1000, 'x'), topics: [] })), { acceptedAt: 2 });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(OutboxStoreError);
      expect(thrown).toMatchObject({ path, code: 'SQLITE_FULL' });
      expect(store.stats().pendingCount).toBe(1);
      expect(idsOnDisk(load(), path)).toHaveLength(1);
      pragma(db, 'max_page_count = 1000000');
      store.append([{ data: 'again', topics: [] }], { acceptedAt: 3 });
      expect(store.pending(10).map((entry) => entry.message.data)).toEqual(['first', 'again']);
    } finally {
      store.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
});
