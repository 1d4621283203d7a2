import { logger } from '../../logging';
import { listSerialPorts, SerialPortListError, type SerialPortInfo } from '../serial-port-connection';
import { groupByIMEI, type DetectedModem, type ProbedPort } from './detected-modem';
import { portCandidates, type PortCandidate } from './port-candidates';
import { probePort } from './probe-port';
import { scanSerialPorts, type PortScanOptions } from './serial-port-scan';
import type { SerialBinding } from '../serial-binding';

const log = logger('modem');

/** Where and how to look for modems. */
export interface ModemScanOptions {
  readonly baudRate?: number;
  /** How long each candidate has to answer `AT` (default 1000 ms). */
  readonly probeTimeoutMs?: number;
  /** Lists the serial ports (default `listSerialPorts`, which needs udev; its failure is not fatal). */
  readonly listPorts?: () => Promise<SerialPortInfo[]>;
  /**
   * The scan that works without udev (`/dev/ttyUSB*`, `/dev/ttyACM*`, `/dev/serial/by-id`); `false`
   * turns it off. Default: on, in the real directories.
   */
  readonly scan?: PortScanOptions | false;
  /** More ports to probe, first, whatever their USB id (a pty, a port the scan cannot see). */
  readonly candidatePaths?: readonly string[];
  /** The serialport binding the probes open ports through (default: the platform's). */
  readonly binding?: SerialBinding;
}

/** The ports to probe, and whether listing them failed for want of udev (to say so when none is found). */
export async function findPortCandidates(options: ModemScanOptions): Promise<{ candidates: PortCandidate[]; listError?: unknown }> {
  let listed: SerialPortInfo[] = [];
  let listError: unknown;
  try {
    listed = await (options.listPorts ?? listSerialPorts)();
  } catch (error) {
    listError = error;
    log('listing serial ports failed (%s): scanning instead', error instanceof SerialPortListError && error.udevMissing ? 'no udev' : error);
  }
  const scanned = options.scan === false ? [] : await scanSerialPorts(options.scan);
  return { candidates: portCandidates(listed, scanned, options.candidatePaths ?? []), listError };
}

/** Probes the candidates one by one (two ports of one modem are not opened at once). */
export async function probeCandidates(candidates: readonly PortCandidate[], options: ModemScanOptions): Promise<ProbedPort[]> {
  const probed: ProbedPort[] = [];
  for (const candidate of candidates) {
    const port = await probePort(candidate.path, { baudRate: options.baudRate, timeoutMs: options.probeTimeoutMs ?? 1000, usbId: candidate.usbId, binding: options.binding });
    if (port !== undefined) probed.push(port);
  }
  return probed;
}

/**
 * Every usable modem once, by IMEI (`Modem.detectAll`, `hologram modem list`): the candidate
 * ports are probed with `AT` and asked their IMEI; ports of one modem count once. Resolves with
 * none rather than failing when nothing answers.
 */
export async function scanModems(options: ModemScanOptions = {}): Promise<DetectedModem[]> {
  const { candidates } = await findPortCandidates(options);
  return groupByIMEI(await probeCandidates(candidates, options));
}
