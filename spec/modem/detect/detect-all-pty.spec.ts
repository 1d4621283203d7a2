import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filter, firstValueFrom } from 'rxjs';
import { scanModems } from '../../../lib/modem/detect/scan-modems';
import { Modem } from '../../../lib/modem/modem';
import { ModemDetectError } from '../../../lib/modem/modem-detect-error';
import { SerialPortListError } from '../../../lib/modem/serial-port-connection';
import { CellularNetwork } from '../../../lib/network/cellular/cellular-network';
import type { PtyPair } from '../../../lib/testing/pty-pair';
import { PluggedSimulators } from '../../testing/plugged-simulators';

/**
 * Several modems on one device, each simulator on a REAL pty opened with the REAL serialport
 * binding: a u-blox SARA-U201 that exposes two AT ports (two ptys answering with one IMEI, as a
 * modem with two ACM interfaces does) and a Quectel BG96. Ports are found the way this machine
 * allows (no udev): the scan of a device directory and explicit candidate paths.
 */
const NOVA_IMEI = '357520070000011';
const BG96_IMEI = '866425030000033';
const noUdev = async (): Promise<never> => {
  throw new SerialPortListError(true, new Error('spawn udevadm ENOENT'));
};

describe('several modems on one device', () => {
  const modems: Modem[] = [];
  let bench: PluggedSimulators;
  let novaFirst: PtyPair;
  let novaSecond: PtyPair;
  let bg96: PtyPair;
  let root: string;

  beforeEach(async () => {
    bench = new PluggedSimulators();
    novaFirst = await bench.plug({ vendor: 'u-blox', model: 'SARA-U201' });
    novaSecond = await bench.plug({ vendor: 'u-blox', model: 'SARA-U201' });
    bg96 = await bench.plug({ vendor: 'quectel', model: 'BG96' });
    root = mkdtempSync(join(tmpdir(), 'hologram-dev-'));
  });

  afterEach(async () => {
    for (const modem of modems.splice(0)) await modem.close();
    await bench.close();
    rmSync(root, { recursive: true, force: true });
  });

  /** A device directory as Linux would show these modems: ttyACM0/1 (the Nova), ttyUSB2 (the BG96), by-id names. */
  function deviceDirectory(): { devDirectory: string; byIdDirectory: string; sysfsTtyDirectory: string } {
    const dev = join(root, 'dev');
    const byId = join(dev, 'serial', 'by-id');
    mkdirSync(byId, { recursive: true });
    symlinkSync(novaFirst.path, join(dev, 'ttyACM0'));
    symlinkSync(novaSecond.path, join(dev, 'ttyACM1'));
    symlinkSync(bg96.path, join(dev, 'ttyUSB2'));
    symlinkSync(bg96.path, join(byId, 'usb-Quectel_BG96-if02-port0'));
    return { devDirectory: dev, byIdDirectory: byId, sysfsTtyDirectory: join(root, 'no-sysfs') };
  }

  it('Modem.detectAll opens each modem once, by IMEI, from the scan that works without udev', async () => {
    const found = await Modem.detectAll({ listPorts: noUdev, scan: deviceDirectory(), probeTimeoutMs: 1000 });
    modems.push(...found);
    expect(found).toHaveLength(2);
    const byIMEI = new Map(await Promise.all(found.map(async (modem) => [await modem.imei(), modem] as const)));
    expect([...byIMEI.keys()].sort()).toEqual([NOVA_IMEI, BG96_IMEI]);
    expect(byIMEI.get(NOVA_IMEI)!.driver.name).toBe('ublox-sara-u201');
    expect([realpathSync(novaFirst.path), realpathSync(novaSecond.path)]).toContain(byIMEI.get(NOVA_IMEI)!.path);
    expect(byIMEI.get(BG96_IMEI)!.path).toBe(realpathSync(bg96.path));
    expect(found.every((modem) => modem.state === 'ready')).toBe(true);
  });

  it('scanModems lists them without opening: each modem once with all its ports', async () => {
    const found = await scanModems({ listPorts: noUdev, scan: false, candidatePaths: [novaFirst.path, bg96.path, novaSecond.path] });
    expect(found.map((m) => ({ paths: m.paths, imei: m.imei, model: m.model, driver: m.driver.name }))).toEqual([
      { paths: [novaFirst.path, novaSecond.path], imei: NOVA_IMEI, model: 'SARA-U201', driver: 'ublox-sara-u201' },
      { paths: [bg96.path], imei: BG96_IMEI, model: 'BG96', driver: 'quectel-bg96' },
    ]);
  });

  it('finds nothing, without failing, when no port answers', async () => {
    bench.simulators.forEach((simulator) => simulator.silence(true));
    await expect(Modem.detectAll({ listPorts: noUdev, scan: false, candidatePaths: [bg96.path], probeTimeoutMs: 200 })).resolves.toEqual([]);
  });

  it('Modem.detect({ imei }) opens the modem with that IMEI, and names the IMEIs found when none has it', async () => {
    const options = { listPorts: noUdev, scan: false as const, candidatePaths: [novaFirst.path, novaSecond.path, bg96.path] };
    const modem = await Modem.detect({ ...options, imei: BG96_IMEI });
    modems.push(modem);
    expect(modem.path).toBe(bg96.path);
    expect(modem.driver.name).toBe('quectel-bg96');

    const error = await Modem.detect({ ...options, imei: '490154203237518', probeTimeoutMs: 500 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModemDetectError);
    expect(error).toMatchObject({ reason: 'imei-not-found', imei: '490154203237518', foundIMEIs: [NOVA_IMEI] });
    expect((error as Error).message).toMatch(/no modem with IMEI 490154203237518/);
  });

  it('CellularNetwork uses the modem it is given: by IMEI, by device path, or a Modem instance', async () => {
    const modemOptions = { listPorts: noUdev, scan: false as const, candidatePaths: [novaFirst.path, bg96.path] };
    const byIMEI = new CellularNetwork({ imei: BG96_IMEI, modemOptions }, { autoConnect: false });
    expect((await connectedModem(byIMEI)).path).toBe(bg96.path);
    expect(await byIMEI.modem?.imei()).toBe(BG96_IMEI);
    await byIMEI.close();

    const byDevice = new CellularNetwork({ device: novaSecond.path }, { autoConnect: false });
    expect((await connectedModem(byDevice)).path).toBe(novaSecond.path);
    await byDevice.close();

    const given = await Modem.open(bg96.path);
    modems.push(given);
    const byInstance = new CellularNetwork(given, { autoConnect: false });
    expect(byInstance.modem).toBe(given);
    await byInstance.close();
    expect(given.state).toBe('ready');
  });

  /** Connects (the network opens its modem then) and resolves with the modem it opened. */
  async function connectedModem(network: CellularNetwork): Promise<Modem> {
    const opened = firstValueFrom(network.modem$.pipe(filter((modem): modem is Modem => modem !== undefined)));
    network.connect().catch(() => undefined);
    return opened;
  }

  it('refuses a malformed IMEI, and a device and an IMEI together, naming them', () => {
    expect(() => new CellularNetwork({ imei: '12ab' })).toThrow(/imei must be the modem's 15-digit IMEI, got "12ab"/);
    expect(() => new CellularNetwork({ imei: NOVA_IMEI, device: '/dev/ttyUSB0' })).toThrow(/not both/);
  });
});
