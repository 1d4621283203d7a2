import { driverForUSBId, MODEM_DRIVERS } from '../drivers/select-driver';
import type { ModemDriver, USBId } from '../drivers/modem-driver';
import type { SerialPortInfo } from '../serial-port-connection';
import type { ScannedPort } from './serial-port-scan';

/** A port worth probing with `AT`, and what is known of it beforehand. */
export interface PortCandidate {
  readonly path: string;
  /** Known when the port listing or sysfs gave it. */
  readonly usbId?: USBId;
  /** The driver of that USB id, when it is a known modem's. */
  readonly driver?: ModemDriver;
}

const byPath = (a: PortCandidate, b: PortCandidate): number => a.path.localeCompare(b.path, undefined, { numeric: true });

/**
 * The ports to probe, each once, pure: the paths given by the caller first, in their order; then
 * listed and scanned ports with a known modem USB id; then scanned ports whose USB id nobody could
 * tell (a tty without sysfs). A port with a USB id that is not a modem's is left alone: writing
 * `AT` to a GPS receiver or a microcontroller is not ours to do.
 */
export function portCandidates(
  listed: readonly SerialPortInfo[],
  scanned: readonly ScannedPort[],
  given: readonly string[] = [],
  drivers: readonly ModemDriver[] = MODEM_DRIVERS,
): PortCandidate[] {
  const known: PortCandidate[] = [];
  const unknown: PortCandidate[] = [];
  const ports = [
    ...listed.map((port) => ({
      path: port.path,
      usbId: port.vendorId && port.productId ? { vendorId: port.vendorId.toLowerCase(), productId: port.productId.toLowerCase() } : undefined,
      listed: true,
    })),
    ...scanned.map((port) => ({ ...port, listed: false })),
  ];
  for (const port of ports) {
    if (port.usbId === undefined) {
      // A listed port without a USB id is not a USB modem; a scanned one may be (no sysfs).
      if (!port.listed) unknown.push({ path: port.path });
      continue;
    }
    const driver = driverForUSBId(port.usbId, drivers);
    if (driver) known.push({ path: port.path, usbId: port.usbId, driver });
  }
  const result: PortCandidate[] = [];
  const seen = new Set<string>();
  const ordered: PortCandidate[] = [...given.map((path) => ({ path })), ...known.sort(byPath), ...unknown.sort(byPath)];
  for (const candidate of ordered) {
    if (seen.has(candidate.path)) {
      // A given path that the listing also knows keeps what the listing knows of it.
      const index = result.findIndex((c) => c.path === candidate.path);
      if (result[index].usbId === undefined && candidate.usbId !== undefined) result[index] = candidate;
      continue;
    }
    seen.add(candidate.path);
    result.push(candidate);
  }
  return result;
}
