import { createServer, type Server, type Socket } from 'node:net';
import { asyncScheduler, Observable, Subject, Subscription, timer, type SchedulerLike } from '../rx';
import { decodeFrame, FRAME_TERMINATOR, type MessageFrame } from '../cloud/cloud-frame';
import { encodeCloudResponse } from '../cloud/cloud-response';
import { resultCode } from '../cloud/result-codes';
import { logger } from '../logging';
import { ClosedError } from '../closed-error';

const log = logger('emulator');

/** Faults the emulator can inject; change them at any time, they apply to the next frame. */
export interface CloudEmulatorFaults {
  /** Wait this long before answering (ms). */
  replyDelayMs: number;
  /** Read the frame, record it, then close without answering. */
  closeWithoutReply: boolean;
  /** Abort the connection (TCP reset) instead of answering. */
  resetConnection: boolean;
  /** Answer this code whatever the frame (it is still recorded with this code). */
  answerCode: number | undefined;
  /** Answer message frames with a bare digit (`0`) instead of `[0,0]` (SMS frames always get one). */
  compactReply: boolean;
}

export interface CloudEmulatorOptions extends Partial<CloudEmulatorFaults> {
  /** Device keys that authenticate. Empty or absent: any 8 characters do. */
  readonly deviceKeys?: readonly string[];
  /** Close connections that send no complete frame within this long, as the cloud does (default 5000 ms). */
  readonly idleTimeoutMs?: number;
  /** Clock of the reply delay and idle timeout. */
  readonly scheduler?: SchedulerLike;
}

/** One frame the emulator read, whatever it was, with the code it answered (or would have). */
export type ReceivedFrame =
  | (MessageFrame & { readonly code: number })
  | { readonly kind: 'sms'; readonly deviceKey: string; readonly destination: string; readonly body: string; readonly code: number }
  | { readonly kind: 'invalid'; readonly raw: string; readonly reason: string; readonly code: number };

/**
 * Whether the emulator accepts connections: `idle` before `listen()` and while refusing them,
 * `listening` on its server, `closed` for good (`released` resolves once the port is let go).
 */
type EmulatorPhase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'listening'; readonly server: Server }
  | { readonly kind: 'closed'; readonly released: Promise<void> };

/** Stops listening; resolves once the port is released. */
function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => server.close(() => resolve()));
}

/**
 * An in-process Hologram cloud socket (`PROTOCOL.md` §1) for tests, examples and the CLI's
 * `hologram emulator`: one frame per connection, validated the way the cloud does, answered with
 * its result code in the form the reference client reads for that frame kind (a message frame gets
 * the JSON `[code,0]`; an SMS frame the bare digits the Python SDK parses with `int()`), then the
 * connection closes. Every frame read is recorded (duplicates included)
 * in `received` and on `received$`.
 */
export class CloudEmulator {
  readonly faults: CloudEmulatorFaults;
  readonly #deviceKeys: ReadonlySet<string>;
  readonly #idleTimeoutMs: number;
  readonly #scheduler: SchedulerLike;
  readonly #received: ReceivedFrame[] = [];
  readonly #received$ = new Subject<ReceivedFrame>();
  readonly #sockets = new Map<Socket, Subscription>();
  /** Changed by `listen`, `refuseConnections` and `close` only. */
  #phase: EmulatorPhase = { kind: 'idle' };
  #host = '127.0.0.1';
  #port = 0;
  #connections = 0;

  /** Every frame read, as it arrives; completes on `close()`. */
  readonly received$: Observable<ReceivedFrame> = this.#received$.asObservable();

  constructor(options: CloudEmulatorOptions = {}) {
    this.faults = {
      replyDelayMs: options.replyDelayMs ?? 0,
      closeWithoutReply: options.closeWithoutReply ?? false,
      resetConnection: options.resetConnection ?? false,
      answerCode: options.answerCode,
      compactReply: options.compactReply ?? false,
    };
    this.#deviceKeys = new Set(options.deviceKeys ?? []);
    this.#idleTimeoutMs = options.idleTimeoutMs ?? 5000;
    this.#scheduler = options.scheduler ?? asyncScheduler;
  }

  /** Every frame read so far, in order. */
  get received(): readonly ReceivedFrame[] {
    return this.#received;
  }

  /** The accepted message frames (not SMS, not invalid ones), in order. */
  get messages(): readonly (MessageFrame & { code: number })[] {
    return this.#received.filter((frame): frame is MessageFrame & { code: number } => frame.kind === 'message');
  }

  /** Connections accepted so far. */
  get connectionCount(): number {
    return this.#connections;
  }

  /** Connections open now (a client killed mid-exchange leaves its frame to be read, then its close). */
  get openConnections(): number {
    return this.#sockets.size;
  }

  get host(): string {
    return this.#host;
  }

  /** The bound port (after `listen()`). */
  get port(): number {
    return this.#port;
  }

  /** Starts listening (port 0: any free port) and resolves with the bound port. */
  async listen(port = 0, host = '127.0.0.1'): Promise<number> {
    if (this.#phase.kind === 'closed') throw new ClosedError('cloud-emulator');
    this.#host = host;
    const server = createServer({ allowHalfOpen: true }, (socket) => this.#accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    if (this.#isClosed()) {
      // Closed while binding: the port is let go again rather than left open behind `close()`.
      await closeServer(server);
      throw new ClosedError('cloud-emulator');
    }
    this.#phase = { kind: 'listening', server };
    const address = server.address();
    this.#port = typeof address === 'object' && address !== null ? address.port : port;
    log('listening on %s:%d', host, this.#port);
    return this.#port;
  }

  /**
   * `true`: stop listening, so new connections are refused (ECONNREFUSED), open ones carry on.
   * `false`: listen again on the same port.
   */
  async refuseConnections(refuse: boolean): Promise<void> {
    const phase = this.#phase;
    if (refuse && phase.kind === 'listening') {
      this.#phase = { kind: 'idle' };
      await closeServer(phase.server);
    } else if (!refuse && phase.kind === 'idle') {
      await this.listen(this.#port, this.#host);
    }
  }

  /**
   * Stops listening, destroys every open connection and timer, completes `received$`; resolves
   * once the port is released (a second call waits for the same).
   */
  close(): Promise<void> {
    const phase = this.#phase;
    if (phase.kind === 'closed') return phase.released;
    for (const [socket, timers] of this.#sockets) {
      timers.unsubscribe();
      socket.destroy();
    }
    this.#sockets.clear();
    const released = (phase.kind === 'listening' ? closeServer(phase.server) : Promise.resolve()).then(() => this.#received$.complete());
    this.#phase = { kind: 'closed', released };
    return released;
  }

  /** Read afresh after an `await`: `close()` may have run meanwhile. */
  #isClosed(): boolean {
    return this.#phase.kind === 'closed';
  }

  #acceptsKey = (deviceKey: string): boolean =>
    this.#deviceKeys.size === 0 ? deviceKey.length === 8 : this.#deviceKeys.has(deviceKey);

  #accept(socket: Socket): void {
    if (this.#phase.kind === 'closed') {
      socket.destroy();
      return;
    }
    this.#connections += 1;
    const timers = new Subscription();
    this.#sockets.set(socket, timers);
    let buffer = Buffer.alloc(0);
    let handled = false;

    const idle = timer(this.#idleTimeoutMs, this.#scheduler).subscribe(() => {
      log('connection idle without a complete frame: closing');
      socket.end();
    });
    timers.add(idle);

    socket.on('data', (chunk: Buffer) => {
      if (handled) return;
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf(FRAME_TERMINATOR);
      if (end < 0) return;
      handled = true;
      idle.unsubscribe();
      this.#handle(socket, timers, buffer.subarray(0, end).toString('utf8'), false);
    });
    socket.on('end', () => {
      if (handled) return;
      handled = true;
      idle.unsubscribe();
      // The client stopped writing before the terminator: the cloud answers ERR_CONNCLOSED.
      if (buffer.length > 0) this.#handle(socket, timers, buffer.toString('utf8'), true);
      else socket.end();
    });
    socket.on('error', (error) => log('connection error: %s', error.message));
    socket.on('close', () => {
      timers.unsubscribe();
      this.#sockets.delete(socket);
    });
  }

  #handle(socket: Socket, timers: Subscription, text: string, truncated: boolean): void {
    const decoded = decodeFrame(text, this.#acceptsKey);
    const faults = { ...this.faults };
    const code = faults.answerCode ?? (decoded.ok ? (truncated ? 1 : 0) : decoded.code);
    const record: ReceivedFrame = decoded.ok
      ? { ...decoded.frame, code }
      : { kind: 'invalid', raw: text, reason: decoded.reason, code };
    this.#received.push(record);
    log('received %s frame, answering %s', record.kind, resultCode(code).name);
    this.#received$.next(record);

    if (faults.resetConnection) {
      socket.resetAndDestroy();
      return;
    }
    if (faults.closeWithoutReply) {
      socket.end();
      return;
    }
    const compact = faults.compactReply || replyIsCompact(text);
    const reply = (): void => {
      if (!socket.destroyed) socket.end(encodeCloudResponse(code, compact));
    };
    if (faults.replyDelayMs > 0) timers.add(timer(faults.replyDelayMs, this.#scheduler).subscribe(reply));
    else reply();
  }
}

/**
 * Whether the frame's sender reads the reply as compact digits: SMS frames (`S...`, accepted or
 * not), which the Python SDK reads with `int()` on each character; message frames get `[code,0]`.
 */
function replyIsCompact(frameText: string): boolean {
  return frameText.startsWith('S');
}
