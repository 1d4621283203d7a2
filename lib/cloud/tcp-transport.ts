import { createConnection, type Socket } from 'node:net';
import { asyncScheduler, Observable, type SchedulerLike, type Subscription } from '../rx';
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
 * The socket and both timers are released when the exchange completes, fails or is unsubscribed.
 */
export class TcpTransport implements Transport {
  readonly #scheduler: SchedulerLike;

  constructor(options: TcpTransportOptions = {}) {
    this.#scheduler = options.scheduler ?? asyncScheduler;
  }

  exchange$(request: ExchangeRequest): Observable<Buffer> {
    const scheduler = this.#scheduler;
    return new Observable<Buffer>((subscriber) => {
      const address = `${request.host}:${request.port}`;
      const chunks: Buffer[] = [];
      let phase: 'connect' | 'reply' = 'connect';
      let deadline: Subscription | undefined;

      const finish = (): void => {
        if (log.enabled) log('%s replied %d bytes', address, chunks.reduce((sum, chunk) => sum + chunk.length, 0));
        subscriber.next(Buffer.concat(chunks));
        subscriber.complete();
      };
      const fail = (error: TransportError): void => {
        log('%s: %s', address, error.message);
        subscriber.error(error);
      };

      log('connecting to %s', address);
      const socket: Socket = createConnection({ host: request.host, port: request.port });
      socket.setNoDelay(true);
      deadline = scheduler.schedule(
        () => fail(new TransportError('timeout', address, 'connect', `connecting to ${address} timed out`)),
        request.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      );

      socket.once('connect', () => {
        deadline?.unsubscribe();
        phase = 'reply';
        log('connected to %s, writing %d bytes', address, request.payload.length);
        socket.write(request.payload);
        deadline = scheduler.schedule(() => {
          if (chunks.length > 0) finish();
          else fail(new TransportError('timeout', address, 'reply', `no reply from ${address} in time`));
        }, request.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS);
      });
      socket.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (request.replyComplete?.(Buffer.concat(chunks))) finish();
      });
      socket.once('end', finish);
      socket.on('error', (error: NodeJS.ErrnoException) => fail(toTransportError(error, address, phase)));
      // Closed without 'end' or 'error' cannot happen for a live socket; cover it so no exchange hangs.
      socket.once('close', () => {
        if (!subscriber.closed) finish();
      });

      return () => {
        deadline?.unsubscribe();
        socket.removeAllListeners();
        // A late error from a socket being torn down must not become an uncaught exception.
        socket.on('error', () => undefined);
        socket.destroy();
      };
    });
  }
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
