import { createServer, type Server, type Socket } from 'node:net';
import { asyncScheduler, Observable, Subject, Subscription, type SchedulerLike } from '../rx';
import { InvalidArgumentError } from '../errors';
import { checkOptions, checkScheduler, type OptionKeys } from '../options/check-options';
import { describeValue } from '../options/describe-value';
import { logger } from '../logging';
import { checkCount } from '../validation/count';
import { checkBoundedDuration } from '../validation/duration';
import { checkListenPort } from '../validation/port';
import { collectMessage } from '../receiving/collect-message';
import type { InboundMessage } from './inbound-message';
import { InboundListenError } from './inbound-listen-error';
import { InboundConnectionDroppedError } from '../receiving/inbound-connection-dropped-error';
import { InboundListenerFullError } from './inbound-listener-full-error';
import { withPeer } from '../receiving/with-peer';

const log = logger('inbound');

export interface InboundListenerOptions {
  /** Address to bind (default `0.0.0.0`: every IPv4 interface, the cloud reaches the device's IP). */
  readonly host?: string;
  /** TCP port (default 4010); 0 picks a free one, read it back from `port`. */
  readonly port?: number;
  /** A connection that sends nothing for this long is complete (default 5000 ms). */
  readonly idleTimeoutMs?: number;
  /** A connection that sends nothing for this long from the start is closed (default 2000 ms). */
  readonly firstByteTimeoutMs?: number;
  /**
   * A whole message must have arrived this long after its connection opened (default 30000 ms),
   * however steadily it trickles: a slow sender cannot hold a place for long.
   */
  readonly messageTimeoutMs?: number;
  /**
   * Past `firstByteTimeoutMs`, a sender averaging fewer bytes a second than this is closed at its
   * next chunk (a whole number, default 64): a sender at 1 B/s goes within seconds, not at the deadline.
   */
  readonly minBytesPerSecond?: number;
  /** Larger messages are refused (default 64 KiB; a cloud-to-device message is small). */
  readonly maxMessageBytes?: number;
  /** Connections open at once (default 64); see the class comment for what happens past it. */
  readonly maxConnections?: number;
  readonly scheduler?: SchedulerLike;
}

const INBOUND_LISTENER_OPTION_KEYS: OptionKeys<InboundListenerOptions> = {
  host: true,
  port: true,
  idleTimeoutMs: true,
  firstByteTimeoutMs: true,
  maxMessageBytes: true,
  maxConnections: true,
  messageTimeoutMs: true,
  minBytesPerSecond: true,
  scheduler: true,
};

/** How long a listener that stopped because it was full waits before binding again after a failure. */
const RELISTEN_DELAY_MS = 1000;

/**
 * How long a new connection may stay silent before a newcomer can take its place. Node accepts a
 * whole burst of connections before it reads any of them, so without this grace a burst would
 * evict the senders it had just accepted, before their first bytes (already there) were read.
 */
const EVICTION_GRACE_MS = 50;

/** One open connection: silent so far (may make room for a new one), or receiving its message. */
interface Connection {
  readonly socket: Socket;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly openedAt: number;
  phase: 'silent' | 'receiving';
}

/**
 * Whether the port is bound: `listening` on a server; `full` (stopped: no connection can make
 * room; `recheck` fires when a silent one will have had its grace); `binding` again (`attempt`
 * settles once bound, or failed, or let go after `close()`); `retrying` after a failed bind;
 * `closed` (`released` resolves once the port is closed and the streams complete).
 */
type ListenerState =
  | { readonly kind: 'listening'; readonly server: Server }
  | { readonly kind: 'full'; readonly recheck?: Subscription }
  | { readonly kind: 'binding'; readonly attempt: Promise<void> }
  | { readonly kind: 'retrying'; readonly retry: Subscription }
  | { readonly kind: 'closed'; readonly released: Promise<void> };

/**
 * Receives cloud-to-device messages on a TCP port: one message per connection, complete when the
 * peer closes or goes idle for `idleTimeoutMs`.
 *
 * Event-driven: connections and data arrive as Node socket events, so an idle listener costs no CPU
 * (the reference SDK's accept loop spun a core).
 *
 * Limits, none of them silent (each drop is on `rejected$`, each refusal is one the sender sees):
 * - A connection that sends more than `maxMessageBytes` is closed at once and its bytes dropped
 *   (`InboundMessageTooLargeError`); one reset by its peer before it closed is reported too.
 * - A connection that sends nothing for `firstByteTimeoutMs` is closed
 *   (`InboundConnectionDroppedError`, `no-data`): idle connections cannot hold the listener.
 * - Nor can slow ones: a message not complete `messageTimeoutMs` after its connection opened, or
 *   arriving at under `minBytesPerSecond` once the sender had `firstByteTimeoutMs` to get going,
 *   is dropped and its connection closed (`InboundSenderTooSlowError`), one report per connection.
 * - At most `maxConnections` are open. A new connection past it takes the place of the oldest one
 *   that has sent nothing for `EVICTION_GRACE_MS` (closed, `InboundConnectionDroppedError`,
 *   `evicted`). When none can make room (all receiving, or just opened), the listener stops
 *   listening (`InboundListenerFullError`): new senders get `ECONNREFUSED` from the kernel (one it
 *   had queued is reset) instead of a connection accepted and then closed under them, and it
 *   listens again on the same port as soon as one finishes or a silent one has had its grace.
 *   (Node accepts every connection it sees, so `server.maxConnections` would accept and then
 *   destroy them: not used.)
 * None of these ends `receive$`.
 */
export class InboundListener {
  readonly #receiveSubject = new Subject<InboundMessage>();
  readonly #rejectedSubject = new Subject<Error>();
  /** Every message, in the order they were complete. Completes on `close()`. */
  readonly receive$ = this.#receiveSubject.asObservable();
  /** Connections dropped without a message, and each time the listener stops because it is full. */
  readonly rejected$ = this.#rejectedSubject.asObservable();
  /** Open connections, oldest first; destroyed by `close()`. */
  readonly #connections = new Map<Socket, Connection>();
  #state: ListenerState;

  readonly #limits: Readonly<Record<'idleTimeoutMs' | 'firstByteTimeoutMs' | 'maxMessageBytes' | 'maxConnections' | 'messageTimeoutMs' | 'minBytesPerSecond', number>>;
  readonly #scheduler: SchedulerLike;

  private constructor(
    server: Server,
    readonly host: string,
    /** The bound port (the one picked by the system when 0 was asked). */
    readonly port: number,
    limits: Readonly<Record<'idleTimeoutMs' | 'firstByteTimeoutMs' | 'maxMessageBytes' | 'maxConnections' | 'messageTimeoutMs' | 'minBytesPerSecond', number>>,
    scheduler: SchedulerLike,
  ) {
    this.#limits = limits;
    this.#scheduler = scheduler;
    this.#state = { kind: 'listening', server };
    this.#follow(server);
  }

  /** Binds and resolves once listening; rejects with `InboundListenError` naming host and port. */
  static async listen(options?: InboundListenerOptions): Promise<InboundListener> {
    options = checkOptions('options', options, INBOUND_LISTENER_OPTION_KEYS);
    checkScheduler(options.scheduler);
    const host = options.host ?? '0.0.0.0';
    if (typeof host !== 'string' || host === '') throw new InvalidArgumentError('host', `host must be a non-empty string, got ${describeValue(host)}`);
    const port = checkListenPort('port', options.port ?? 4010);
    const limits = {
      idleTimeoutMs: checkBoundedDuration('idleTimeoutMs', options.idleTimeoutMs ?? 5000, { positive: true }),
      firstByteTimeoutMs: checkBoundedDuration('firstByteTimeoutMs', options.firstByteTimeoutMs ?? 2000, { positive: true }),
      messageTimeoutMs: checkBoundedDuration('messageTimeoutMs', options.messageTimeoutMs ?? 30_000, { positive: true }),
      maxMessageBytes: checkCount('maxMessageBytes', options.maxMessageBytes ?? 64 * 1024),
      maxConnections: checkCount('maxConnections', options.maxConnections ?? 64),
      minBytesPerSecond: checkCount('minBytesPerSecond', options.minBytesPerSecond ?? 64),
    };
    const server = await bind(host, port);
    const address = server.address();
    const boundPort = typeof address === 'object' && address !== null ? address.port : port;
    log('listening on %s:%d', host, boundPort);
    return new InboundListener(server, host, boundPort, limits, options.scheduler ?? asyncScheduler);
  }

  /** Destroys open connections (their partial messages are dropped), closes the port, completes the streams. */
  close(): Promise<void> {
    const state = this.#state;
    if (state.kind === 'closed') return state.released;
    let resolve!: () => void;
    this.#state = { kind: 'closed', released: new Promise<void>((settle) => (resolve = settle)) };
    for (const { socket } of this.#connections.values()) socket.destroy();
    const done = (): void => {
      log('closed %s:%d', this.host, this.port);
      this.#receiveSubject.complete();
      this.#rejectedSubject.complete();
      resolve();
    };
    if (state.kind === 'retrying') state.retry.unsubscribe();
    if (state.kind === 'full') state.recheck?.unsubscribe();
    if (state.kind === 'listening') state.server.close(done);
    else if (state.kind === 'binding') void state.attempt.then(done);
    else done();
    return this.#state.released;
  }

  #follow(server: Server): void {
    server.on('connection', (socket) => this.#accept(socket));
    server.on('error', (error) => log('listener error: %s', error.message));
  }

  #accept(socket: Socket): void {
    if (this.#state.kind === 'closed') {
      socket.destroy();
      return;
    }
    const remoteAddress = socket.remoteAddress ?? 'unknown';
    const remotePort = socket.remotePort ?? 0;
    if (this.#connections.size >= this.#limits.maxConnections) this.#evictOldestSilent();
    const connection: Connection = { socket, remoteAddress, remotePort, openedAt: this.#scheduler.now(), phase: 'silent' };
    this.#connections.set(socket, connection);
    const chunks$ = new Observable<Buffer>((subscriber) => {
      socket.on('data', (chunk: Buffer) => {
        if (connection.phase === 'silent') {
          connection.phase = 'receiving';
          this.#pauseIfFull();
        }
        subscriber.next(chunk);
      });
      socket.once('end', () => subscriber.complete());
      socket.once('error', (error) => subscriber.error(error));
    });
    const { idleTimeoutMs, firstByteTimeoutMs, maxMessageBytes, messageTimeoutMs, minBytesPerSecond } = this.#limits;
    const collect = collectMessage({ idleTimeoutMs, firstByteTimeoutMs, maxMessageBytes, messageTimeoutMs, minBytesPerSecond, scheduler: this.#scheduler });
    const subscription = chunks$.pipe(collect).subscribe({
      next: (data) => {
        log('message of %d bytes from %s:%d', data.length, remoteAddress, remotePort);
        this.#receiveSubject.next({ data, text: data.toString('utf8'), remoteAddress, remotePort, receivedAt: this.#scheduler.now() });
      },
      error: (error: Error) => this.#drop(connection, withPeer(error, remoteAddress, remotePort)),
      complete: () => socket.destroy(),
    });
    socket.once('close', () => {
      this.#connections.delete(socket);
      subscription.unsubscribe();
      this.#resumeIfRoom();
    });
    this.#pauseIfFull();
  }

  /** Closes a connection that yielded no message and says why on `rejected$`. */
  #drop(connection: Connection, reason: Error): void {
    log('connection from %s:%d dropped: %s', connection.remoteAddress, connection.remotePort, reason.message);
    connection.socket.destroy();
    this.#rejectedSubject.next(reason);
  }

  /** The oldest connection that has sent nothing yet (undefined when none). */
  #oldestSilent(): Connection | undefined {
    for (const connection of this.#connections.values()) if (connection.phase === 'silent') return connection;
    return undefined;
  }

  /** Makes room: the oldest connection that has sent nothing for its grace goes. */
  #evictOldestSilent(): void {
    const connection = this.#oldestSilent();
    const silentMs = connection === undefined ? 0 : this.#scheduler.now() - connection.openedAt;
    if (connection === undefined || silentMs < EVICTION_GRACE_MS) return;
    this.#connections.delete(connection.socket);
    this.#drop(connection, new InboundConnectionDroppedError('evicted', silentMs, connection.remoteAddress, connection.remotePort));
  }

  /** Whether a newcomer could take the place of a silent connection now. */
  #canEvict(): boolean {
    const connection = this.#oldestSilent();
    return connection !== undefined && this.#scheduler.now() - connection.openedAt >= EVICTION_GRACE_MS;
  }

  /**
   * Full, and no connection can make room: stop listening, so new senders are refused. When a
   * silent connection is there, look again once it has had its grace.
   */
  #pauseIfFull(): void {
    if (this.#state.kind !== 'listening' || this.#connections.size < this.#limits.maxConnections || this.#canEvict()) return;
    this.#state.server.close();
    this.#state = this.#full();
    log('full: %d connections open, none can make room; new ones refused', this.#connections.size);
    this.#rejectedSubject.next(new InboundListenerFullError(this.#limits.maxConnections, this.host, this.port));
  }

  /** The `full` state, looking again when the oldest silent connection will have had its grace. */
  #full(): ListenerState {
    const silent = this.#oldestSilent();
    if (silent === undefined) return { kind: 'full' };
    const delay = Math.max(0, silent.openedAt + EVICTION_GRACE_MS - this.#scheduler.now());
    const recheck = this.#scheduler.schedule(() => {
      if (this.#state.kind !== 'full') return;
      this.#state = { kind: 'full' };
      this.#resumeIfRoom();
    }, delay);
    return { kind: 'full', recheck };
  }

  /**
   * Listens again on the same port once a connection finished or a silent one can make room. If
   * the port cannot be bound (taken meanwhile), that is reported and tried again after
   * `RELISTEN_DELAY_MS`.
   */
  #resumeIfRoom(): void {
    if (this.#state.kind !== 'full') return;
    if (this.#connections.size >= this.#limits.maxConnections && !this.#canEvict()) {
      if (this.#state.recheck === undefined) this.#state = this.#full();
      return;
    }
    this.#state.recheck?.unsubscribe();
    const attempt = bind(this.host, this.port).then(
      (server) =>
        new Promise<void>((settled) => {
          if (this.#state.kind === 'closed') {
            server.close(() => settled());
            return;
          }
          log('listening again on %s:%d', this.host, this.port);
          this.#state = { kind: 'listening', server };
          this.#follow(server);
          settled();
        }),
      (error: InboundListenError) => {
        if (this.#state.kind === 'closed') return;
        log('cannot listen again: %s', error.message);
        this.#rejectedSubject.next(error);
        const retry = this.#scheduler.schedule(() => {
          this.#state = { kind: 'full' };
          this.#resumeIfRoom();
        }, RELISTEN_DELAY_MS);
        this.#state = { kind: 'retrying', retry };
      },
    );
    this.#state = { kind: 'binding', attempt };
  }
}

/** A listening server on `host:port`, or `InboundListenError` naming them. */
function bind(host: string, port: number): Promise<Server> {
  const server = createServer({ allowHalfOpen: false });
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.close();
      reject(new InboundListenError(host, port, error.code, { cause: error }));
    };
    server.once('error', onError);
    server.listen({ host, port }, () => {
      server.removeListener('error', onError);
      resolve(server);
    });
  });
}

/**
 * Cold form of the listener: listens on subscribe, emits each message, closes the port on
 * unsubscribe; errors with `InboundListenError` if the port cannot be bound.
 */
export function receiveMessages(options: InboundListenerOptions = {}): Observable<InboundMessage> {
  return new Observable<InboundMessage>((subscriber) => {
    let listener: InboundListener | undefined;
    let unsubscribed = false;
    InboundListener.listen(options).then(
      (started) => {
        listener = started;
        if (unsubscribed) void started.close();
        else started.receive$.subscribe(subscriber);
      },
      (error) => subscriber.error(error),
    );
    return () => {
      unsubscribed = true;
      void listener?.close();
    };
  });
}
