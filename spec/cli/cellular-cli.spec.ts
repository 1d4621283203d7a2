import { encodeDeliver } from '../../lib/modem/sms/encode-deliver';
import { CloudEmulator } from '../../lib/testing/cloud-emulator';
import { ModemSimulator } from '../../lib/testing/modem-simulator';
import { openPtyPair, type PtyPair } from '../../lib/testing/pty-pair';
import { hologram } from './cli-harness';

/**
 * The CLI through the cellular modem: the built CLI in a child process opens a REAL pty with
 * serialport; this process plays the modem (the simulator), whose AT sockets reach the cloud
 * emulator over real TCP. Build before running this alone.
 */
const KEY = 'Ce1lUl4r';

describe('hologram CLI over the cellular modem (simulator on a pty)', () => {
  let pair: PtyPair;
  let simulator: ModemSimulator;
  let emulator: CloudEmulator;

  beforeEach(async () => {
    emulator = new CloudEmulator({ deviceKeys: [KEY] });
    await emulator.listen();
    pair = await openPtyPair();
    simulator = new ModemSimulator({ vendor: 'u-blox', model: 'SARA-U201', mapConnect: () => ({ host: '127.0.0.1', port: emulator.port }) });
    simulator.attach(pair.stream);
  });
  afterEach(async () => {
    await simulator.close();
    await pair.close();
    await emulator.close();
  });

  it('send --network cellular --device goes through the modem AT sockets to the cloud', async () => {
    const run = await hologram('send', 'via the modem', 'second', '-t', 'cell', '--network', 'cellular', '--device', pair.path, '--devicekey', KEY, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n').map((line) => JSON.parse(line))).toMatchObject([
      { message: 'via the modem', code: 0, ok: true },
      { message: 'second', code: 0, ok: true },
    ]);
    // The cloud got them from the modem's socket (the default cloud host, redirected by the simulator).
    expect(emulator.messages.map((frame) => [frame.data, frame.topics])).toEqual([
      ['via the modem', ['cell']],
      ['second', ['cell']],
    ]);
    // Each frame names the modem as the Python SDK does (its Nova_U201 class) and the SDK version.
    for (const frame of emulator.messages) expect(frame.metadata).toMatch(/^\u0001nova_u201-\d+\.\d+\.\d+/);
    expect(simulator.received.commands.some((line) => /^AT\+USOCO=\d+,"cloudsocket\.hologram\.io",9999/.test(line))).toBe(true);
    expect(simulator.received.socketWrites.length).toBeGreaterThanOrEqual(2);
  });

  it('send --network cellular leaves stored SMS in the modem; receive --sms prints them, then they are deleted', async () => {
    const stored = ['first stored', 'second stored'].map((text, i) =>
      simulator.injectSMS(encodeDeliver({ sender: '+15555550160', text, timestamp: new Date(Date.UTC(2026, 1, 2, 3, i)) }).pdu, { store: true }),
    );
    const run = await hologram('send', 'while SMS wait', '--network', 'cellular', '--device', pair.path, '--devicekey', KEY, '--json');
    expect(run.code).toBe(0);
    expect(emulator.messages.map((frame) => frame.data)).toEqual(['while SMS wait']);
    expect(simulator.received.commands.filter((line) => /^AT\+CMG[LRD]/.test(line))).toEqual([]);

    const list = await hologram('modem', 'sms', 'list', '--device', pair.path, '--json');
    expect(JSON.parse(list.stdout).map((sms: { text: string }) => sms.text)).toEqual(['first stored', 'second stored']);

    const received = await hologram('receive', '--sms', '--device', pair.path, '--count', '2', '--json');
    expect(received.code).toBe(0);
    expect(received.stdout.trim().split('\n').slice(1).map((line) => JSON.parse(line).text)).toEqual(['first stored', 'second stored']);
    for (const index of stored) expect(simulator.received.commands).toContain(`AT+CMGD=${index}`);
    expect((await hologram('modem', 'sms', 'list', '--device', pair.path)).stdout.trim()).toBe('no stored messages');
  });

  it('network status --json reads registration, operator, signal and the data context; connect then disconnect change it', async () => {
    const before = await hologram('network', 'status', '--device', pair.path, '--json');
    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout)).toEqual({
      device: pair.path,
      driver: 'ublox-sara-u201',
      modem: 'ready',
      registration: 'home',
      registered: true,
      operator: 'T-Mobile',
      signalDbm: -79,
      dataContext: 'inactive',
    });
    const connected = await hologram('network', 'connect', '--device', pair.path, '--json');
    expect(connected.code).toBe(0);
    expect(JSON.parse(connected.stdout)).toEqual({ state: 'connected', detail: expect.stringMatching(/u-blox AT sockets, 10\.170\.56\.23/), mode: 'sockets' });
    expect(JSON.parse((await hologram('network', 'status', '--device', pair.path, '--json')).stdout)).toMatchObject({ dataContext: 'active' });
    const disconnected = await hologram('network', 'disconnect', '--device', pair.path, '--json');
    expect(JSON.parse(disconnected.stdout)).toEqual({ disconnected: true, wasActive: true });
    expect((await hologram('network', 'status', '--device', pair.path)).stdout).toBe('home on T-Mobile, signal -79 dBm, data context inactive\n');
    expect(JSON.parse((await hologram('network', 'status', '--device', pair.path, '--json')).stdout)).toMatchObject({ dataContext: 'inactive' });
  });

  it('network status as text, and unregistered', async () => {
    simulator.setRegistration(2);
    const run = await hologram('network', 'status', '--device', pair.path);
    expect(run).toMatchObject({ code: 0, stdout: 'searching, signal -79 dBm, data context inactive\n' });
  });

  it('receive --sms prints an SMS the modem stores, then stops after --count', async () => {
    const pending = hologram('receive', '--sms', '--device', pair.path, '--count', '1', '--json');
    // Delivered once the CLI has the modem configured for new-message indications.
    await new Promise<void>((resolve) => {
      const subscription = simulator.commands$.subscribe((line) => {
        if (/^AT\+CMGL/.test(line) || /^AT\+CNMI/.test(line)) {
          subscription.unsubscribe();
          resolve();
        }
      });
    });
    simulator.injectSMS(encodeDeliver({ sender: '+15555550177', text: 'reboot please', timestamp: new Date('2026-01-02T03:04:05Z') }).pdu);
    const run = await pending;
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual([
      { listening: { via: 'sms', device: pair.path } },
      { type: 'sms', from: '+15555550177', text: 'reboot please', timestamp: '2026-01-02T03:04:05.000Z', parts: 1, complete: true },
    ]);
  });

  it('exits 2 saying only that the device path does not exist', async () => {
    const run = await hologram('network', 'status', '--device', '/dev/nonexistent-modem');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("hologram network: the device path /dev/nonexistent-modem does not exist: check --device (the modem's AT port, e.g. /dev/ttyUSB2)\n");
  });
});
