import { spawn as spawnChild, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { filter, firstValueFrom, timeout, toArray, takeUntil } from 'rxjs';
import { PPPLink, type PPPLinkOptions } from '../../../lib/network/ppp/ppp-link';
import { PPPConnectionError } from '../../../lib/network/ppp/ppp-connection-error';
import { spawnPppd } from '../../../lib/network/ppp/pppd-process';
import type { PPPLinkState } from '../../../lib/network/ppp/ppp-link-state';

/**
 * PPPLink against a real child process. pppd itself is faked (spec/fixtures/fake-pppd) because
 * this machine's kernel has no PPP support: the fake takes pppd's real command line, reads the
 * chat script we wrote, prints pppd's real output lines and exits with pppd's real codes.
 *
 * The fake is run through a symlink named `pppd`, so its process name is `pppd` like the real one.
 */
const fixture = resolve(__dirname, '../../fixtures/fake-pppd');
const directory = mkdtempSync(join(tmpdir(), 'hrxt-ppp-'));
const pppdPath = join(directory, 'pppd');
symlinkSync(fixture, pppdPath);

const links: PPPLink[] = [];
/** The arguments of each pppd started through makeLink(). */
const startedArgs: string[][] = [];
const others: ChildProcess[] = [];

afterEach(async () => {
  await Promise.all(links.splice(0).map((link) => link.close()));
});

afterAll(() => {
  for (const child of others) child.kill('SIGKILL');
  rmSync(directory, { recursive: true, force: true });
});

function makeLink(env: Record<string, string>, options: Partial<PPPLinkOptions> = {}): PPPLink {
  const link = new PPPLink({
    device: '/dev/ttyUSB0',
    pppdPath,
    spawn: (path, args) => {
      startedArgs.push([...args]);
      return spawnPppd(path, args, { ...process.env, ...env });
    },
    ...options,
  });
  links.push(link);
  return link;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const stateOf = (link: PPPLink, kind: PPPLinkState['kind']) =>
  firstValueFrom(link.state$.pipe(filter((state) => state.kind === kind), timeout({ first: 10_000 })));

describe('PPPLink with a fake pppd (no PPP in this kernel)', () => {
  it('connects, exposes the addresses, and disconnect() ends only its pppd, leaving no file behind', async () => {
    const link = makeLink({ FAKE_PPPD_MODE: 'up' }, { apn: 'iot.example' });
    const lines: string[] = [];
    link.output$.subscribe((line) => lines.push(line));
    const states: string[] = [];
    link.state$.subscribe((state) => states.push(state.kind));

    const endpoints = await link.connect();
    expect(endpoints).toEqual({ interface: 'ppp0', localIP: '10.170.23.45', remoteIP: '10.64.64.64' });
    expect(link.state).toMatchObject({ kind: 'connected', interface: 'ppp0', localIP: '10.170.23.45', remoteIP: '10.64.64.64' });
    const pid = link.pid!;
    expect(readFileSync(`/proc/${pid}/comm`, 'utf8').trim()).toBe('pppd');
    // The chat script pppd ran carried our APN.
    expect(lines).toContain('send (AT+CGDCONT=1,"IP","iot.example"^M)');
    const chatScriptPath = /chat -v -s -f (\S+)/.exec(startedArgs.at(-1)!.join(' '))![1]!;
    expect(existsSync(chatScriptPath)).toBe(true);

    await link.disconnect();
    expect(isAlive(pid)).toBe(false);
    expect(link.state).toMatchObject({ kind: 'stopped', exitCode: 5, signal: null });
    expect((link.state as { error?: unknown }).error).toBeUndefined();
    expect(existsSync(chatScriptPath)).toBe(false);
    expect(states).toEqual(['stopped', 'starting', 'connected', 'stopped']);
    expect(lines).toContain('Terminating on signal 15');
  });

  it('maps a failed connect script to PPPConnectionError 8 with the modem answer', async () => {
    const link = makeLink({ FAKE_PPPD_MODE: 'connect-script-fails' });
    const error = await link.connect().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PPPConnectionError);
    expect(error).toMatchObject({ exitCode: 8, exitName: 'CONNECT_FAILED', detail: 'the modem answered NO CARRIER' });
    expect(link.state).toMatchObject({ kind: 'stopped', exitCode: 8, error });
  });

  it('maps missing kernel support to PPPConnectionError 4', async () => {
    const link = makeLink({ FAKE_PPPD_MODE: 'no-kernel-support' });
    await expect(link.connect()).rejects.toMatchObject({
      exitCode: 4,
      reason: 'the kernel does not support PPP (module not loaded or not built in)',
      detail: 'this kernel has no PPP support (try modprobe ppp_generic)',
    });
  });

  it('reports a link that drops after it connected', async () => {
    const link = makeLink({ FAKE_PPPD_MODE: 'drop', FAKE_PPPD_DROP_AFTER_MS: '200' });
    await link.connect();
    const stopped = await stateOf(link, 'stopped');
    expect(stopped).toMatchObject({ kind: 'stopped', exitCode: 16 });
    const error = (stopped as { error?: PPPConnectionError }).error;
    expect(error).toBeInstanceOf(PPPConnectionError);
    expect(error).toMatchObject({ exitCode: 16, exitName: 'HANGUP', detail: 'the modem hung up' });
  });

  it('escalates to SIGKILL when pppd ignores SIGTERM', async () => {
    const link = makeLink({ FAKE_PPPD_MODE: 'ignore-term' }, { stopTimeoutMs: 300 });
    await link.connect();
    const pid = link.pid!;
    await link.disconnect();
    expect(isAlive(pid)).toBe(false);
    expect(link.state).toMatchObject({ kind: 'stopped', exitCode: null, signal: 'SIGKILL' });
  });

  it('disconnect() leaves alone another pppd it did not start', async () => {
    const script = join(directory, 'other-chat-script');
    writeFileSync(script, "OK 'AT'\n");
    const other = spawnChild(pppdPath, ['/dev/ttyUSB1', '115200', 'connect', `chat -f ${script}`, 'nodetach'], { stdio: ['ignore', 'pipe', 'ignore'] });
    others.push(other);
    // Its first output line comes after it named itself pppd.
    await new Promise((done) => other.stdout!.once('data', done));
    expect(readFileSync(`/proc/${other.pid}/comm`, 'utf8').trim()).toBe('pppd');

    const link = makeLink({ FAKE_PPPD_MODE: 'up' });
    await link.connect();
    const pid = link.pid!;
    await link.disconnect();
    expect(isAlive(pid)).toBe(false);
    expect(isAlive(other.pid!)).toBe(true);
  });

  it('unsubscribing from connect$ before the link is up stops the pppd it started', async () => {
    const link = makeLink({ FAKE_PPPD_MODE: 'up', FAKE_PPPD_CONNECT_AFTER_MS: '30000' });
    const dialling = firstValueFrom(link.output$.pipe(filter((line) => line === 'expect (CONNECT)')));
    const subscription = link.connect$().subscribe({ error: () => undefined });
    await dialling;
    const pid = link.pid!;
    expect(isAlive(pid)).toBe(true);
    const stopped = stateOf(link, 'stopped');
    subscription.unsubscribe();
    await expect(stopped).resolves.toMatchObject({ kind: 'stopped', exitCode: 5 });
    expect(isAlive(pid)).toBe(false);
  });

  it('a second connect() while connecting joins the same pppd', async () => {
    const link = makeLink({ FAKE_PPPD_MODE: 'up', FAKE_PPPD_CONNECT_AFTER_MS: '200' });
    const starts = link.state$.pipe(filter((state) => state.kind === 'starting'), takeUntil(link.state$.pipe(filter((s) => s.kind === 'connected'))), toArray());
    const counted = firstValueFrom(starts);
    const [a, b] = await Promise.all([link.connect(), link.connect()]);
    expect(a).toEqual(b);
    expect(await counted).toHaveLength(1);
  });

  it('reports a pppd that cannot be found as PPPConnectionError naming the cause', async () => {
    const link = new PPPLink({ device: '/dev/ttyUSB0', pppdPath: join(directory, 'no-such-pppd') });
    links.push(link);
    const error = await link.connect().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PPPConnectionError);
    expect((error as PPPConnectionError).detail).toMatch(/ENOENT/);
  });

  it('refuses a bad APN or device at construction', () => {
    expect(() => new PPPLink({ device: '/dev/ttyUSB0', apn: 'bad apn' })).toThrow(/"bad apn"/);
    expect(() => new PPPLink({ device: 'ttyUSB0' })).toThrow(/device/);
  });

  it('close() stops pppd and completes state$; connect() after close is refused', async () => {
    const link = makeLink({ FAKE_PPPD_MODE: 'up' });
    await link.connect();
    const pid = link.pid!;
    let completed = false;
    link.state$.subscribe({ complete: () => (completed = true) });
    await link.close();
    expect(completed).toBe(true);
    expect(isAlive(pid)).toBe(false);
    await expect(link.connect()).rejects.toMatchObject({ name: 'ClosedError', resource: 'ppp-link', which: '/dev/ttyUSB0', message: 'The PPP link on /dev/ttyUSB0 is closed' });
  });
});
