import { existsSync } from 'node:fs';
import type { Duplex } from 'node:stream';
import { asyncScheduler, BehaviorSubject, filter, interval, type Observable, Subject, type SchedulerLike, Subscription, take } from '../rx';
import { exhaustMap, from } from '../rx-extra';
// serialport's own pieces rather than its barrel, which also loads a dozen parsers and a mock
// binding: `hologram modem ...` start-up is measured.
import { autoDetect } from '@serialport/bindings-cpp';
import { platformSerialBinding } from './platform-serial-binding';
import { SerialPortStream } from '@serialport/stream';
import { ClosedError } from '../closed-error';
import { InvalidArgumentError, ModemError } from '../errors';
import { describeValue } from '../options/describe-value';
import { logger } from '../logging';
import { ModemDisconnectedError } from './at/at-errors';
import type { SerialBinding } from './serial-binding';

const log = logger('serial');

/**
 * - `opening`: `open()` in progress.
 * - `open`: the port is open; `port$` emitted it.
 * - `reconnecting`: the port was lost (unplug); polling for the path to come back.
 * - `closed`: not open (initially, after `close()`, or after a loss with `reopen: false`).
 */
export type SerialPortConnectionState = 'opening' | 'open' | 'reconnecting' | 'closed';

export interface SerialPortConnectionOptions {
  /** Device path, e.g. `/dev/ttyUSB2` or `/dev/serial/by-id/...`. */
  readonly path: string;
  /** Default 115200 (USB modems ignore it). */
  readonly baudRate?: number;
  /** Reopen when the path comes back after an unplug (default true). */
  readonly reopen?: boolean;
  /** How often to look for the path while reconnecting (default 1000 ms). */
  readonly pollIntervalMs?: number;
  /** Clock of the reconnect poll; defaults to `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /**
   * The serialport binding that does the I/O: the real one for this platform by default, or any
   * `SerialBinding` (serialport's `MockBinding` from `@serialport/binding-mock`, a simulator's).
   */
  readonly binding?: SerialBinding;
  /**
   * Whether the device path is there (unplug detection and the wait for a replug). Default: the
   * file system (`existsSync`) with the real binding; the binding's own `list()` with another one.
   */
  readonly exists?: (path: string) => boolean | Promise<boolean>;
  /**
   * Where the device is now when its path did not come back: USB modems often re-enumerate on
   * another path after a reset or a replug (`/dev/ttyUSB2` becomes `/dev/ttyUSB3`). Asked on each
   * reconnect poll while the path is absent; a path it gives is opened and becomes the
   * connection's path (`moved$` says so). Without it, only the same path is awaited.
   */
  readonly relocate?: (lostPath: string) => Promise<string | undefined>;
}

/** The device came back on another path. */
export interface SerialPortMove {
  readonly from: string;
  readonly to: string;
}

export type { SerialBinding } from './serial-binding';

/** `exists` for a binding that is not the file system's: asks the binding which ports it has. */
function listedBy(binding: SerialBinding): (path: string) => Promise<boolean> {
  return async (path) => (await binding.list()).some((port) => port.path === path);
}

/** The port could not be opened (missing path, permissions, busy). */
export class SerialPortOpenError extends ModemError {
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`cannot open serial port ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Serial ports could not be listed; `udevMissing` when the cause is the absent `udevadm`. */
export class SerialPortListError extends ModemError {
  constructor(
    readonly udevMissing: boolean,
    cause: unknown,
  ) {
    super(
      udevMissing
        ? 'cannot list serial ports: udev is not available on this system (udevadm not found); pass the modem port explicitly with --device /dev/ttyUSBx'
        : `cannot list serial ports: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}

/** A serial port as listed by the system (USB ids as hex strings without `0x`). */
export interface SerialPortInfo {
  readonly path: string;
  readonly vendorId?: string;
  readonly productId?: string;
  readonly manufacturer?: string;
  readonly serialNumber?: string;
}

/** Lists serial ports; on a system without udev, fails with a `SerialPortListError` that says what to do. */
export async function listSerialPorts(): Promise<SerialPortInfo[]> {
  try {
    const ports = await autoDetect().list();
    return ports.map((p) => ({ path: p.path, vendorId: p.vendorId, productId: p.productId, manufacturer: p.manufacturer, serialNumber: p.serialNumber }));
  } catch (error) {
    const text = error instanceof Error ? `${error.message} ${(error as NodeJS.ErrnoException).code ?? ''}` : String(error);
    throw new SerialPortListError(/udevadm|ENOENT/.test(text), error);
  }
}

/**
 * Owns one serial device: opens it, reports its loss, and reopens it when the path reappears.
 * The only file that imports `serialport`.
 *
 * A loss is seen three ways, because serialport alone does not always see it: it closes the port
 * with `disconnected: true` only for ENXIO/EBADF, while an unplugged tty may fail reads with EIO
 * (reported as a plain error) or return end-of-file, which serialport reads again and again. So an
 * EIO/ENXIO/ENODEV error also counts as a loss, and while the port is open the device path is
 * checked on the poll interval: a path that disappeared (unplug) is a loss too.
 *
 * The port is opened with `hupcl: false` (closing it must not drop DTR: the modem would hang up a
 * PPP session being handed to pppd) and without touching DTR/RTS, which ptys do not support.
 * Consumers feed each emitted port to an `ATEngine` (`port$.subscribe(p => engine.attach(p))`).
 */
/** The public name of a phase: closed for good is `closed` too. */
function publicState(phase: ConnectionPhase): SerialPortConnectionState {
  return phase.kind === 'shut' ? 'closed' : phase.kind;
}

/** Error codes of a read or write on a tty whose device is gone. */
const LOSS_CODES = new Set(['EIO', 'ENXIO', 'ENODEV']);

/**
 * The connection's one state. Every kind but `closed` and `shut` means the port is wanted (between
 * `open()` and `release()` or `close()`): a loss then means reconnect, and an open that completes
 * late is kept. `open` holds the port and the watch on its device path, `reconnecting` the poll
 * for the path. `closed` may be opened again; `shut` is closed for good (`close()`: `released`
 * resolves once everything is released) and shows as `closed` on `state$`.
 */
type ConnectionPhase =
  | { readonly kind: 'closed' }
  | { readonly kind: 'shut'; readonly released: Promise<void> }
  | { readonly kind: 'opening' }
  | { readonly kind: 'open'; readonly port: SerialPortStream; readonly presence: Subscription }
  | { readonly kind: 'reconnecting'; readonly poll: Subscription };

export class SerialPortConnection {
  /** Where the device is: the given path, or the one it was last found on after a move. */
  #devicePath: string;
  readonly #baudRate: number;
  readonly #reopen: boolean;
  readonly #pollIntervalMs: number;
  readonly #scheduler: SchedulerLike;
  /** The injected binding; undefined: the platform's, loaded at the first open. */
  readonly #binding: SerialBinding | undefined;
  readonly #exists: (path: string) => boolean | Promise<boolean>;
  readonly #relocate: ((lostPath: string) => Promise<string | undefined>) | undefined;
  readonly #movedSubject = new Subject<SerialPortMove>();
  readonly #stateSubject = new BehaviorSubject<SerialPortConnectionState>('closed');
  readonly #portSubject = new Subject<Duplex>();
  readonly #disconnectedSubject = new Subject<ModemDisconnectedError>();
  /** The one state; `state$` is its kind (`shut` shows as `closed`). */
  #phase: ConnectionPhase = { kind: 'closed' };

  readonly state$: Observable<SerialPortConnectionState> = this.#stateSubject.asObservable();
  /** Each newly opened port (first open and every reopen). */
  readonly port$: Observable<Duplex> = this.#portSubject.asObservable();
  /** Each unexpected loss of the open port. */
  readonly disconnected$: Observable<ModemDisconnectedError> = this.#disconnectedSubject.asObservable();
  /** Each reopen on another path than the one lost (see `relocate`). */
  readonly moved$: Observable<SerialPortMove> = this.#movedSubject.asObservable();

  constructor(options: SerialPortConnectionOptions) {
    if (typeof options.path !== 'string' || options.path.length === 0) {
      throw new InvalidArgumentError('path', `a serial device path is required, got ${describeValue(options.path)}`);
    }
    this.#devicePath = options.path;
    this.#relocate = options.relocate;
    this.#baudRate = options.baudRate ?? 115200;
    this.#reopen = options.reopen ?? true;
    this.#pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.#scheduler = options.scheduler ?? asyncScheduler;
    this.#binding = options.binding;
    this.#exists = options.exists ?? (options.binding ? listedBy(options.binding) : existsSync);
  }

  get state(): SerialPortConnectionState {
    return publicState(this.#phase);
  }

  /** The device path: the one given, or where the device was found again after a move. */
  get path(): string {
    return this.#devicePath;
  }

  /** The open port, or undefined. */
  get current(): Duplex | undefined {
    return this.#phase.kind === 'open' ? this.#phase.port : undefined;
  }

  /**
   * Opens the port (no-op when open). Rejects with `SerialPortOpenError`; does not retry a first
   * open. Rejects with `ClosedError` (`serial-port`) after `close()`.
   */
  async open(): Promise<Duplex> {
    if (this.#phase.kind === 'shut') throw new ClosedError('serial-port', this.#devicePath);
    if (this.#phase.kind === 'open') return this.#phase.port;
    if (this.#phase.kind === 'reconnecting') this.#phase.poll.unsubscribe();
    this.#enter({ kind: 'opening' });
    try {
      return await this.#openPort();
    } catch (error) {
      if (this.#phase.kind === 'opening') this.#enter({ kind: 'closed' });
      throw error;
    }
  }

  /**
   * Closes the port for a while and stops reconnecting, so another program (pppd) can open the
   * device; `open()` takes it back. Resolves once the port is closed.
   */
  async release(): Promise<void> {
    const phase = this.#phase;
    if (phase.kind === 'shut') return;
    this.#enter({ kind: 'closed' });
    if (phase.kind === 'reconnecting') phase.poll.unsubscribe();
    if (phase.kind !== 'open') return;
    phase.presence.unsubscribe();
    const { port } = phase;
    if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  /**
   * Closes the port for good: resolves once it is closed and `state$`, `port$` and
   * `disconnected$` completed (again for a second call).
   */
  close(): Promise<void> {
    if (this.#phase.kind === 'shut') return this.#phase.released;
    const released = this.release().finally(() => {
      this.#stateSubject.complete();
      this.#portSubject.complete();
      this.#disconnectedSubject.complete();
      this.#movedSubject.complete();
    });
    this.#enter({ kind: 'shut', released });
    return released;
  }

  async #openPort(path = this.#devicePath): Promise<SerialPortStream> {
    const port = new SerialPortStream({ binding: this.#binding ?? platformSerialBinding(), path, baudRate: this.#baudRate, autoOpen: false, hupcl: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(new SerialPortOpenError(path, error)) : resolve())));
    const previous = this.#phase;
    if (previous.kind === 'closed' || previous.kind === 'shut') {
      // close() was called while this (re)open was in flight.
      await new Promise<void>((resolve) => port.close(() => resolve()));
      throw new SerialPortOpenError(path, new Error('closed while opening'));
    }
    log('opened %s', path);
    if (path !== this.#devicePath) {
      const move = { from: this.#devicePath, to: path };
      log('the device moved from %s to %s', move.from, move.to);
      this.#devicePath = path;
      this.#movedSubject.next(move);
    }
    if (previous.kind === 'reconnecting') previous.poll.unsubscribe();
    port.on('error', (error: Error & { code?: string }) => {
      log('%s error: %s', this.#devicePath, error.message);
      if (error.code !== undefined && LOSS_CODES.has(error.code)) this.#lose(port, error);
    });
    port.once('close', (error?: Error & { disconnected?: boolean }) => this.#onClose(port, error));
    const presence = interval(this.#pollIntervalMs, this.#scheduler)
      .pipe(
        exhaustMap(() => this.#pathPresent$()),
        filter((present) => !present),
        take(1),
      )
      .subscribe(() => this.#lose(port, Object.assign(new Error(`${this.#devicePath} disappeared`), { code: 'ENODEV' })));
    this.#enter({ kind: 'open', port, presence });
    this.#portSubject.next(port);
    return port;
  }

  /** The one place the state changes; publishes a new kind on `state$`. */
  #enter(phase: ConnectionPhase): void {
    this.#phase = phase;
    const state = publicState(phase);
    if (this.#stateSubject.value !== state && !this.#stateSubject.closed) this.#stateSubject.next(state);
  }

  /** Whether `port` is the open one (not closed on purpose, not replaced). */
  #isCurrent(port: SerialPortStream): boolean {
    return this.#phase.kind === 'open' && this.#phase.port === port;
  }

  /** Whether the device path is there; a failing check counts as absent. */
  #pathPresent$(): Observable<boolean> {
    return from(Promise.resolve().then(() => this.#exists(this.#devicePath)).catch(() => false));
  }

  /** Where to reopen: the path if it is back, else where `relocate` finds the device; undefined: not yet. */
  #whereIsDevice$(): Observable<string | undefined> {
    const lost = this.#devicePath;
    return from(
      Promise.resolve()
        .then(() => this.#exists(lost))
        .then((present) => (present ? lost : this.#relocate?.(lost)))
        .catch((error: unknown) => {
          log('looking for %s failed: %s', lost, error instanceof Error ? error.message : String(error));
          return undefined;
        }),
    );
  }

  /** A loss serialport did not report itself: handled as one, then the port is closed. */
  #lose(port: SerialPortStream, error: Error): void {
    if (!this.#isCurrent(port)) return;
    this.#onClose(port, Object.assign(error, { disconnected: true }));
    if (port.isOpen) port.close(() => undefined);
    else port.destroy();
  }

  #onClose(port: SerialPortStream, error: (Error & { disconnected?: boolean }) | undefined): void {
    const phase = this.#phase;
    if (phase.kind !== 'open' || phase.port !== port) return; // closed on purpose
    phase.presence.unsubscribe();
    log('%s lost%s', this.#devicePath, error ? `: ${error.message}` : '');
    this.#disconnectedSubject.next(new ModemDisconnectedError(error ? 'stream-error' : 'stream-closed', undefined, { cause: error }));
    if (this.#phase !== phase) return; // closed (or reopened) by a listener of the loss
    if (!this.#reopen) {
      this.#enter({ kind: 'closed' });
      return;
    }
    // The poll is made before it starts (a reopen may complete before subscribe() returns).
    const poll = new Subscription();
    this.#enter({ kind: 'reconnecting', poll });
    poll.add(
      interval(this.#pollIntervalMs, this.#scheduler)
        .pipe(
          exhaustMap(() => this.#whereIsDevice$()),
          filter((path): path is string => path !== undefined),
          exhaustMap((path) =>
            from(
              this.#openPort(path).then(
                () => true,
                (openError: unknown) => {
                  log('reopen of %s failed: %s', path, openError instanceof Error ? openError.message : String(openError));
                  return false;
                },
              ),
            ),
          ),
        )
        .subscribe(),
    );
  }
}
