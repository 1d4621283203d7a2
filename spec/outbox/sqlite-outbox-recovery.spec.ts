import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteOutboxStore } from '../../lib/outbox/sqlite-outbox-store';

const directory = mkdtempSync(join(tmpdir(), 'hologram-recovery-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const PAGE = 4096;

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
