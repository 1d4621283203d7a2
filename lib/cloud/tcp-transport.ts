import { createConnection, type Socket } from 'node:net';
import { asyncScheduler, Observable, type SchedulerAction, type SchedulerLike, type Subscription } from '../rx';
import { logger } from '../logging';
import type { ExchangeRequest, Transport } from './transport';
import { TransportError, type TransportErrorKind } from './transport-error';

const log = logger('tcp');

export const DEFAULT_CONNECT_TIMEOUT_MS = 5000;
export const DEFAULT_REPLY_TIMEOUT_MS = 5000;

export interface TcpTransportOptions {
  /** Clock of the connect and reply timeouts; a virtual scheduler lets tests fire them at will. */
  readonly scheduler?: SchedulerLike;
}

/**
 * Exchanges over the host's TCP stack, one connection per exchange (`Transport` rules apply).
 *
 * The reply is everything read until the peer closes, or as soon as `request.replyComplete` says
 * the bytes read so far are whole (a cloud that answers `[0,0]` and keeps the connection open then
 * costs no timeout; the socket is closed on our side). When the reply timeout passes:
 * - with nothing read, the exchange fails with a `timeout` `TransportError`;
 * - with some bytes read, those bytes are the reply (a `tcp-other` server may answer and keep the
 *   connection open, and the Python SDK likewise returned what it had read by then).
 * The socket and the timer are released when the exchange completes, fails or is unsubscribed.
 */
export class TcpTransport implements Transport {
  readonly #scheduler: SchedulerLike;

  constructor(options: TcpTransportOptions = {}) {
    this.#scheduler = options.scheduler ?? asyncScheduler;
  }

  exchange$(request: ExchangeRequest): Observable<Buffer> {
    const scheduler = this.#scheduler;
    return new Observable<Buffer>((subscriber) => {
      const chunks: Buffer[] = [];
      let phase: 'connect' | 'reply' = 'connect';
      /** When the reply phase times out (clock time); set on connect. */
      let replyDeadline = Number.POSITIVE_INFINITY;

      const reply = (): Buffer => (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
      const finish = (): void => {
        const bytes = reply();
        if (log.enabled) log('%s replied %d bytes', addressOf(request), bytes.length);
        subscriber.next(bytes);
        subscriber.complete();
      };
      const fail = (error: TransportError): void => {
        log('%s: %s', error.address, error.message);
        subscriber.error(error);
      };

      if (log.enabled) log('connecting to %s', addressOf(request));
      const socket: Socket = createConnection({ host: request.host, port: request.port });
      socket.setNoDelay(true);
      // One timer for both phases: it runs out at the connect timeout and, if the connection is up
      // by then, waits on until the reply deadline. An exchange that ends in time (almost every
      // one) then arms a single timer.
      const expire = function (this: SchedulerAction<unknown>): void {
        if (phase === 'connect') {
          const address = addressOf(request);
          fail(new TransportError('timeout', address, 'connect', `connecting to ${address} timed out`));
          return;
        }
        const left = replyDeadline - scheduler.now();
        if (left > 0) this.schedule(undefined, left);
        else if (chunks.length > 0) finish();
        else fail(new TransportError('timeout', addressOf(request), 'reply', `no reply from ${addressOf(request)} in time`));
      };
      const connectTimeoutMs = request.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
      const connectDeadline = scheduler.now() + connectTimeoutMs;
      let deadline: Subscription = scheduler.schedule(expire, connectTimeoutMs);

      socket.once('connect', () => {
        phase = 'reply';
        const now = scheduler.now();
        replyDeadline = now + (request.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS);
        if (replyDeadline < connectDeadline) {
          // A reply timeout shorter than what is left of the connect timeout: the timer must run out sooner.
          deadline.unsubscribe();
          deadline = scheduler.schedule(expire, replyDeadline - now);
        }
        if (log.enabled) log('connected to %s, writing %d bytes', addressOf(request), request.payload.length);
        socket.write(request.payload);
      });
      socket.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (request.replyComplete?.(reply())) finish();
      });
      socket.once('end', finish);
      socket.on('error', (error: NodeJS.ErrnoException) => fail(toTransportError(error, addressOf(request), phase)));
      // Closed without 'end' or 'error' cannot happen for a live socket; cover it so no exchange hangs.
      socket.once('close', () => {
        if (!subscriber.closed) finish();
      });

      return () => {
        deadline.unsubscribe();
        socket.removeAllListeners();
        // A late error from a socket being torn down must not become an uncaught exception.
        socket.on('error', () => undefined);
        socket.destroy();
      };
    });
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

function toTransportError(error: NodeJS.ErrnoException, address: string, phase: 'connect' | 'reply'): TransportError {
  const kind = KIND_BY_CODE[error.code ?? ''] ?? 'failed';
  return new TransportError(kind, address, phase, `${WORDING[kind]} ${address} (${error.code ?? error.message})`, error.code, {
    cause: error,
  });
}
