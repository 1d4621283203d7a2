import type { ModemSimulator } from '../../lib/testing/modem-simulator';
import type { PtyPair } from '../../lib/testing/pty-pair';
import { PluggedSimulators } from '../testing/plugged-simulators';
import { RESTEmulator } from '../../lib/testing/rest-emulator';
import { hologram } from './cli-harness';

/**
 * `hologram modem list`, `--imei` and `hologram modem location` as users run them: the built CLI
 * in a child process, simulators on REAL ptys (a u-blox with two AT ports, one IMEI; a Quectel
 * BG96). The ptys are outside /dev, so they are named with --modem-port, as a port the scan cannot
 * see would be. Build before running this alone.
 */
const NOVA_IMEI = '357520070000011';
const BG96_IMEI = '866425030000033';
const BERLIN = { latitude: 52.5200066, longitude: 13.404954, altitude: 34, uncertainty: 800 };

describe('hologram CLI with several modems, and location', () => {
  let bench: PluggedSimulators;
  let simulators: ModemSimulator[];
  let nova: PtyPair;
  let novaSecond: PtyPair;
  let bg96: PtyPair;

  beforeEach(async () => {
    bench = new PluggedSimulators();
    simulators = bench.simulators;
    nova = await bench.plug({ vendor: 'u-blox', model: 'SARA-U201', position: BERLIN, locationDelayMs: 50 });
    novaSecond = await bench.plug({ vendor: 'u-blox', model: 'SARA-U201' });
    bg96 = await bench.plug({ vendor: 'quectel', model: 'BG96', position: BERLIN, locationDelayMs: 300 });
  });
  afterEach(() => bench.close());

  const ports = (): string[] => [nova, novaSecond, bg96].flatMap((pair) => ['--modem-port', pair.path]);

  it('modem list --json shows each modem once, by IMEI, with all its ports', async () => {
    const run = await hologram('modem', 'list', '--json', ...ports());
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual([
      { path: nova.path, paths: [nova.path, novaSecond.path], imei: NOVA_IMEI, manufacturer: 'u-blox', model: 'SARA-U201', driver: 'ublox-sara-u201' },
      { path: bg96.path, paths: [bg96.path], imei: BG96_IMEI, manufacturer: 'Quectel', model: 'BG96', driver: 'quectel-bg96' },
    ]);
    const text = await hologram('modem', 'list', ...ports());
    expect(text.stdout).toContain(`${nova.path} (also ${novaSecond.path})  IMEI ${NOVA_IMEI}  u-blox SARA-U201  u-blox SARA-U201`);
    expect(text.stdout).toContain(`IMEI ${BG96_IMEI}  Quectel BG96  Quectel BG96`);
  });

  it('modem list exits 1 saying where it looked when no modem answers', async () => {
    for (const simulator of simulators) simulator.silence(true);
    const run = await hologram('modem', 'list', '--modem-port', bg96.path);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no modem found .*\/dev\/ttyUSB\*.*--modem-port/);
  });

  it('modem info --imei opens the modem with that IMEI; network status --imei too', async () => {
    const info = await hologram('modem', 'info', '--imei', BG96_IMEI, '--json', ...ports());
    expect(info).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(info.stdout)).toMatchObject({ device: bg96.path, imei: BG96_IMEI, driver: 'quectel-bg96' });
    const status = await hologram('network', 'status', '--imei', NOVA_IMEI, '--json', ...ports());
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ device: nova.path, driver: 'ublox-sara-u201' });
  });

  it('without --imei or --device, several modems are refused with their list (exit 2, nothing opened for good); one modem with two ports is used', async () => {
    const list = [
      `  ${nova.path} (also ${novaSecond.path})  IMEI ${NOVA_IMEI}  u-blox SARA-U201  u-blox SARA-U201`,
      `  ${bg96.path}  IMEI ${BG96_IMEI}  Quectel BG96  Quectel BG96`,
    ].join('\n');
    const refusal = `2 modems found: give --imei IMEI (or --device PATH) to pick one:\n${list}`;
    // The modem commands (Modem) and those through the data connection (CellularNetwork) alike.
    for (const args of [['modem', 'imei'], ['modem', 'sms', 'send', '+15551234567', 'not sent'], ['network', 'status'], ['send', 'not sent', '--network', 'cellular', '--devicekey', 'Tw0m0dem'], ['activate', '--apikey', 'orgkey-Zq8wKx3mP0', '--base-url', 'http://127.0.0.1:9', '--plan', '10', '--preview']]) {
      const run = await hologram(...args, ...ports());
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`hologram ${args[0]}: ${refusal}\n`);
    }
    expect(simulators.flatMap((simulator) => simulator.received.commands).some((line) => line.startsWith('AT+CMGS'))).toBe(false);
    expect(simulators.flatMap((simulator) => simulator.received.sms)).toEqual([]);

    const one = await hologram('modem', 'imei', '--json', '--modem-port', nova.path, '--modem-port', novaSecond.path);
    expect(one).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(one.stdout)).toEqual({ imei: NOVA_IMEI });
    const status = await hologram('network', 'status', '--network', 'cellular', '--json', '--modem-port', bg96.path);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ device: bg96.path, driver: 'quectel-bg96' });
  });

  it('--imei that no modem has fails naming the IMEIs found; bad --imei is a usage error', async () => {
    const missing = await hologram('modem', 'imei', '--imei', '490154203237518', ...ports());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no modem with IMEI 490154203237518 .*357520070000011, 866425030000033/);
    const bad = await hologram('modem', 'info', '--imei', '12x');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--imei must be the modem's 15-digit IMEI, got "12x"/);
    const both = await hologram('network', 'status', '--imei', NOVA_IMEI, '--device', nova.path);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--device or --imei, not both/);
  });

  it('modem location --json: CellLocate on the u-blox (data context brought up and down again), GNSS on the BG96', async () => {
    const cell = await hologram('modem', 'location', '--device', nova.path, '--json');
    expect(cell).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(cell.stdout)).toMatchObject({ method: 'cell-locate', latitude: 52.5200066, longitude: 13.404954, uncertainty: 800 });
    const commands = simulators[0].received.commands;
    expect(commands).toContain('AT+UPSDA=0,3');
    expect(commands.indexOf('AT+UPSDA=0,3')).toBeLessThan(commands.findIndex((c) => c.startsWith('AT+ULOC=')));
    expect(commands.at(-1)).toBe('AT+UPSDA=0,4');

    const gnss = await hologram('modem', 'location', '--imei', BG96_IMEI, ...ports());
    expect(gnss.code).toBe(0);
    expect(gnss.stdout).toMatch(/^52\.52001, 13\.40495 \(HDOP [\d.]+\), altitude 34 m, at \d{4}-\d\d-\d\dT.*Z \(GNSS\)\n$/);
  });

  it('activate --imei reads the ICCID of the modem with that IMEI', async () => {
    const rest = new RESTEmulator({ apiKeys: ['orgkey-Zq8wKx3mP0'], sims: ['89445001021983048425'] });
    await rest.listen();
    try {
      const run = await hologram('activate', '--base-url', rest.baseURL, '--apikey', 'orgkey-Zq8wKx3mP0', '--imei', BG96_IMEI, ...ports(), '--plan', '10', '--preview');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^SIM: 89445001021983048425 \\(read from the modem on ${bg96.path}\\)\\n`));
    } finally {
      await rest.close();
    }
  });

  it('modem location exits 1 with the reason when no fix comes', async () => {
    simulators[2].setPosition(null);
    const run = await hologram('modem', 'location', '--device', bg96.path, '--wait', '1', '--json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({ error: 'timeout', message: 'no GNSS fix within 1000 ms', method: 'gnss' });
    const text = await hologram('modem', 'location', '--device', bg96.path, '--wait', '1');
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/hologram modem location: no GNSS fix within 1000 ms/);
  });
});
