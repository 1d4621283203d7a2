import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Credentials } from '../../lib/cloud/credentials';
import { HologramError } from '../../lib/errors';
import { Hologram } from '../../lib/hologram';
import { ManualNetwork } from '../../lib/network/manual-network';
import { OutboxLockedError } from '../../lib/outbox/outbox-locked-error';

/**
 * One owner per outbox, through the public API with real processes: two `Hologram`s on one
 * outbox file (a service restarted while the old one still runs, a CLI run beside it) would send
 * every message twice. The second one must be refused at once, told who owns the file, and the
 * lock must die with its owner (SIGKILL leaves no stale lock).
 */
const fixtures = join(__dirname, '..', 'outbox', 'fixtures');
const directory = mkdtempSync(join(tmpdir(), 'hologram-owner-'));
const children: ChildProcess[] = [];
afterEach(() => children.splice(0).forEach((child) => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

interface Owner {
  readonly child: ChildProcess;
  /** Resolves with the first line the child prints (`READY ...` or `REFUSED ...`). */
  readonly firstLine: Promise<string>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startOwner(path: string, count: number): Owner {
  const child = spawn(process.execPath, ['-r', join(fixtures, 'register-ts.js'), join(fixtures, 'outbox-owner-child.ts'), path, String(count)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  const firstLine = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.split('\n')[0]);
    });
    void exited.then(({ code }) => reject(new Error(`owner child exited with ${code} before a line: ${stderr}`)));
  });
  return { child, firstLine, exited };
}

const openHologram = (path: string) =>
  new Hologram(Credentials.fromDeviceKey('ownerkey'), { network: new ManualNetwork({ connected: false }), outbox: { path } });

describe('one owner per durable outbox', () => {
  it('refuses a second process at once with OutboxLockedError naming the file and the owner pid', async () => {
    const path = join(directory, 'shared.db');
    const first = startOwner(path, 100);
    expect(await first.firstLine).toBe(`READY ${first.child.pid} 100`);

    const second = startOwner(path, 100);
    const refusal = await second.firstLine;
    const [, name, pid, ms, ...message] = refusal.split(' ');
    expect([name, Number(pid), message.join(' ')]).toEqual(['OutboxLockedError', first.child.pid, `Outbox ${path} is in use by process ${first.child.pid}: one process at a time may own an outbox`]);
    expect((await second.exited).code).toBe(3);
    // At once: no waiting for the lock (SQLite's busy timeout would make it 5 s).
    expect(Number(ms)).toBeLessThan(1000);

    // This process too, through the same public API.
    let thrown: unknown;
    try {
      openHologram(path);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OutboxLockedError);
    expect(thrown).toBeInstanceOf(HologramError);
    expect(thrown).toMatchObject({ path, pid: first.child.pid });
  });

  it('leaves no stale lock after the owner is SIGKILLed: the next open succeeds and finds its messages', async () => {
    const path = join(directory, 'killed.db');
    const first = startOwner(path, 250);
    expect(await first.firstLine).toBe(`READY ${first.child.pid} 250`);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    const next = startOwner(path, 250);
    expect(await next.firstLine).toBe(`READY ${next.child.pid} 250`); // resumed, not re-accepted
    next.child.kill('SIGKILL');
    await next.exited;

    const hologram = openHologram(path);
    expect(hologram.outbox.stats().pendingCount).toBe(250);
    await hologram.close();
  });

  it('refuses a second owner in the same process, and frees the file on close()', async () => {
    const path = join(directory, 'same-process.db');
    const first = openHologram(path);
    expect(() => openHologram(path)).toThrow(OutboxLockedError);
    expect(() => openHologram(path)).toThrow(`process ${process.pid}`);
    await first.close();
    const second = openHologram(path);
    await second.close();
  });
});
