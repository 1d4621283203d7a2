import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteOutboxStore } from '../../lib/outbox/sqlite-outbox-store';
import { forEachEngine } from './sqlite-engines';

const directory = mkdtempSync(join(tmpdir(), 'hologram-recovery-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const PAGE = 4096;

/** Frame layout of a WAL file: where each frame starts and which ones end a transaction. */
function walFrames(wal: Buffer): { offset: number; commit: boolean }[] {
  const frameBytes = 24 + wal.readUInt32BE(8);
  const frames = [];
  for (let offset = 32; offset + frameBytes <= wal.length; offset += frameBytes) frames.push({ offset, commit: wal.readUInt32BE(offset + 4) !== 0 });
  return frames;
}

/**
 * A power cut's image of an open outbox: its file and WAL copied while the store holds them (no
 * checkpoint, as after a crash), the WAL then changed by `tear`. Returns the copy's path and what
 * the store had accepted, batch by batch.
 */
function crashImage(engine: Parameters<Parameters<typeof forEachEngine>[0]>[0], name: string, tear: (wal: Buffer, frames: ReturnType<typeof walFrames>) => void) {
  const path = join(directory, `${name}-${engine.replace(':', '-')}.db`);
  const image = `${path}.image`;
  const store = new SqliteOutboxStore({ path, engine });
  const batches = Array.from({ length: 5 }, (_, batch) =>
    store.append(Array.from({ length: 20 }, (_, i) => ({ data: `b${batch}-${i}-`.padEnd(300, 'x'), topics: ['t'] })), { acceptedAt: batch }).entries.map((entry) => entry!),
  );
  copyFileSync(path, image);
  const wal = readFileSync(`${path}-wal`);
  store.close();
  tear(wal, walFrames(wal));
  writeFileSync(`${image}-wal`, wal);
  return { image, batches };
}

forEachEngine((engine) => {
  describe(`SqliteOutboxStore on ${engine} after a power cut tore the WAL`, () => {
    it('opens as SQLite does when only the last transaction is torn (written back out of order): nothing lost, nothing quarantined', () => {
      const { image, batches } = crashImage(engine, 'torn', (wal, frames) => {
        const commits = frames.flatMap((frame, index) => (frame.commit ? [index] : []));
        const lastStart = commits.at(-2)! + 1;
        expect(commits.at(-1)! - lastStart).toBeGreaterThanOrEqual(1); // the last transaction has several frames
        wal.fill(0, frames[lastStart].offset, frames[lastStart + 1].offset); // its first frame never reached the disk
      });
      const store = new SqliteOutboxStore({ path: image, engine });
      try {
        expect(store.recovery).toBeUndefined();
        const kept = batches.slice(0, -1).flat();
        expect(store.pending(Infinity)).toEqual(kept); // every batch but the torn last one, as SQLite replays it
        expect(store.stats()).toMatchObject({ pendingCount: kept.length });
        expect(readdirSync(directory).filter((file) => file.startsWith('torn') && file.includes('.corrupt-'))).toEqual([]);
      } finally {
        store.close();
      }
    });

    it('quarantines a WAL broken before a transaction that returned, and says messages may be lost', () => {
      const { image, batches } = crashImage(engine, 'broken', (wal, frames) => {
        const commits = frames.flatMap((frame, index) => (frame.commit ? [index] : []));
        const secondBatch = commits.at(-4)!; // the commit frames of the five batches are the last five
        wal.fill(0x5a, frames[secondBatch].offset + 100, frames[secondBatch].offset + 400);
      });
      const store = new SqliteOutboxStore({ path: image, engine });
      try {
        expect(store.recovery).toMatchObject({ path: image, complete: false, reason: expect.stringMatching(/^WAL frame \d+ fails its checksum/) });
        expect(existsSync(store.recovery!.movedTo)).toBe(true);
        expect(store.pending(Infinity)).toEqual(batches[0]); // what SQLite can replay: the first batch
      } finally {
        store.close();
      }
    });
  });
});

describe('SqliteOutboxStore on a damaged file', () => {
  it('a damaged page in the middle of the table: rows on both sides are carried over, ids, order and the id high-water mark kept', () => {
    const path = join(directory, 'middle.db');
    const first = new SqliteOutboxStore({ path });
    for (let batch = 0; batch < 20; batch++) {
      first.append(Array.from({ length: 100 }, (_, i) => ({ data: `row-${batch * 100 + i}-`.padEnd(200, '.'), topics: i % 2 === 0 ? ['t'] : [] })), { acceptedAt: batch });
    }
    const all = first.pending(Infinity);
    first.close(); // checkpointed into the main file
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(PAGE, 0xa5), 0, PAGE, 60 * PAGE); // a leaf page of the table
    closeSync(fd);

    const second = new SqliteOutboxStore({ path });
    const recovery = second.recovery!;
    expect(recovery).toMatchObject({ path, complete: false });
    expect(recovery.reason).toMatch(/^quick_check: .+|^database disk image is malformed$/);
    expect(existsSync(recovery.movedTo)).toBe(true);
    const salvaged = second.pending(Infinity);
    expect(recovery.salvaged).toBe(salvaged.length);
    expect(salvaged.length).toBeGreaterThan(all.length / 2);
    expect(salvaged.length).toBeLessThan(all.length);
    expect(salvaged[0]).toEqual(all[0]); // before the damage
    expect(salvaged.at(-1)).toEqual(all.at(-1)); // and after it
    const byId = new Map(all.map((entry) => [entry.id, entry]));
    salvaged.forEach((entry) => expect(entry).toEqual(byId.get(entry.id)));
    expect(second.stats().pendingCount).toBe(salvaged.length);
    const next = second.append([{ data: 'new', topics: [] }], { acceptedAt: 99 }).entries[0]!;
    expect(next.id).toBeGreaterThan(all.at(-1)!.id);
    second.close();

    const third = new SqliteOutboxStore({ path });
    expect(third.recovery).toBeUndefined();
    expect(third.stats().pendingCount).toBe(salvaged.length + 1);
    third.close();
  });

  it('a sound file reports no recovery', () => {
    const store = new SqliteOutboxStore({ path: join(directory, 'sound.db') });
    expect(store.recovery).toBeUndefined();
    store.close();
  });
});
