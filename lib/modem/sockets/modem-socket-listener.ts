import { asyncScheduler, Observable, Subject, Subscription, takeUntil, type SchedulerLike, type Subscriber } from '../../rx';
import { collectMessage } from '../../receiving/collect-message';
import { withPeer } from '../../receiving/with-peer';
import { share } from '../../rx-extra';
import { logger } from '../../logging';
import type { ATEngine } from '../at/at-engine';
import type { ATResponse } from '../at/at-response';
import { ModemSocketError, type ModemSocketStage } from './modem-socket-error';
import { checkCount } from '../../validation/count';
import { checkBoundedDuration } from '../../validation/duration';
import { checkPort } from '../../validation/port';
import { ensureUbloxHexMode } from './ublox-hex-mode';
import { parseUbloxCreate, parseUbloxSocketURC, ubloxCloseCommand, ubloxCreateCommand, ubloxListenCommand } from './ublox-socket-dialect';
import { UbloxSocketReader } from './ublox-socket-reader';
import { UnexpectedModemResponseError } from '../unexpected-modem-response-error';

const log = logger('modem-sockets');

/** One inbound connection's data: everything the peer sent until it closed (or went idle). */
export interface InboundSocketMessage {
  readonly data: Buffer;
  readonly remoteAddress: string;
  readonly remotePort: number;
}

/** The same limits as the host's `InboundListener`, with the same defaults. */
export interface ModemSocketListenerOptions {
  /** The modem's port to listen on (the inbound default is 4010). */
  readonly port: number;
  /** An accepted connection silent this long counts as complete and is closed (default 5000 ms). */
  readonly idleTimeoutMs?: number;
  /** A connection that sends nothing for this long from the start is closed (default 2000 ms). */
  readonly firstByteTimeoutMs?: number;
  /** A whole message must have arrived this long after its connection was accepted (default 30000 ms). */
  readonly messageTimeoutMs?: number;
  /** Past `firstByteTimeoutMs`, a sender slower than this on average is closed (a whole number, default 64 bytes a second). */
  readonly minBytesPerSecond?: number;
  /** Larger messages are dropped and their connection closed (default 64 KiB). */
  readonly maxMessageBytes?: number;
  readonly scheduler?: SchedulerLike;
}

/** An accepted connection being read. */
interface Accepted {
  readonly socketId: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly reader: UbloxSocketReader;
  /** Its bytes as read, into `collectMessage`; completed when the peer closed and all is read. */
  readonly chunks: Subject<Buffer>;
  peerClosed: boolean;
}

/**
 * Inbound messages over a u-blox listening socket (`AT+USOCR=6`, `AT+USOLI=<s>,<port>`). Each
 * `+UUSOLI` for our socket is a new connection carrying one message: its data is read as
 * `+UUSORD` announces it, and the message is emitted when the peer closes (`+UUSOCL`) or after
 * `idleTimeoutMs` without data (then we close it). Nothing runs while polling: it is all URCs.
 *
 * The host listener's rules hold here too (`collectMessage`): a connection silent for
 * `firstByteTimeoutMs`, too slow, not complete by `messageTimeoutMs` or larger than
 * `maxMessageBytes` is closed and reported once on `rejected$`, so slow senders cannot hold the
 * modem's few sockets.
 *
 * `messages$` starts listening on the first subscription and shares it; unsubscribing everyone or
 * `close()` closes the listening socket and every accepted one.
 */
export class ModemSocketListener {
  readonly port: number;
  readonly #limits: Readonly<Record<'idleTimeoutMs' | 'firstByteTimeoutMs' | 'messageTimeoutMs' | 'minBytesPerSecond' | 'maxMessageBytes', number>>;
  readonly #scheduler: SchedulerLike;
  readonly #closing = new Subject<void>();
  readonly #rejectedSubject = new Subject<Error>();
  /** Socket commands that must finish before the modem's sockets are all released (creates, closes). */
  readonly #settling = new Set<Promise<void>>();

  /** One message per inbound connection. Errors with a `ModemSocketError` if listening fails. */
  readonly messages$: Observable<InboundSocketMessage>;
  /** Connections closed without a message (silent, too slow, too large), one report each. Completes on `close()`. */
  readonly rejected$ = this.#rejectedSubject.asObservable();

  readonly #engine: ATEngine;

  constructor(
    engine: ATEngine,
    options: ModemSocketListenerOptions,
  ) {
    this.#engine = engine;
    this.port = checkPort('port', options?.port);
    this.#limits = {
      idleTimeoutMs: checkBoundedDuration('idleTimeoutMs', options.idleTimeoutMs ?? 5000, { positive: true }),
      firstByteTimeoutMs: checkBoundedDuration('firstByteTimeoutMs', options.firstByteTimeoutMs ?? 2000, { positive: true }),
      messageTimeoutMs: checkBoundedDuration('messageTimeoutMs', options.messageTimeoutMs ?? 30_000, { positive: true }),
      minBytesPerSecond: checkCount('minBytesPerSecond', options.minBytesPerSecond ?? 64),
      maxMessageBytes: checkCount('maxMessageBytes', options.maxMessageBytes ?? 64 * 1024),
    };
    this.#scheduler = options.scheduler ?? asyncScheduler;
    this.messages$ = new Observable<InboundSocketMessage>((subscriber) => this.#listen(subscriber)).pipe(
      takeUntil(this.#closing),
      share(),
    );
  }

  /**
   * Stops listening: completes `messages$`, closes every socket it opened, and resolves once the
   * modem answered those closes (again for a second call).
   */
  async close(): Promise<void> {
    this.#closing.next();
    this.#closing.complete();
    this.#rejectedSubject.complete();
    while (this.#settling.size > 0) await Promise.all(this.#settling);
  }

  /** Runs a socket command to its end even after teardown (what it opens must be closed), and lets `close()` wait for it. */
  #settle(command$: Observable<ATResponse>, handlers: { readonly next?: (response: ATResponse) => void; readonly error: (error: unknown) => void }): void {
    const done = new Promise<void>((resolve) => {
      command$.subscribe({
        next: handlers.next,
        error: (error: unknown) => {
          handlers.error(error);
          resolve();
        },
        complete: resolve,
      });
    });
    this.#settling.add(done);
    void done.then(() => this.#settling.delete(done));
  }

  #listen(subscriber: Subscriber<InboundSocketMessage>): () => void {
    const running = new Subscription();
    const accepted = new Map<number, Accepted>();
    let listeningId: number | undefined;
    let creating = false;
    let ended = false;

    const fail = (error: unknown, stage: ModemSocketStage, socketId?: number): void => {
      if (ended) return;
      subscriber.error(ModemSocketError.fromATError(error, { vendor: 'u-blox', socketId, stage, address: `:${this.port}` }));
    };
    const closeSocket = (socketId: number): void => {
      this.#settle(this.#engine.command$(ubloxCloseCommand(socketId), { retry: false }), {
        error: (error) => log('%s: %s', ubloxCloseCommand(socketId), error instanceof Error ? error.message : String(error)),
      });
    };
    /** The connection's message is out, or it was refused: forget it and close its socket. */
    const release = (connection: Accepted): void => {
      if (!accepted.delete(connection.socketId)) return;
      if (!connection.peerClosed) closeSocket(connection.socketId);
    };
    /** All of the message is in once the peer closed and no read is left. */
    const endIfRead = (connection: Accepted): void => {
      if (connection.peerClosed && !connection.reader.busy) connection.chunks.complete();
    };
    const accept = (socketId: number, remoteAddress: string, remotePort: number): void => {
      const chunks = new Subject<Buffer>();
      const connection: Accepted = {
        socketId,
        remoteAddress,
        remotePort,
        chunks,
        peerClosed: false,
        reader: new UbloxSocketReader(
          socketId,
          (command, next, onError) => {
            running.add(this.#engine.command$(command).subscribe({ next: (r) => !ended && next(r), error: (e: unknown) => !ended && onError(e) }));
          },
          {
            data: (bytes) => {
              if (bytes.length > 0) chunks.next(bytes);
            },
            idle: () => endIfRead(connection),
            error: (error) => {
              // One broken inbound connection must not stop the listener: deliver what arrived.
              log('inbound socket %d: read failed: %s', socketId, error instanceof Error ? error.message : String(error));
              chunks.complete();
            },
          },
        ),
      };
      accepted.set(socketId, connection);
      const { idleTimeoutMs, firstByteTimeoutMs, messageTimeoutMs, minBytesPerSecond, maxMessageBytes } = this.#limits;
      const collect = collectMessage({ idleTimeoutMs, firstByteTimeoutMs, messageTimeoutMs, minBytesPerSecond, maxMessageBytes, scheduler: this.#scheduler });
      running.add(
        chunks.pipe(collect).subscribe({
          next: (data) => {
            log('inbound message of %d bytes from %s:%d', data.length, remoteAddress, remotePort);
            subscriber.next({ data, remoteAddress, remotePort });
          },
          error: (error: Error) => {
            release(connection);
            const reason = withPeer(error, remoteAddress, remotePort);
            log('inbound connection dropped: %s', reason.message);
            this.#rejectedSubject.next(reason);
          },
          complete: () => release(connection),
        }),
      );
    };

    running.add(
      this.#engine.urc$.subscribe((urc) => {
        if (ended) return;
        const event = parseUbloxSocketURC(urc);
        if (!event) return;
        if (event.kind === 'accepted') {
          if (listeningId !== undefined && event.listeningSocketId === listeningId) accept(event.socketId, event.remoteAddress, event.remotePort);
          return;
        }
        const connection = accepted.get(event.socketId);
        if (!connection) return;
        if (event.kind === 'data' && event.length !== undefined) connection.reader.announce(event.length);
        else if (event.kind === 'closed') {
          connection.peerClosed = true;
          endIfRead(connection);
        }
      }),
    );

    running.add(
      ensureUbloxHexMode(this.#engine).subscribe({
        error: (error: unknown) => fail(error, 'create'),
        complete: () => {
          if (ended) return;
          creating = true;
          this.#settle(this.#engine.command$(ubloxCreateCommand()), {
            next: (response) => {
              creating = false;
              const id = parseUbloxCreate(response);
              if (id === undefined) return fail(new UnexpectedModemResponseError('AT+USOCR', response.lines), 'create');
              listeningId = id;
              if (ended) return closeSocket(id);
              running.add(
                this.#engine.command$(ubloxListenCommand(id, this.port)).subscribe({
                  next: () => log('listening on modem port %d (socket %d)', this.port, id),
                  error: (error: unknown) => fail(error, 'listen', id),
                }),
              );
            },
            error: (error) => {
              creating = false;
              fail(error, 'create');
            },
          });
        },
      }),
    );

    return () => {
      ended = true;
      running.unsubscribe();
      for (const connection of accepted.values()) if (!connection.peerClosed) closeSocket(connection.socketId);
      accepted.clear();
      if (listeningId !== undefined && !creating) closeSocket(listeningId);
    };
  }
}
