import type { ModemDriver, USBId } from '../drivers/modem-driver';
import { selectDriver } from '../drivers/select-driver';

/** What an `AT` probe of one port learnt. */
export interface ProbedPort {
  readonly path: string;
  readonly usbId?: USBId;
  /** `AT+CGSN`; undefined when the port answered `AT` but not that. */
  readonly imei?: string;
  readonly manufacturer?: string;
  readonly model?: string;
}

/** One usable modem, however many AT ports it exposes. */
export interface DetectedModem {
  /** The port to open: the first that answered. */
  readonly path: string;
  /** Every port of this modem that answered `AT`, `path` first. */
  readonly paths: readonly string[];
  readonly imei?: string;
  readonly manufacturer?: string;
  readonly model?: string;
  readonly usbId?: USBId;
  /** The driver the modem would get (from its model, else its USB id). */
  readonly driver: ModemDriver;
}

/**
 * One entry per modem, pure: ports that report the same IMEI are one modem (a Quectel's `ttyUSB2`
 * and `ttyUSB3`, a u-blox's two ACM ports), kept in probing order. A port without an IMEI is a
 * modem of its own.
 */
export function groupByIMEI(probed: readonly ProbedPort[]): DetectedModem[] {
  const modems: DetectedModem[] = [];
  const byIMEI = new Map<string, number>();
  for (const port of probed) {
    const index = port.imei === undefined ? undefined : byIMEI.get(port.imei);
    if (index !== undefined) {
      const modem = modems[index];
      modems[index] = { ...modem, paths: [...modem.paths, port.path], usbId: modem.usbId ?? port.usbId };
      continue;
    }
    if (port.imei !== undefined) byIMEI.set(port.imei, modems.length);
    const driver = selectDriver({ usbId: port.usbId, manufacturer: port.manufacturer, model: port.model });
    modems.push({ ...port, paths: [port.path], driver });
  }
  return modems;
}
