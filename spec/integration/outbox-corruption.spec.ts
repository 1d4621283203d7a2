import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Credentials } from '../../lib/cloud/credentials';
import type { OutboxRecovered } from '../../lib/events/hologram-events';
import { Hologram } from '../../lib/hologram';
import { ManualNetwork } from '../../lib/network/manual-network';
import { WAL_AUTOCHECKPOINT_PAGES } from '../../lib/outbox/outbox-schema';
import { checkWal } from '../../lib/outbox/wal-check';

/**
 * A damaged outbox through the public API: the SDK must start (no crash loop under
 * `Restart=always`), move the damaged file aside, carry over what can be read, and say so with
 * `outbox.recovered`; never open a damaged WAL as if nothing had been in it.
 */
const fixtures = join(__dirname, '..', 'outbox', 'fixtures');
const directory = mkdtempSync(join(tmpdir(), 'hologram-corrupt-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const PAGE = 4096;
const WAL_HEADER = 32;
const FRAME = 24 + PAGE;

/** A real owner process accepts `count` messages in `batches` commits and is SIGKILLed: its WAL stays. */
function fillAndKill(path: string, count: number, batches: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', join(fixtures, 'register-ts.js'), join(fixtures, 'outbox-owner-child.ts'), path, String(count), String(batches)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (chunk) => {
      if (String(chunk).startsWith('READY')) child.kill('SIGKILL');
    });
    child.on('close', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error('owner child ended on its own'))));
  });
}

/** Indexes of the commit frames of the WAL's current generation (the header's salts); a commit frame carries the database size (bytes 4-7). */
function walCommits(wal: Buffer): number[] {
  const frames = Math.floor((wal.length - WAL_HEADER) / FRAME);
  const current = (i: number) => wal.readUInt32BE(WAL_HEADER + i * FRAME + 8) === wal.readUInt32BE(16) && wal.readUInt32BE(WAL_HEADER + i * FRAME + 12) === wal.readUInt32BE(20);
  return Array.from({ length: frames }, (_, i) => i).filter((i) => current(i) && wal.readUInt32BE(WAL_HEADER + i * FRAME + 4) !== 0);
}

function overwrite(path: string, offset: number, length: number): void {
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(length, 0x5a), 0, length, offset);
  closeSync(fd);
}

/** Opens the SDK on `path` and collects what it reports on its first tick. */
async function open(path: string): Promise<{ hologram: Hologram; recovered: OutboxRecovered[] }> {
  const hologram = new Hologram(Credentials.fromDeviceKey('corruptk'), { network: new ManualNetwork({ connected: false }), outbox: { path } });
  const recovered: OutboxRecovered[] = [];
  hologram.event.subscribe('outbox.recovered', (event) => recovered.push(event));
  await new Promise((resolve) => setTimeout(resolve, 20));
  return { hologram, recovered };
}

describe('a damaged durable outbox', () => {
  it('an intact WAL left by a SIGKILL opens with every message and no recovery', async () => {
    const path = join(directory, 'intact.db');
    await fillAndKill(path, 1000, 10);
    expect(checkWal(readFileSync(`${path}-wal`)).state).toBe('ok');
    const { hologram, recovered } = await open(path);
    expect(recovered).toEqual([]);
    expect(hologram.outbox.stats().pendingCount).toBe(1000);
    await hologram.close();
  });

  it('garbage over the WAL header: the loss is detected, reported and the files moved aside, never silent', async () => {
    const path = join(directory, 'wal-header.db');
    await fillAndKill(path, 1000, 10);
    overwrite(`${path}-wal`, 0, 64);
    const { hologram, recovered } = await open(path);
    expect(recovered).toHaveLength(1);
    const [event] = recovered;
    expect(event).toMatchObject({ path, complete: false, reason: 'WAL header unreadable' });
    expect(event.movedTo).toMatch(new RegExp(`^${path.replace(/[.]/g, '\\.')}\\.corrupt-\\d{4}-\\d\\d-\\d\\dT`));
    expect(existsSync(event.movedTo)).toBe(true);
    expect(existsSync(`${event.movedTo}-wal`)).toBe(true); // kept for inspection, as found
    expect(hologram.outbox.stats().pendingCount).toBe(event.salvaged);
    // The SDK works on the fresh outbox.
    hologram.send$.next({ data: 'after', topics: [] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(hologram.outbox.stats().pendingCount).toBe(event.salvaged + 1);
    await hologram.close();
  });

  it('garbage in the middle of the WAL: the commits before the break are salvaged, the rest reported lost', async () => {
    const path = join(directory, 'wal-middle.db');
    // 8 bursts of 5: one commit each after the schema's, few enough frames that no checkpoint
    // restarts the WAL (it checkpoints every WAL_AUTOCHECKPOINT_PAGES frames): every commit stays in it.
    await fillAndKill(path, 40, 8);
    const wal = readFileSync(`${path}-wal`);
    expect(checkWal(wal).state).toBe('ok');
    expect((wal.length - WAL_HEADER) / FRAME).toBeLessThan(WAL_AUTOCHECKPOINT_PAGES);
    const commits = walCommits(wal);
    expect(commits).toHaveLength(9); // the schema, then the 8 bursts
    // Break the first frame of the 4th burst: 3 bursts returned before it, 5 returned after it.
    const broken = commits[3] + 1;
    const after = commits.filter((commit) => commit >= broken).length;
    expect(after).toBe(5);
    overwrite(`${path}-wal`, WAL_HEADER + broken * FRAME + 24 + 100, 200); // page data of that frame
    expect(checkWal(readFileSync(`${path}-wal`))).toMatchObject({ state: 'damaged', frames: broken });
    const { hologram, recovered } = await open(path);
    expect(recovered).toHaveLength(1);
    const [event] = recovered;
    expect(event).toMatchObject({ path, complete: false, salvaged: 15 });
    expect(event.reason).toBe(`WAL frame ${broken + 1} fails its checksum with ${after} commits at or after it`);
    expect(existsSync(`${event.movedTo}-wal`)).toBe(true); // kept for inspection, as found
    expect(hologram.outbox.stats().pendingCount).toBe(15);
    await hologram.close();
  });

  it('a torn last transaction in the WAL is no damage: the commits before it open, nothing is reported', async () => {
    const path = join(directory, 'wal-torn-tail.db');
    await fillAndKill(path, 40, 8);
    const commits = walCommits(readFileSync(`${path}-wal`));
    expect(commits).toHaveLength(9);
    // The last transaction's first frame never reached the disk whole; its commit frame did.
    overwrite(`${path}-wal`, WAL_HEADER + (commits[7] + 1) * FRAME + 24 + 100, 200);
    const { hologram, recovered } = await open(path);
    expect(recovered).toEqual([]);
    expect(hologram.outbox.stats().pendingCount).toBe(35); // the last burst never returned
    await hologram.close();
  });

  it('garbage in the main file: the SDK starts on a fresh outbox instead of throwing on every start', async () => {
    const path = join(directory, 'main.db');
    const first = await open(path);
    for (let seq = 0; seq < 50; seq++) first.hologram.send$.next({ data: `m-${seq}`, topics: [] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(first.hologram.outbox.stats().pendingCount).toBe(50);
    await first.hologram.close();
    overwrite(path, 0, 100); // the SQLite header

    const second = await open(path);
    expect(second.recovered).toHaveLength(1);
    expect(second.recovered[0]).toMatchObject({ path, salvaged: 0, complete: false });
    expect(second.recovered[0].reason).toMatch(/not a database/);
    expect(existsSync(second.recovered[0].movedTo)).toBe(true);
    await second.hologram.close();

    const third = await open(path); // and the next start is a normal one
    expect(third.recovered).toEqual([]);
    await third.hologram.close();
  });
});
