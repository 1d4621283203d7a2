import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Credentials } from '../../lib/cloud/credentials';
import { Hologram } from '../../lib/hologram';
import { ManualNetwork } from '../../lib/network/manual-network';
import { OutboxStoreError } from '../../lib/outbox/outbox-store-error';
import type { SqliteConnection, SqliteEngine } from '../../lib/outbox/sqlite-engine';
import { SqliteOutboxStore } from '../../lib/outbox/sqlite-outbox-store';
import { CloudEmulator } from '../../lib/testing/cloud-emulator';
import { fillDisk, mountTmpfs } from '../support/tmpfs';
import { anyEngine, forEachEngine } from './sqlite-engines';

/**
 * The outbox on a real 4 MiB tmpfs, where its own file can fill the disk: it must always have
 * room to acknowledge. Readings of the file go through a connection of their own.
 */
const disk = mountTmpfs('4m', 'hologram-small-disk-');
if (disk.kind === 'unavailable') console.warn(`small-disk outbox tests skipped: ${disk.reason}`);
afterAll(() => {
  if (disk.kind === 'mounted') disk.unmount();
});
const onDisk = disk.kind === 'mounted' ? describe : describe.skip;
const directory = disk.kind === 'mounted' ? disk.directory : '';
// Each case starts on an empty disk.
afterEach(() => {
  if (disk.kind === 'mounted') for (const file of readdirSync(directory)) rmSync(join(directory, file), { recursive: true, force: true });
});

/** A 300-byte reading, as in the field report. */
const reading = (n: number) => ({ data: `reading-${n}-`.padEnd(290, 'x'), topics: ['t1'] });
const walBytes = (path: string): number => {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
};
/** WAL bound: 32 frames before a checkpoint, one more transaction's frames, the header. */
const WAL_BOUND = 40 * (4096 + 24) + 32;

function rowsOnDisk(reader: SqliteConnection): number {
  return reader.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox').get()!.n;
}

forEachEngine((engine, load) => {
  onDisk(`SqliteOutboxStore on ${engine} on a 4 MiB tmpfs`, () => {
    it('accepts until it refuses (ENOSPC, named), keeps the WAL small, and then removes every message on that disk', () => {
      const path = join(directory, `own-${engine.replace(':', '-')}.db`);
      const store = new SqliteOutboxStore({ path, engine });
      const reader: SqliteEngine = load();
      let maxWal = 0;
      try {
        const ids: number[] = [];
        let refusal: unknown;
        for (let n = 0; refusal === undefined; n++) {
          try {
            ids.push(store.append([reading(n)], { acceptedAt: n }).entries[0]!.id);
          } catch (error) {
            refusal = error;
          }
          maxWal = Math.max(maxWal, walBytes(path));
          expect(store.stats().pendingCount).toBe(ids.length);
        }
        expect(refusal).toBeInstanceOf(OutboxStoreError);
        expect(refusal).toMatchObject({ code: 'ENOSPC', path, message: expect.stringMatching(/refuses new messages: \d+ bytes free on its file system \(and \d+ in its file\), and it keeps 393216 free/) });
        expect(ids.length).toBeGreaterThan(4000); // of 300 B each: the disk holds the messages, not the WAL
        const check = reader.open(path, { readOnly: true });
        try {
          expect(rowsOnDisk(check)).toBe(ids.length);
        } finally {
          check.close();
        }
        // Acknowledging on the disk it filled: one id at a time, the worst case.
        for (const id of ids) {
          expect(store.remove([id])).toBe(1);
          maxWal = Math.max(maxWal, walBytes(path));
        }
        expect(store.stats()).toEqual({ pendingCount: 0, pendingBytes: 0, oldestAcceptedAt: undefined });
        expect(walBytes(path)).toBe(0); // checkpointed once empty
        expect(maxWal).toBeLessThanOrEqual(WAL_BOUND);
        // And accepts again, about as many as before: into the pages the removals freed inside the file.
        let again = 0;
        expect(() => {
          for (;;) {
            store.append([reading(again)], { acceptedAt: 1 });
            again++;
          }
        }).toThrow(OutboxStoreError);
        expect(again).toBeGreaterThan(ids.length * 0.95);
      } finally {
        store.close();
      }
    });

    it('another file takes the last byte: new messages are refused, removals go through on the reserve, and all recovers once it is freed', () => {
      const path = join(directory, `other-${engine.replace(':', '-')}.db`);
      const store = new SqliteOutboxStore({ path, engine });
      try {
        const ids = store.append(Array.from({ length: 200 }, (_, n) => reading(n)), { acceptedAt: 1 }).entries.map((entry) => entry!.id);
        for (let n = 0; n < 300; n++) ids.push(store.append([reading(n)], { acceptedAt: 2 }).entries[0]!.id);
        expect(statSync(`${path}.reserve`).size).toBe(256 * 1024);
        const free = fillDisk(join(directory, 'filler'));
        // What fits in room the outbox already holds (its WAL) may still be stored; then it refuses.
        let refusal: unknown;
        for (let n = 0; n < 1000 && refusal === undefined; n++) {
          try {
            ids.push(store.append([reading(n)], { acceptedAt: 3 }).entries[0]!.id);
          } catch (error) {
            refusal = error;
          }
        }
        expect(refusal).toBeInstanceOf(OutboxStoreError);
        expect((refusal as OutboxStoreError).code).toMatch(/^ENOSPC$|^SQLITE_FULL$|^SQLITE_IOERR/);
        expect(store.stats().pendingCount).toBe(ids.length);
        for (const id of ids) expect(store.remove([id])).toBe(1); // the reserve pays for these
        expect(store.stats().pendingCount).toBe(0);
        free();
        store.append([reading(-2)], { acceptedAt: 4 });
        expect(store.stats().pendingCount).toBe(1);
        expect(statSync(`${path}.reserve`).size).toBe(256 * 1024); // made again once room returned
      } finally {
        store.close();
      }
    });
  });
});

onDisk('Hologram with outbox: { path } on a 4 MiB tmpfs (the field report)', () => {
  it('accepts until refused; a cloud answering every message gets each one, all reported delivered within 60 s, none sent again after a restart; stats true throughout', async () => {
    const path = join(directory, 'facade', 'outbox.db');
    const emulator = new CloudEmulator({ deviceKeys: ['abcdefgh'] });
    const port = await emulator.listen();
    const credentials = Credentials.fromDeviceKey('abcdefgh');
    const network = new ManualNetwork({ connected: false });
    const hologram = new Hologram(credentials, { network, outbox: { path }, sendHost: '127.0.0.1', sendPort: port, concurrency: 4 });
    let second: Hologram | undefined;
    try {
      const delivered = new Set<string>();
      const deliveries: Promise<void>[] = [];
      let refused: unknown;
      let accepted = 0;
      for (let n = 0; refused === undefined; n++) {
        const message = reading(n);
        let outcome: 'waiting' | 'refused' = 'waiting';
        deliveries.push(
          hologram.sendMessage(message.data, message.topics).then(
            (result) => {
              expect(result.ok).toBe(true);
              delivered.add(message.data);
            },
            (error: unknown) => {
              outcome = 'refused';
              refused = error;
            },
          ),
        );
        await new Promise((resolve) => setImmediate(resolve));
        if (outcome === 'waiting') accepted++;
        expect(hologram.outbox.stats().pendingCount).toBe(accepted); // true at every moment
      }
      expect(refused).toMatchObject({ code: 'ENOSPC' });
      expect(accepted).toBeGreaterThan(4000);

      const probe = anyEngine().open(path, { readOnly: true }); // a connection of its own: what is really stored
      const started = Date.now();
      network.setConnected(true);
      // Never more pending than stored, never more stored than not yet reported delivered.
      const untrue: string[] = [];
      let sampled = 0;
      const samples = setInterval(() => {
        const { pendingCount } = hologram.outbox.stats();
        const stored = rowsOnDisk(probe);
        sampled++;
        if (pendingCount > stored || stored > accepted - delivered.size) untrue.push(`pending ${pendingCount}, stored ${stored}, reported ${delivered.size}`);
      }, 50);
      await Promise.all(deliveries);
      clearInterval(samples);
      expect(untrue).toEqual([]);
      expect(sampled).toBeGreaterThan(10);
      const elapsed = Date.now() - started;
      expect(elapsed).toBeLessThan(60_000);
      expect(delivered.size).toBe(accepted);
      expect(hologram.outbox.stats().pendingCount).toBe(0);
      expect(new Set(emulator.messages.map((frame) => frame.data)).size).toBe(accepted);
      probe.close();
      await hologram.close();

      // A restart sends nothing again.
      const before = emulator.messages.length;
      second = new Hologram(credentials, { network: new ManualNetwork({ connected: true }), outbox: { path }, sendHost: '127.0.0.1', sendPort: port });
      expect(second.outbox.stats().pendingCount).toBe(0);
      // A message sent now goes through a live delivery: it arrives alone, with nothing resent.
      expect((await second.sendMessage('after restart')).ok).toBe(true);
      expect(emulator.messages.slice(before).map((m) => m.data)).toEqual(['after restart']);
      console.log(`4 MiB tmpfs: ${accepted} messages of 300 B accepted, all delivered in ${elapsed} ms, ${before - accepted} sent twice`);
    } finally {
      await second?.close();
      await hologram.close();
      network.close();
      await emulator.close();
    }
  }, 120_000);
});
