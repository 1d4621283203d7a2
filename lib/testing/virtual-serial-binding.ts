import type { Duplex } from 'node:stream';
import type { SerialBinding, SerialBindingPort, SerialBindingPortInfo, SerialOpenOptions, SerialPortStatus } from '../modem/serial-binding';
import { InvalidArgumentError } from '../errors';
import { duplexPair } from './duplex-pair';

/** The error a read gets when its device goes away: serialport closes the port as disconnected. */
function disconnectedError(path: string): Error & { disconnected: true } {
  return Object.assign(new Error(`${path} was unplugged`), { disconnected: true as const });
}

/** serialport's flag for a read ended by a close on purpose (not reported as a loss). */
function canceledError(): Error & { canceled: true } {
  return Object.assign(new Error('port closed'), { canceled: true as const });
}

/** One device path: its current line (a duplex pair) while plugged in. */
interface VirtualDevice {
  /** The host end of the current line; undefined while unplugged. */
  host: Duplex | undefined;
  /** The device end (the simulator's side) of the current line. */
  device: Duplex | undefined;
  /** The port open on it, if any. */
  open: VirtualPortBinding | undefined;
}

/**
 * A serialport binding whose ports are in-process lines, for tests of code that opens a serial
 * device (`Modem.open(path, { binding })`, `SerialPortConnection`): no pty, no python relay, no
 * file descriptor, so a scenario runs in virtual time. `plug(path)` makes a device path appear and
 * returns the modem's end of the line (attach a `ModemSimulator` to it); `unplug(path)` makes it
 * disappear as a USB modem does (the open port's read fails with `disconnected`, the path is no
 * longer listed); `plug(path)` again is the replug (a new line on the same path).
 *
 * The real binding is proved by the pty tests; this one follows serialport's binding rules (one
 * read at a time, resolved when bytes arrive; a canceled read on close).
 */
export class VirtualSerialBinding implements SerialBinding<VirtualPortBinding> {
  readonly #devices = new Map<string, VirtualDevice>();

  /** The device appears at `path` (first plug or replug); returns the modem's end of the line. */
  plug(path: string): Duplex {
    const device = this.#devices.get(path) ?? { host: undefined, device: undefined, open: undefined };
    if (device.host) throw new InvalidArgumentError('path', `${path} is already plugged in`);
    const [host, modemEnd] = duplexPair();
    device.host = host;
    device.device = modemEnd;
    this.#devices.set(path, device);
    return modemEnd;
  }

  /** The device at `path` goes away: an open port is lost (disconnected), the path is not listed. */
  unplug(path: string): void {
    const device = this.#devices.get(path);
    if (!device?.host) return;
    const { host, device: modemEnd, open } = device;
    device.host = undefined;
    device.device = undefined;
    device.open = undefined;
    open?.lose(disconnectedError(path));
    host.destroy();
    modemEnd?.destroy();
  }

  /** Whether `path` is plugged in (what `portExists` should say). */
  exists(path: string): boolean {
    return this.#devices.get(path)?.host !== undefined;
  }

  async list(): Promise<SerialBindingPortInfo[]> {
    return [...this.#devices.entries()]
      .filter(([, device]) => device.host !== undefined)
      .map(([path]) => ({ path, manufacturer: 'virtual', serialNumber: undefined, pnpId: undefined, locationId: undefined, productId: undefined, vendorId: undefined }));
  }

  async open(options: SerialOpenOptions): Promise<VirtualPortBinding> {
    const device = this.#devices.get(options.path);
    if (!device?.host) throw Object.assign(new Error(`Error: No such file or directory, cannot open ${options.path}`), { code: 'ENOENT' });
    if (device.open) throw Object.assign(new Error(`Error Resource temporarily unavailable Cannot lock port ${options.path}`), { code: 'EBUSY' });
    const port = new VirtualPortBinding(device.host, { dataBits: 8, lock: true, stopBits: 1, parity: 'none', rtscts: false, xon: false, xoff: false, xany: false, hupcl: true, ...options } as Required<SerialOpenOptions>, () => {
      if (device.open === port) device.open = undefined;
    });
    device.open = port;
    return port;
  }
}

/** An open virtual port: reads what the device end writes, writes to it. */
export class VirtualPortBinding implements SerialBindingPort {
  isOpen = true;
  /** Bytes received and not read yet. */
  #pending: Buffer[] = [];
  /** The read waiting for bytes (serialport runs one at a time). */
  #waiting: { resolve: () => void; reject: (error: Error) => void } | undefined;
  /** Set once the device went away: every read fails with it. */
  #lost: Error | undefined;
  readonly #onData = (chunk: Buffer): void => {
    this.#pending.push(chunk);
    this.#wake();
  };

  readonly #line: Duplex;
  readonly #closed: () => void;

  constructor(
    line: Duplex,
    readonly openOptions: Required<SerialOpenOptions>,
    closed: () => void,
  ) {
    this.#line = line;
    this.#closed = closed;
    line.on('data', this.#onData);
  }

  async read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }> {
    for (;;) {
      if (!this.isOpen) throw canceledError();
      if (this.#lost) throw this.#lost;
      const chunk = this.#pending.shift();
      if (chunk) {
        const bytesRead = chunk.copy(buffer, offset, 0, Math.min(length, chunk.length));
        if (bytesRead < chunk.length) this.#pending.unshift(chunk.subarray(bytesRead));
        return { buffer, bytesRead };
      }
      await new Promise<void>((resolve, reject) => (this.#waiting = { resolve, reject }));
    }
  }

  async write(buffer: Buffer): Promise<void> {
    if (!this.isOpen) throw new Error('Port is not open');
    if (this.#lost) throw this.#lost;
    this.#line.write(Buffer.from(buffer));
  }

  async close(): Promise<void> {
    if (!this.isOpen) throw new Error('Port is not open');
    this.isOpen = false;
    this.#line.off('data', this.#onData);
    this.#closed();
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.reject(canceledError());
  }

  /** The device went away: the waiting read (and every later one) fails with `error`. */
  lose(error: Error): void {
    this.#lost = error;
    this.#line.off('data', this.#onData);
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.reject(error);
  }

  async update(): Promise<void> {}
  async set(): Promise<void> {}
  async get(): Promise<SerialPortStatus> {
    return { cts: true, dsr: true, dcd: true };
  }
  async getBaudRate(): Promise<{ baudRate: number }> {
    return { baudRate: this.openOptions.baudRate };
  }
  async flush(): Promise<void> {
    this.#pending = [];
  }
  async drain(): Promise<void> {}

  #wake(): void {
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.resolve();
  }
}
