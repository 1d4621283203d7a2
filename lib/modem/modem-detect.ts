import type { ModemDriver } from './drivers/modem-driver';
import { MODEM_DRIVERS } from './drivers/select-driver';
import { groupByIMEI, type ProbedPort } from './detect/detected-modem';
import { portCandidates, type PortCandidate } from './detect/port-candidates';
import { findPortCandidates, probeCandidates, type ModemScanOptions } from './detect/scan-modems';
import { ModemDetectError } from './modem-detect-error';
import type { SerialPortInfo } from './serial-port-connection';
import { SerialPortListError } from './serial-port-connection';

export interface DetectOptions extends ModemScanOptions {
  /** Only the modem with this IMEI (`AT+CGSN`); without it, the first modem that answers. */
  readonly imei?: string;
}

/** A port found to belong to a modem, and what is known of it. */
export interface ModemCandidate extends PortCandidate {
  /** The IMEI the port reported, when it did. */
  readonly imei?: string;
}

/** The listed ports whose USB id belongs to a known modem, in probing order. Pure. */
export function modemCandidates(ports: readonly SerialPortInfo[], drivers: readonly ModemDriver[] = MODEM_DRIVERS): PortCandidate[] {
  return portCandidates(ports, [], [], drivers);
}

/**
 * Finds the modem's AT port: the candidate ports (listed by USB id, scanned, given), each probed
 * with `AT`; the first that answers, or, with `imei`, the first whose modem has that IMEI.
 * Rejects with `ModemDetectError` naming why nothing was found.
 */
export async function detectModemPort(options: DetectOptions = {}): Promise<ModemCandidate> {
  const { candidates, listError } = await findPortCandidates(options);
  if (candidates.length === 0) {
    if (listError instanceof SerialPortListError && listError.udevMissing) throw new ModemDetectError('udev-missing', [], { cause: listError });
    if (listError !== undefined) throw new ModemDetectError('list-failed', [], { cause: listError });
    throw new ModemDetectError('no-candidates');
  }
  const wanted = options.imei;
  const probed: ProbedPort[] = [];
  for (const candidate of candidates) {
    const [port] = await probeCandidates([candidate], options);
    if (port === undefined) continue;
    if (wanted === undefined || port.imei === wanted) return { ...candidate, ...(port.imei === undefined ? {} : { imei: port.imei }) };
    probed.push(port);
  }
  const paths = candidates.map((c) => c.path);
  if (wanted !== undefined && probed.length > 0) {
    throw new ModemDetectError('imei-not-found', paths, { imei: wanted, foundIMEIs: groupByIMEI(probed).map((modem) => modem.imei ?? 'unknown') });
  }
  throw new ModemDetectError('no-answer', paths);
}

