import { ModemDisconnectedError } from '../../lib/modem/at/at-errors';
import { Modem } from '../../lib/modem/modem';
import { ModemDetectError } from '../../lib/modem/modem-detect-error';
import { SerialPortListError } from '../../lib/modem/serial-port-connection';
import { openPtyPair, type PtyPair } from '../../lib/testing/pty-pair';
import { ModemSimulator } from '../../lib/testing/modem-simulator';
import { next } from './modem-harness';

/**
 * The Modem over a REAL pty pair opened with the REAL serialport binding, the simulator on the
 * far end: init, identity, status, unplug mid-command, replug with automatic re-init. Detection
 * takes an injected port list: this machine has no udev (and no USB modem) to list real ones.
 */
describe('Modem over a pty with serialport', () => {
  let pair: PtyPair;
  let simulator: ModemSimulator;
  let modem: Modem | undefined;

  beforeEach(async () => {
    pair = await openPtyPair();
    simulator = new ModemSimulator({ vendor: 'u-blox', model: 'R410' });
    simulator.attach(pair.stream);
  });

  afterEach(async () => {
    await modem?.close();
    modem = undefined;
    await simulator.close();
    await pair.close();
  });

  it('opens, initializes and reports identity and status', async () => {
    modem = await Modem.open(pair.path, { baudRate: 115200, signalIntervalMs: 200 });
    expect(modem.state).toBe('ready');
    expect(modem.driver.name).toBe('ublox-sara-r4');
    expect(await modem.identity()).toMatchObject({ model: 'SARA-R410M-02B', imei: '352753090000022', iccid: '8944500102198304834' });
    const status = await next(modem.status$, (s) => s.signal !== undefined && s.operator !== undefined);
    expect(status).toMatchObject({
      state: 'ready',
      registration: { state: 'home', registered: true },
      signal: { rssiDbm: -79, raw: 17 },
      operator: { name: 'T-Mobile' },
    });
  });

  it('fails a command in flight at once on unplug, then re-initializes on replug', async () => {
    modem = await Modem.open(pair.path, { reconnectPollMs: 50, signalIntervalMs: 100 });
    const states: string[] = [];
    modem.state$.subscribe((s) => states.push(s));
    simulator.silence(true); // the command below stays in flight
    const pending = modem.command('AT+CSQ', { timeoutMs: 30_000 });
    await next(simulator.commands$, (c) => c === 'AT+CSQ');
    await pair.unplug();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModemDisconnectedError);
    expect(error).toMatchObject({ disconnected: true, command: 'AT+CSQ' });
    await next(modem.state$, (s) => s === 'reconnecting');
    await expect(modem.command('AT')).rejects.toBeInstanceOf(ModemDisconnectedError);

    simulator.silence(false);
    simulator.setRegistration(5);
    simulator.setSignal(20);
    const stream = await pair.replug();
    simulator.detach();
    simulator.attach(stream);
    const before = simulator.received.commands.length;
    await next(modem.state$, (s) => s === 'ready');
    const reinit = simulator.received.commands.slice(before);
    expect(reinit).toEqual(expect.arrayContaining(['ATE0', 'AT+CMEE=2', 'AT+CEREG=2', 'AT+CMGF=0']));
    expect(modem.registration).toMatchObject({ state: 'roaming' });
    expect(await next(modem.signal$, (s) => s.raw === 20)).toMatchObject({ rssiDbm: -73 });
    expect(states).toEqual(['ready', 'reconnecting', 'initializing', 'ready']);
  });

  it('detects the modem from its USB id with an AT probe', async () => {
    const listPorts = async () => [
      { path: '/dev/does-not-exist', vendorId: '1546', productId: '1102' },
      { path: pair.path, vendorId: '05c6', productId: '90b2' },
      { path: '/dev/ttyS0' },
    ];
    modem = await Modem.detect({ listPorts, probeTimeoutMs: 500 });
    expect(modem.path).toBe(pair.path);
    expect(modem.driver.name).toBe('ublox-sara-r4');
  });

  it('says clearly what to do when ports cannot be listed or nothing answers', async () => {
    const noUdev = async () => {
      throw new SerialPortListError(true, new Error('spawn udevadm ENOENT'));
    };
    const error = await Modem.detect({ listPorts: noUdev }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModemDetectError);
    expect(error).toMatchObject({ reason: 'udev-missing' });
    expect((error as Error).message).toMatch(/--device/);

    simulator.silence(true);
    const silent = await Modem.detect({ listPorts: async () => [{ path: pair.path, vendorId: '2c7c', productId: '0296' }], probeTimeoutMs: 200 }).catch(
      (e: unknown) => e,
    );
    expect(silent).toMatchObject({ reason: 'no-answer', candidates: [pair.path] });
    expect((silent as Error).message).toMatch(/dialout.*ID_MM_DEVICE_IGNORE/);
    await expect(Modem.detect({ listPorts: async () => [] })).rejects.toMatchObject({ reason: 'no-candidates' });
  });
});
