import { openPtyPair, type PtyPair } from '../../lib/testing/pty-pair';
import { ModemSimulator } from '../../lib/testing/modem-simulator';
import { encodeDeliver } from '../../lib/modem/sms/encode-deliver';
import { decodePDU } from '../../lib/modem/sms/decode-pdu';
import { hologram, startCli } from './cli-harness';

/**
 * `hologram modem ...` as users run it: the built CLI in a child process, against the simulator on
 * a REAL pty pair (this process plays the modem). `npm test` builds first; build before running
 * this alone.
 */

describe('hologram modem', () => {
  let pair: PtyPair;
  let simulator: ModemSimulator;

  beforeEach(async () => {
    pair = await openPtyPair();
    simulator = new ModemSimulator({ vendor: 'u-blox', model: 'SARA-U201' });
    simulator.attach(pair.stream);
  });

  afterEach(async () => {
    await simulator.close();
    await pair.close();
  });

  it('info --json prints identity, signal, registration and operator', async () => {
    const run = await hologram('modem', 'info', '--device', pair.path, '--json');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const info = JSON.parse(run.stdout);
    expect(info).toMatchObject({
      device: pair.path,
      driver: 'ublox-sara-u201',
      manufacturer: 'u-blox',
      model: 'SARA-U201',
      imei: '357520070000011',
      iccid: '8944500102198304826',
      imsi: '234507097123456',
      registration: { state: 'home', registered: true },
      signal: { rssiDbm: -79, raw: 17 },
      operator: { name: 'T-Mobile' },
    });
  });

  it('info as text, imei, sim, operator, type, command', async () => {
    const info = await hologram('modem', 'info', '--device', pair.path);
    expect(info.code).toBe(0);
    expect(info.stdout).toMatch(/IMEI:\s+357520070000011/);
    expect(info.stdout).toMatch(/Signal:\s+-79 dBm \(CSQ 17\)/);
    expect(info.stdout).not.toMatch(/signal:/);
    expect((await hologram('modem', 'imei', '--device', pair.path)).stdout.trim()).toBe('357520070000011');
    expect((await hologram('modem', 'sim', '--device', pair.path)).stdout.trim()).toBe('8944500102198304826');
    expect((await hologram('modem', 'operator', '--device', pair.path)).stdout.trim()).toBe('T-Mobile');
    expect((await hologram('modem', 'type', '--device', pair.path, '--json')).stdout).toContain('"driver":"ublox-sara-u201"');
    const command = await hologram('modem', 'command', 'AT+CSQ', '--device', pair.path);
    expect(command).toMatchObject({ code: 0, stdout: '+CSQ: 17,99\nOK\n' });
    simulator.failNext('AT+CIMI', 10);
    const failed = await hologram('modem', 'command', 'AT+CIMI', '--device', pair.path);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/AT\+CIMI failed: \+CME ERROR: SIM not inserted/);
  });

  it('sends an SMS, lists and reads stored ones', async () => {
    const sent = await hologram('modem', 'sms', 'send', '+15551234567', 'hello from the CLI', '--device', pair.path, '--json');
    expect(sent.code).toBe(0);
    expect(JSON.parse(sent.stdout)).toMatchObject({ destination: '+15551234567', parts: 1 });
    expect(decodePDU(simulator.received.sms[0].pduHex)).toMatchObject({ text: 'hello from the CLI' });

    const index = simulator.injectSMS(encodeDeliver({ sender: 'InfoSMS', text: 'stored one', timestamp: new Date('2024-03-01T12:00:00Z') }).pdu);
    const list = await hologram('modem', 'sms', 'list', '--device', pair.path, '--json');
    expect(JSON.parse(list.stdout)).toEqual([
      { indexes: [index], status: 'unread', type: 'deliver', from: 'InfoSMS', text: 'stored one', timestamp: '2024-03-01T12:00:00.000Z', parts: 1, complete: true },
    ]);
    const read = await hologram('modem', 'sms', 'read', '--device', pair.path);
    expect(read.stdout).toContain('InfoSMS');
    expect(read.stdout).toContain('"stored one"');
    expect((await hologram('modem', 'sms', 'list', '--device', pair.path)).stdout.trim()).toBe('no stored messages');
  });

  it('sms list shows a two-part message stored second part first as one message with its slots; --raw shows the parts', async () => {
    const concat = (sequence: number) => ({ reference: 77, total: 2, sequence });
    const timestamp = new Date('2026-04-05T06:07:08Z');
    const second = simulator.injectSMS(encodeDeliver({ sender: '+15555550188', text: ' and the rest', timestamp, concat: concat(2) }).pdu, { store: true });
    const first = simulator.injectSMS(encodeDeliver({ sender: '+15555550188', text: 'The start', timestamp, concat: concat(1) }).pdu, { store: true });
    const orphan = simulator.injectSMS(encodeDeliver({ sender: 'InfoSMS', text: 'only part 1', timestamp, concat: { reference: 5, total: 3, sequence: 1 } }).pdu, { store: true });

    const json = await hologram('modem', 'sms', 'list', '--device', pair.path, '--json');
    expect(json).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(json.stdout)).toEqual([
      { indexes: [first, second], status: 'unread', type: 'deliver', from: '+15555550188', text: 'The start and the rest', timestamp: '2026-04-05T06:07:08.000Z', parts: 2, complete: true },
      { indexes: [orphan], status: 'unread', type: 'deliver', from: 'InfoSMS', text: 'only part 1', timestamp: '2026-04-05T06:07:08.000Z', parts: 3, complete: false, missing: [2, 3] },
    ]);
    // Listing marks them read, as a modem does.
    const text = await hologram('modem', 'sms', 'list', '--device', pair.path);
    expect(text.stdout.split('\n').filter(Boolean)).toEqual([
      `[${first},${second}] read +15555550188 2026-04-05T06:07:08.000Z "The start and the rest" (2 parts)`,
      `[${orphan}] read InfoSMS 2026-04-05T06:07:08.000Z "only part 1" (incomplete: 1 of 3 parts, missing 2, 3)`,
    ]);

    const raw = await hologram('modem', 'sms', 'list', '--raw', '--device', pair.path);
    expect(raw.stdout.split('\n').filter(Boolean)).toEqual([
      `[${second}] read +15555550188 2026-04-05T06:07:08.000Z " and the rest" (part 2/2)`,
      `[${first}] read +15555550188 2026-04-05T06:07:08.000Z "The start" (part 1/2)`,
      `[${orphan}] read InfoSMS 2026-04-05T06:07:08.000Z "only part 1" (part 1/3)`,
    ]);
    const rawJson = JSON.parse((await hologram('modem', 'sms', 'list', '--raw', '--json', '--device', pair.path)).stdout);
    expect(rawJson.map((slot: { index: number; part: string }) => [slot.index, slot.part])).toEqual([
      [second, '2/2'],
      [first, '1/2'],
      [orphan, '1/3'],
    ]);
    // Listing deletes nothing.
    expect(simulator.received.commands.filter((line) => line.startsWith('AT+CMGD'))).toEqual([]);
    expect((await hologram('modem', 'sms', 'read', '--raw', '--device', pair.path)).code).toBe(2);
  });

  it('signal --watch prints changes until interrupted, then exits 0', async () => {
    const run = startCli('modem', 'signal', '--watch', '--interval', '0.1', '--device', pair.path);
    await run.lineMatching(/-79 dBm.*home/);
    simulator.setSignal(25);
    await run.lineMatching(/-63 dBm/);
    simulator.setRegistration(5);
    await run.lineMatching(/roaming/);
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
  });

  it('exits 2 on bad usage, 2 saying only that a missing device path does not exist, and 1 naming what to check when it cannot open', async () => {
    const usage = await hologram('modem', 'frobnicate', '--device', pair.path);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/unknown action "frobnicate"/);
    expect((await hologram('modem', 'command', '--device', pair.path)).code).toBe(2);
    expect((await hologram('modem', 'info', '--baud', 'fast', '--device', pair.path)).stderr).toMatch(/--baud must be a whole number above 0, got "fast"/);
    expect((await hologram('modem', 'info', '--timeout', '0', '--device', pair.path)).stderr).toMatch(/--timeout must be a positive number above 0, got "0"/);
    expect((await hologram('modem', 'location', '--wait', '1000', '--device', pair.path)).stderr).toMatch(/--wait must be at most 999 seconds, got "1000"/);
    const missing = await hologram('modem', 'info', '--device', '/dev/ttyDOESNOTEXIST');
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toBe("hologram modem: the device path /dev/ttyDOESNOTEXIST does not exist: check --device (the modem's AT port, e.g. /dev/ttyUSB2)\n");
    // A path that exists but is no modem port: then permissions and ModemManager are worth checking.
    const notSerial = await hologram('modem', 'info', '--device', '/dev/null');
    expect(notSerial.code).toBe(1);
    expect(notSerial.stderr).toMatch(/dialout/);
    expect(notSerial.stderr).toContain('ID_MM_DEVICE_IGNORE');
  });

  it('without --device, says that detection needs udev on this machine', async () => {
    const run = await hologram('modem', 'info');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--device/);
  });
});
