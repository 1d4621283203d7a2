import { AtEngine } from './at/at-engine';
import { driverForUsbId, MODEM_DRIVERS } from './drivers/select-driver';
import type { ModemDriver, UsbId } from './drivers/modem-driver';
import { ModemDetectError } from './modem-detect-error';
import { listSerialPorts, SerialPortConnection, SerialPortListError, type SerialPortInfo } from './serial-port-connection';
import { logger } from '../logging';

const log = logger('modem');

export interface DetectOptions {
  readonly baudRate?: number;
  /** How long each candidate has to answer `AT` (default 1000 ms). */
  readonly probeTimeoutMs?: number;
  /** Lists the serial ports (default `listSerialPorts`, which needs udev). */
  readonly listPorts?: () => Promise<SerialPortInfo[]>;
}

/** A port whose USB id belongs to a known modem. */
export interface ModemCandidate {
  readonly path: string;
  readonly usbId: UsbId;
  readonly driver: ModemDriver;
}

/**
 * The ports that belong to known modems, in probing order: by path within one device, so a
 * Quectel's `ttyUSB2` (AT port) comes after `ttyUSB0/1` (diagnostics, NMEA) that will not answer, and
 * `/dev/serial/by-id` names are not listed twice. Pure.
 */
export function modemCandidates(ports: readonly SerialPortInfo[], drivers: readonly ModemDriver[] = MODEM_DRIVERS): ModemCandidate[] {
  const result: ModemCandidate[] = [];
  for (const port of ports) {
    if (!port.vendorId || !port.productId) continue;
    const usbId = { vendorId: port.vendorId.toLowerCase(), productId: port.productId.toLowerCase() };
    const driver = driverForUsbId(usbId, drivers);
    if (driver) result.push({ path: port.path, usbId, driver });
  }
  return result.sort((a, b) => a.path.localeCompare(b.path, undefined, { numeric: true }));
}

/** Probes one port with `AT`; true when it answers OK. The port is closed again. */
async function probe(path: string, baudRate: number | undefined, timeoutMs: number): Promise<boolean> {
  const connection = new SerialPortConnection({ path, baudRate, reopen: false });
  const engine = new AtEngine(undefined, { resync: { probeTimeoutMs: 1, quietMs: 1 } });
  try {
    engine.attach(await connection.open());
    await engine.send('AT', { timeoutMs, retry: false });
    return true;
  } catch (error) {
    log('probe of %s failed: %s', path, error instanceof Error ? error.message : error);
    return false;
  } finally {
    engine.close();
    await connection.dispose();
  }
}

/** Finds the modem's AT port: known USB ids, then an `AT` probe on each candidate. */
export async function detectModemPort(options: DetectOptions = {}): Promise<ModemCandidate> {
  let ports: SerialPortInfo[];
  try {
    ports = await (options.listPorts ?? listSerialPorts)();
  } catch (error) {
    if (error instanceof SerialPortListError && error.udevMissing) throw new ModemDetectError('udev-missing', [], { cause: error });
    throw new ModemDetectError('list-failed', [], { cause: error });
  }
  const candidates = modemCandidates(ports);
  if (candidates.length === 0) throw new ModemDetectError('no-candidates');
  for (const candidate of candidates) {
    if (await probe(candidate.path, options.baudRate, options.probeTimeoutMs ?? 1000)) return candidate;
  }
  throw new ModemDetectError('no-answer', candidates.map((c) => c.path));
}
