import { readdir, readFile, realpath } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { USBId } from '../drivers/modem-driver';

/**
 * Where to look for serial ports without udev (which `SerialPort.list()` needs): the device
 * directory's USB serial ttys, the stable names under `/dev/serial/by-id`, and sysfs for each
 * tty's USB id. Each directory can be moved (tests use a temporary tree).
 */
export interface PortScanOptions {
  /** Default `/dev`: its `ttyUSB*` and `ttyACM*` entries. */
  readonly devDirectory?: string;
  /** Default `/dev/serial/by-id`: symlinks to the ttys, by USB serial number. */
  readonly byIdDirectory?: string;
  /** Default `/sys/class/tty`: `<tty>/device` leads to the USB interface, whose parent has the USB id. */
  readonly sysfsTtyDirectory?: string;
}

/** A tty found by the scan, with its USB id when sysfs tells it. */
export interface ScannedPort {
  /** The device path (symlinks resolved, so one tty is listed once). */
  readonly path: string;
  readonly usbId?: USBId;
}

const USB_TTY = /^tty(USB|ACM)\d+$/;

/** Entries of `directory`, or none when it does not exist (no `/dev/serial` without USB serial devices). */
async function entries(directory: string): Promise<string[]> {
  try {
    return await readdir(directory);
  } catch {
    return [];
  }
}

async function resolved(path: string): Promise<string | undefined> {
  try {
    return await realpath(path);
  } catch {
    return undefined;
  }
}

/** The USB id of a tty from sysfs: up from its interface directory to the one with `idVendor`. */
async function usbIdOf(ttyName: string, sysfsTtyDirectory: string): Promise<USBId | undefined> {
  let directory = await resolved(join(sysfsTtyDirectory, ttyName, 'device'));
  for (let level = 0; directory !== undefined && level < 4; level += 1, directory = dirname(directory)) {
    try {
      const [vendorId, productId] = await Promise.all(['idVendor', 'idProduct'].map((file) => readFile(join(directory as string, file), 'utf8')));
      return { vendorId: vendorId.trim().toLowerCase(), productId: productId.trim().toLowerCase() };
    } catch {
      // not at this level
    }
  }
  return undefined;
}

/** The USB serial ttys present now, each once, in numeric order. Never throws. */
export async function scanSerialPorts(options: PortScanOptions = {}): Promise<ScannedPort[]> {
  const devDirectory = options.devDirectory ?? '/dev';
  const byIdDirectory = options.byIdDirectory ?? '/dev/serial/by-id';
  const sysfs = options.sysfsTtyDirectory ?? '/sys/class/tty';
  const found = [
    ...(await entries(devDirectory)).filter((name) => USB_TTY.test(name)).map((name) => join(devDirectory, name)),
    ...(await entries(byIdDirectory)).map((name) => join(byIdDirectory, name)),
  ];
  const paths = new Set<string>();
  for (const path of found) {
    const target = await resolved(path);
    if (target !== undefined) paths.add(target);
  }
  const ports: ScannedPort[] = [];
  for (const path of [...paths].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))) {
    const usbId = await usbIdOf(basename(path), sysfs);
    ports.push(usbId === undefined ? { path } : { path, usbId });
  }
  return ports;
}
