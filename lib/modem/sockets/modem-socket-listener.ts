import { asyncScheduler, Observable, Subject, Subscription, takeUntil, timer, type SchedulerLike, type Subscriber } from '../../rx';
import { share } from '../../rx-extra';
import { logger } from '../../logging';
import type { ATEngine } from '../at/at-engine';
import type { ATResponse } from '../at/at-response';
import { ModemSocketError, type ModemSocketStage } from './modem-socket-error';
import { validatePort, validateTimeout } from './socket-arguments';
import { ensureUbloxHexMode } from './ublox-hex-mode';
import { parseUbloxCreate, parseUbloxSocketUrc, ubloxCloseCommand, ubloxCreateCommand, ubloxListenCommand } from './ublox-socket-dialect';
import { UbloxSocketReader } from './ublox-socket-reader';
import { UnexpectedModemResponseError } from '../unexpected-modem-response-error';

const log = logger('modem-sockets');

/** One inbound connection's data: everything the peer sent until it closed (or went idle). */
export interface InboundSocketMessage {
  readonly data: Buffer;
  readonly remoteAddress: string;
  readonly remotePort: number;
}

export interface ModemSocketListenerOptions {
  /** The modem's port to listen on (the inbound default is 4010). */
  readonly port: number;
  /** An accepted connection silent this long counts as complete and is closed (default 5000 ms). */
  readonly idleTimeoutMs?: number;
  readonly scheduler?: SchedulerLike;
}

/** An accepted connection being read. */
interface Accepted {
  readonly socketId: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly reader: UbloxSocketReader;
  readonly chunks: Buffer[];
  idle?: Subscription;
  peerClosed: boolean;
}

/**
 * Inbound messages over a u-blox listening socket (`AT+USOCR=6`, `AT+USOLI=<s>,<port>`). Each
 * `+UUSOLI` for our socket is a new connection carrying one message: its data is read as
 * `+UUSORD` announces it, and the message is emitted when the peer closes (`+UUSOCL`) or after
 * `idleTimeoutMs` without data (then we close it). Nothing runs while polling: it is all URCs.
 *
 * `messages$` starts listening on the first subscription and shares it; unsubscribing everyone or
 * `close()` closes the listening socket and every accepted one.
 */
export class ModemSocketListener {
  readonly port: number;
  private readonly idleTimeoutMs: number;
  private readonly scheduler: SchedulerLike;
  private readonly closing = new Subject<void>();
  /** Socket commands that must finish before the modem's sockets are all released (creates, closes). */
  private readonly settling = new Set<Promise<void>>();

  /** One message per inbound connection. Errors with a `ModemSocketError` if listening fails. */
  readonly messages$: Observable<InboundSocketMessage>;

  constructor(
    private readonly engine: ATEngine,
    options: ModemSocketListenerOptions,
  ) {
    this.port = validatePort(options?.port);
    this.idleTimeoutMs = validateTimeout(options.idleTimeoutMs ?? 5000, 'idleTimeoutMs');
    this.scheduler = options.scheduler ?? asyncScheduler;
    this.messages$ = new Observable<InboundSocketMessage>((subscriber) => this.listen(subscriber)).pipe(
      takeUntil(this.closing),
      share(),
    );
  }

  /**
   * Stops listening: completes `messages$`, closes every socket it opened, and resolves once the
   * modem answered those closes (again for a second call).
   */
  async close(): Promise<void> {
    this.closing.next();
    this.closing.complete();
    while (this.settling.size > 0) await Promise.all(this.settling);
  }

  /** Runs a socket command to its end even after teardown (what it opens must be closed), and lets `close()` wait for it. */
  private settle(command$: Observable<ATResponse>, handlers: { readonly next?: (response: ATResponse) => void; readonly error: (error: unknown) => void }): void {
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
    this.settling.add(done);
    void done.then(() => this.settling.delete(done));
  }

  private listen(subscriber: Subscriber<InboundSocketMessage>): () => void {
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
      this.settle(this.engine.command$(ubloxCloseCommand(socketId), { retry: false }), {
        error: (error) => log('%s: %s', ubloxCloseCommand(socketId), error instanceof Error ? error.message : String(error)),
      });
    };
    const finish = (connection: Accepted): void => {
      if (!accepted.has(connection.socketId) || connection.reader.busy) return;
      accepted.delete(connection.socketId);
      connection.idle?.unsubscribe();
      if (!connection.peerClosed) closeSocket(connection.socketId);
      const data = Buffer.concat(connection.chunks);
      // A connection that sent nothing carries no message (as on the host's listener).
      if (data.length === 0) return log('inbound connection from %s:%d sent nothing; closed', connection.remoteAddress, connection.remotePort);
      log('inbound message of %d bytes from %s:%d', data.length, connection.remoteAddress, connection.remotePort);
      subscriber.next({ data, remoteAddress: connection.remoteAddress, remotePort: connection.remotePort });
    };
    const armIdle = (connection: Accepted): void => {
      connection.idle?.unsubscribe();
      connection.idle = timer(this.idleTimeoutMs, this.scheduler).subscribe(() => finish(connection));
      running.add(connection.idle);
    };
    const accept = (socketId: number, remoteAddress: string, remotePort: number): void => {
      const connection: Accepted = {
        socketId,
        remoteAddress,
        remotePort,
        chunks: [],
        peerClosed: false,
        reader: new UbloxSocketReader(
          socketId,
          (command, next, onError) => {
            running.add(this.engine.command$(command).subscribe({ next: (r) => !ended && next(r), error: (e: unknown) => !ended && onError(e) }));
          },
          {
            data: (bytes) => {
              if (bytes.length > 0) connection.chunks.push(bytes);
              armIdle(connection);
            },
            idle: () => connection.peerClosed && finish(connection),
            error: (error) => {
              // One broken inbound connection must not stop the listener: deliver what arrived.
              log('inbound socket %d: read failed: %s', socketId, error instanceof Error ? error.message : String(error));
              finish(connection);
            },
          },
        ),
      };
      accepted.set(socketId, connection);
      armIdle(connection);
    };

    running.add(
      this.engine.urc$.subscribe((urc) => {
        if (ended) return;
        const event = parseUbloxSocketUrc(urc);
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
          finish(connection);
        }
      }),
    );

    running.add(
      ensureUbloxHexMode(this.engine).subscribe({
        error: (error: unknown) => fail(error, 'create'),
        complete: () => {
          if (ended) return;
          creating = true;
          this.settle(this.engine.command$(ubloxCreateCommand()), {
            next: (response) => {
              creating = false;
              const id = parseUbloxCreate(response);
              if (id === undefined) return fail(new UnexpectedModemResponseError('AT+USOCR', response.lines), 'create');
              listeningId = id;
              if (ended) return closeSocket(id);
              running.add(
                this.engine.command$(ubloxListenCommand(id, this.port)).subscribe({
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
