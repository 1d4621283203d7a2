import { createConnection, type Socket } from 'node:net';
import { asyncScheduler, Observable, type SchedulerLike, type Subscriber, type Unsubscribable } from '../rx';
import { Deadlines, type Deadline } from './deadlines';
import { logger } from '../logging';
import type { ExchangeRequest, Transport } from './transport';
import { TransportError, type TransportErrorKind } from './transport-error';

const log = logger('tcp');

export const DEFAULT_CONNECT_TIMEOUT_MS = 5000;
export const DEFAULT_REPLY_TIMEOUT_MS = 5000;
/** How long a reply without an end of its own (`tcp-other`) may pause before it counts as whole. */
export const DEFAULT_REPLY_IDLE_MS = 250;

export interface TCPTransportOptions {
  /** Clock of the connect and reply timeouts; a virtual scheduler lets tests fire them at will. */
  readonly scheduler?: SchedulerLike;
}

/**
 * Exchanges over the host's TCP stack, one connection per exchange (`Transport` rules apply).
 *
 * The reply is everything read until the peer closes, or as soon as `request.replyComplete` says
 * the bytes read so far are whole (a cloud that answers `[0,0]` and keeps the connection open then
 * costs no timeout; the socket is closed on our side). A reply with no way to tell it is whole
 * (`tcp-other`: no `replyComplete`) ends once the server, having answered, stays silent for
 * `replyIdleMs` (default 250 ms). When the reply timeout passes:
 * - with nothing read, the exchange fails with a `timeout` `TransportError`;
 * - with some bytes read, those bytes are the reply.
 * Every exchange's deadline is watched on one shared timer (`Deadlines`). The socket is destroyed
 * when the exchange completes, fails or is unsubscribed; its listeners go with it.
 */
export class TcpTransport implements Transport {
  readonly #scheduler: SchedulerLike;
  readonly #deadlines: Deadlines;

  constructor(options: TCPTransportOptions = {}) {
    this.#scheduler = options.scheduler ?? asyncScheduler;
    this.#deadlines = new Deadlines(this.#scheduler);
  }

  exchange$(request: ExchangeRequest): Observable<Buffer> {
    return new Observable<Buffer>((subscriber) => new TCPExchange(request, subscriber, this.#scheduler, this.#deadlines));
  }
}

/** Where one exchange is. */
type ExchangePhase = 'connect' | 'reply' | 'done';

/** One connection: its socket, its deadline, the bytes read; everything released by `unsubscribe`. */
class TCPExchange implements Unsubscribable {
  #phase: ExchangePhase = 'connect';
  readonly #chunks: Buffer[] = [];
  readonly #socket: Socket;
  #deadline: Deadline;
  /** When the reply phase times out (clock time); set on connect. */
  #replyDeadline = Number.POSITIVE_INFINITY;
  /** Clock time of the last bytes read (for `replyIdleMs`). */
  #lastReadAt = 0;

  readonly #request: ExchangeRequest;
  readonly #subscriber: Subscriber<Buffer>;
  readonly #scheduler: SchedulerLike;
  readonly #deadlines: Deadlines;

  constructor(
    request: ExchangeRequest,
    subscriber: Subscriber<Buffer>,
    scheduler: SchedulerLike,
    deadlines: Deadlines,
  ) {
    this.#request = request;
    this.#subscriber = subscriber;
    this.#scheduler = scheduler;
    this.#deadlines = deadlines;
    if (log.enabled) log('connecting to %s', addressOf(request));
    this.#deadline = deadlines.watch(scheduler.now() + (request.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS), this.#expired);
    const socket = (this.#socket = createConnection({ host: request.host, port: request.port }));
    socket.setNoDelay(true);
    socket.on('connect', this.#connected);
    socket.on('data', this.#read);
    socket.on('end', this.#finish);
    socket.on('error', this.#failed);
    // Closed without 'end' or 'error' cannot happen for a live socket; cover it so no exchange hangs.
    socket.on('close', this.#finish);
  }

  /** Releases the socket and the deadline (the exchange ended, or its subscriber left). */
  unsubscribe(): void {
    this.#phase = 'done';
    this.#deadlines.cancel(this.#deadline);
    this.#socket.destroy();
  }

  readonly #connected = (): void => {
    if (this.#phase !== 'connect') return;
    this.#phase = 'reply';
    this.#replyDeadline = this.#scheduler.now() + (this.#request.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS);
    this.#deadlines.move(this.#deadline, this.#replyDeadline);
    if (log.enabled) log('connected to %s, writing %d bytes', addressOf(this.#request), this.#request.payload.length);
    this.#socket.write(this.#request.payload);
  };

  readonly #read = (chunk: Buffer): void => {
    if (this.#phase === 'done') return;
    this.#chunks.push(chunk);
    const { replyComplete } = this.#request;
    if (replyComplete !== undefined) {
      if (replyComplete(this.#reply())) this.#finish();
      return;
    }
    // No way to tell the reply is whole: it is once the server stays silent for a while.
    this.#lastReadAt = this.#scheduler.now();
    this.#deadlines.move(this.#deadline, Math.min(this.#replyDeadline, this.#lastReadAt + this.#idleMs()));
  };

  readonly #expired = (): void => {
    if (this.#phase === 'done') return;
    const address = addressOf(this.#request);
    if (this.#phase === 'connect') {
      this.#fail(new TransportError('timeout', address, 'connect', `connecting to ${address} timed out`));
      return;
    }
    const now = this.#scheduler.now();
    const due = this.#chunks.length === 0 || this.#request.replyComplete !== undefined ? this.#replyDeadline : Math.min(this.#replyDeadline, this.#lastReadAt + this.#idleMs());
    if (due > now) this.#deadline = this.#deadlines.watch(due, this.#expired); // the clock ran early: watch on
    else if (this.#chunks.length > 0) this.#finish();
    else this.#fail(new TransportError('timeout', address, 'reply', `no reply from ${address} in time`));
  };

  readonly #finish = (): void => {
    if (this.#phase === 'done') return;
    const bytes = this.#reply();
    if (log.enabled) log('%s replied %d bytes', addressOf(this.#request), bytes.length);
    this.unsubscribe();
    this.#subscriber.next(bytes);
    this.#subscriber.complete();
  };

  readonly #failed = (error: NodeJS.ErrnoException): void => {
    if (this.#phase === 'done') return;
    this.#fail(toTransportError(error, addressOf(this.#request), this.#phase));
  };

  #fail(error: TransportError): void {
    log('%s: %s', error.address, error.message);
    this.unsubscribe();
    this.#subscriber.error(error);
  }

  #idleMs(): number {
    return this.#request.replyIdleMs ?? DEFAULT_REPLY_IDLE_MS;
  }

  #reply(): Buffer {
    return this.#chunks.length === 1 ? this.#chunks[0] : Buffer.concat(this.#chunks);
  }
}

/** `host:port`, for logs and errors (built only when one is written: exchanges are many). */
function addressOf(request: ExchangeRequest): string {
  return `${request.host}:${request.port}`;
}

const KIND_BY_CODE: Record<string, TransportErrorKind> = {
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  ETIMEDOUT: 'timeout',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  ENOTFOUND: 'unreachable',
  EAI_AGAIN: 'unreachable',
};

const WORDING: Record<TransportErrorKind, string> = {
  refused: 'connection refused by',
  reset: 'connection reset by',
  timeout: 'timed out talking to',
  unreachable: 'cannot reach',
  failed: 'connection failed to',
};

function toTransportError(error: NodeJS.ErrnoException, address: string, phase: ExchangePhase): TransportError {
  const kind = KIND_BY_CODE[error.code ?? ''] ?? 'failed';
  return new TransportError(kind, address, phase === 'connect' ? 'connect' : 'reply', `${WORDING[kind]} ${address} (${error.code ?? error.message})`, error.code, {
    cause: error,
  });
}
