import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Credentials } from '../../lib/cloud/credentials';
import type { OutboxRecovered } from '../../lib/events/hologram-events';
import { Hologram } from '../../lib/hologram';
import { ManualNetwork } from '../../lib/network/manual-network';
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
    await fillAndKill(path, 1000, 10);
    const wal = readFileSync(`${path}-wal`);
    expect(checkWal(wal).state).toBe('ok');
    // Commit frames carry the database size (bytes 4-7 of the frame header); break the last commit's first frame.
    const frames = (wal.length - WAL_HEADER) / FRAME;
    const commits = Array.from({ length: frames }, (_, i) => i).filter((i) => wal.readUInt32BE(WAL_HEADER + i * FRAME + 4) !== 0);
    expect(commits.length).toBeGreaterThan(2); // schema, then several bursts of messages
    const broken = commits[commits.length - 2] + 1;
    overwrite(`${path}-wal`, WAL_HEADER + broken * FRAME + 24 + 100, 200); // page data of that frame
    const { hologram, recovered } = await open(path);
    expect(recovered).toHaveLength(1);
    const [event] = recovered;
    expect(event).toMatchObject({ complete: false });
    expect(event.reason).toBe(`WAL frame ${broken + 1} fails its checksum and later frames follow it`);
    expect(event.salvaged).toBeGreaterThan(0);
    expect(event.salvaged).toBeLessThan(1000);
    expect(hologram.outbox.stats().pendingCount).toBe(event.salvaged);
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
