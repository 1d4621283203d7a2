import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { filter, firstValueFrom, timeout } from 'rxjs';
import { Modem } from '../../../lib/modem/modem';
import { CellularNetwork } from '../../../lib/network/cellular';
import type { NetworkState } from '../../../lib/network/network-state';
import { spawnPppd, type PppdSpawner } from '../../../lib/network/ppp/pppd-process';
import { ModemSimulator } from '../../../lib/testing/modem-simulator';
import { openPtyPair, type PtyPair } from '../../../lib/testing/pty-pair';

/**
 * PPP mode over a REAL pty (the real serialport binding) with the simulator on the far end. pppd
 * itself is FAKED (`spec/fixtures/fake-pppd`): this machine's kernel has no PPP support, so the real
 * pppd cannot run here. The fake takes pppd's command line, prints what pppd prints and exits with
 * pppd's codes; everything else (the port handed over and taken back, the child process, its pid,
 * its exit code, the reconnect) is real.
 */
const FAKE_PPPD = join(__dirname, '..', '..', 'fixtures', 'fake-pppd');
const FAST = { backoff: { initialMs: 20, maxMs: 50, resetAfterMs: 60_000 } };

/** Runs the fake pppd in the given modes, one per start (the last one repeats). */
function fakePppd(modes: string[], env: Record<string, string> = {}): { spawn: PppdSpawner; pids: number[] } {
  const pids: number[] = [];
  let run = 0;
  return {
    pids,
    spawn: (path, args) => {
      const mode = modes[Math.min(run++, modes.length - 1)]!;
      const process_ = spawnPppd(path, args, { ...process.env, FAKE_PPPD_MODE: mode, ...env });
      if (process_.pid !== undefined) pids.push(process_.pid);
      return process_;
    },
  };
}

function nextState(network: CellularNetwork, kind: NetworkState['kind'], after?: NetworkState): Promise<NetworkState> {
  return firstValueFrom(network.state$.pipe(filter((s) => s.kind === kind && s !== after), timeout(8000)));
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('CellularNetwork in PPP mode (pppd faked: no kernel PPP here)', () => {
  let pair: PtyPair;
  let simulator: ModemSimulator;
  let modem: Modem;
  let network: CellularNetwork | undefined;
  let pppDevice: string;

  beforeEach(async () => {
    pair = await openPtyPair();
    simulator = new ModemSimulator({ vendor: 'u-blox', model: 'SARA-U201' });
    simulator.attach(pair.stream);
    modem = await Modem.open(pair.path, { reconnectPollMs: 50 });
    // pppd wants a path under /dev/: the pty's own name, the same port as the modem's link to it.
    pppDevice = realpathSync(pair.path);
  });

  afterEach(async () => {
    await network?.close();
    network = undefined;
    await modem.close();
    await simulator.close();
    await pair.close();
  });

  it('hands the port to pppd, reports the addresses, and takes the port back on disconnect()', async () => {
    const pppd = fakePppd(['up'], { FAKE_PPPD_LOCAL_IP: '10.170.23.45', FAKE_PPPD_REMOTE_IP: '10.64.64.64' });
    network = new CellularNetwork(modem, { ...FAST, mode: 'ppp', pppDevice, pppdPath: FAKE_PPPD, pppdSpawn: pppd.spawn });
    const up = await nextState(network, 'connected');
    expect(up).toMatchObject({ detail: 'ppp0 10.170.23.45 peer 10.64.64.64' });
    expect(network.dataMode).toBe('ppp');
    expect(network.transport).toBeUndefined();
    // The AT port is pppd's now: the modem does not read it.
    expect(modem.portIsReleased).toBe(true);
    await expect(modem.command('AT')).rejects.toMatchObject({ disconnected: true });

    await network.disconnect();
    expect(network.state).toMatchObject({ kind: 'disconnected', reason: 'disconnect() was called' });
    expect(alive(pppd.pids[0]!)).toBe(false);
    expect(modem.portIsReleased).toBe(false);
    expect(modem.state).toBe('ready');
    expect((await modem.command('AT+CSQ')).lines[0]).toMatch(/^\+CSQ:/);
  });

  it('on exit code 16 goes disconnected with the reason, then reconnects with a new pppd', async () => {
    const pppd = fakePppd(['drop', 'up'], { FAKE_PPPD_DROP_AFTER_MS: '100' });
    network = new CellularNetwork(modem, { ...FAST, mode: 'ppp', pppDevice, pppdPath: FAKE_PPPD, pppdSpawn: pppd.spawn });
    const events: string[] = [];
    network.events$.subscribe((e) => events.push(e.name));
    const up = await nextState(network, 'connected');
    const down = await nextState(network, 'disconnected');
    expect(down).toMatchObject({ reason: expect.stringMatching(/pppd exited with code 16 \(HANGUP\).*the modem hung up/) });
    await nextState(network, 'connected', up);
    expect(pppd.pids).toHaveLength(2);
    expect(alive(pppd.pids[0]!)).toBe(false);
    expect(events).toEqual(['cellular.connected', 'cellular.disconnected', 'cellular.connected']);
    // Between the two links the modem had its port back and initialized again.
    expect(simulator.received.commands.filter((c) => c === 'ATE0').length).toBeGreaterThanOrEqual(2);
  });

  it('a connect script failure (exit 8) is a disconnected state naming the modem answer, retried', async () => {
    const pppd = fakePppd(['connect-script-fails', 'up']);
    network = new CellularNetwork(modem, { ...FAST, mode: 'ppp', pppDevice, pppdPath: FAKE_PPPD, pppdSpawn: pppd.spawn });
    const down = await nextState(network, 'disconnected');
    expect(down).toMatchObject({ reason: expect.stringMatching(/code 8 \(CONNECT_FAILED\).*NO CARRIER/) });
    await nextState(network, 'connected');
  });

  it('a modem on a stream has no port to hand over', async () => {
    const { duplexPair } = await import('../../../lib/testing/duplex-pair');
    const streamSimulator = new ModemSimulator({ vendor: 'quectel' });
    const [host, device] = duplexPair();
    streamSimulator.attach(device);
    const streamModem = await Modem.fromStream(host);
    try {
      await expect(streamModem.releasePort()).rejects.toMatchObject({ name: 'InvalidArgumentError', argument: 'port' });
    } finally {
      await streamModem.close();
      await streamSimulator.close();
    }
  });

  it('stops only the pppd it started', async () => {
    // Another pppd on the system (the fake, under the name pppd), not ours.
    const script = join(mkdtempSync(join(tmpdir(), 'other-pppd-')), 'chat');
    writeFileSync(script, "'' 'AT'\n");
    const other: ChildProcess = spawn(FAKE_PPPD, ['/dev/null', '115200', 'connect', `chat -f ${script}`, 'nodetach'], {
      env: { ...process.env, FAKE_PPPD_MODE: 'up' },
      stdio: 'ignore',
    });
    try {
      await once(other, 'spawn');
      expect(alive(other.pid!)).toBe(true);
      const pppd = fakePppd(['up']);
      network = new CellularNetwork(modem, { ...FAST, mode: 'ppp', pppDevice, pppdPath: FAKE_PPPD, pppdSpawn: pppd.spawn });
      await nextState(network, 'connected');
      await network.close();
      network = undefined;
      expect(alive(pppd.pids[0]!)).toBe(false);
      expect(alive(other.pid!)).toBe(true);
      expect(modem.portIsReleased).toBe(false);
    } finally {
      other.kill('SIGKILL');
      rmSync(dirname(script), { recursive: true, force: true });
    }
  });
});
