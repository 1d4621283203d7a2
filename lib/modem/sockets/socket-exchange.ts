import { Subscription, timer, type SchedulerLike, type Subscriber } from '../../rx';
import { logger } from '../../logging';
import type { ATCommandOptions, ATEngine } from '../at/at-engine';
import type { ATResponse } from '../at/at-response';
import type { URC } from '../at/urc';
import { ModemSocketError, type ModemSocketStage } from './modem-socket-error';
import type { SocketEvent } from './socket-event';
import type { SocketVendor } from './socket-vendor';

const log = logger('modem-sockets');

/** What one exchange was asked to do, validated, with defaults applied. */
export interface ExchangePlan {
  readonly host: string;
  readonly port: number;
  readonly payload: Buffer;
  readonly connectTimeoutMs: number;
  readonly replyTimeoutMs: number;
  /** Whether the bytes read so far are the whole reply (the exchange then ends before the close). */
  readonly replyComplete?: (reply: Buffer) => boolean;
}

/**
 * Where an exchange is, on the side every vendor shares (it only moves forward):
 * - `running`: the vendor's steps run; the peer has not closed.
 * - `peer-closed`: the peer closed; the exchange completes once the reads under way are done.
 * - `ended`: completed, failed or unsubscribed: no more commands, events or emissions;
 *   `peerClosed` says whether the modem has freed the socket itself.
 */
export type ExchangeLife = { readonly kind: 'running' } | { readonly kind: 'peer-closed' } | { readonly kind: 'ended'; readonly peerClosed: boolean };

/**
 * One request/response over one modem socket: the part every vendor shares. Lives for one
 * subscription of `ModemSocketTransport.exchange()`. Everything is callback-driven on engine
 * observables and scheduler timers (no promises), so it runs in virtual time too.
 *
 * Shared here: listening to the engine's URCs from the start (so nothing for our socket is missed,
 * even reply data that comes before our write completes), ignoring other sockets' URCs, collecting
 * the reply, the reply timeout (started once the payload is written), finishing when the peer has
 * closed and all its data is read (or earlier, once `replyComplete` says the reply is whole: the
 * socket is then closed on our side), and turning engine failures into `ModemSocketError`s. Vendors
 * implement opening, writing, reading and releasing the socket.
 */
export abstract class SocketExchange {
  /** See `ExchangeLife`; the vendor's own progress is its `step`. */
  #life: ExchangeLife = { kind: 'running' };
  readonly #chunks: Buffer[] = [];
  /** Commands and timers that stop with the exchange. */
  readonly #running = new Subscription();
  #urcSubscription: Subscription | undefined;

  readonly #subscriber: Subscriber<Buffer>;
  readonly #parseURC: (urc: URC) => SocketEvent | undefined;

  constructor(
    protected readonly vendor: SocketVendor,
    protected readonly engine: ATEngine,
    protected readonly plan: ExchangePlan,
    protected readonly scheduler: SchedulerLike,
    subscriber: Subscriber<Buffer>,
    parseURC: (urc: URC) => SocketEvent | undefined,
  ) {
    this.#subscriber = subscriber;
    this.#parseURC = parseURC;
  }

  start(): void {
    this.#urcSubscription = this.engine.urc$.subscribe((urc) => {
      if (this.ended) return;
      const event = this.#parseURC(urc);
      const socketId = this.socketId;
      if (event && socketId !== undefined && event.socketId === socketId) this.onEvent(event);
    });
    this.begin();
  }

  /** Teardown: stop everything we run, then release the modem's socket. */
  dispose(): void {
    if (this.#running.closed) return;
    this.#end();
    this.#running.unsubscribe();
    this.#urcSubscription?.unsubscribe();
    this.#urcSubscription = undefined;
    this.release();
  }

  /** The modem's id for our socket, once known and until released (URCs for other ids are ignored). */
  protected abstract get socketId(): number | undefined;
  /** Opens the socket, writes the payload, then calls `written()`. */
  protected abstract begin(): void;
  /** A URC for our socket. */
  protected abstract onEvent(event: SocketEvent): void;
  /** True while a read of buffered data is in progress or due. */
  protected abstract readPending(): boolean;
  /** Closes the modem's socket if it is still open (fire and forget; never emits). */
  protected abstract release(): void;

  /** A whole reply arrived before the peer closed: frees the socket (vendors may wait for the close). */
  protected releaseAfterReply(): void {
    this.release();
  }

  /**
   * Runs a command that belongs to this exchange: cancelled with it, its failure fails the
   * exchange as a `ModemSocketError` of `stage`, unless `onError` takes it.
   */
  protected run(
    command: string,
    options: ATCommandOptions,
    stage: ModemSocketStage,
    next: (response: ATResponse) => void,
    onError?: (error: unknown) => boolean,
  ): void {
    if (this.ended) return;
    const subscription = this.engine.command$(command, options).subscribe({
      next: (response) => {
        if (!this.ended) next(response);
      },
      error: (error: unknown) => {
        if (this.ended || onError?.(error)) return;
        this.fail(this.socketError(error, stage));
      },
    });
    this.#running.add(subscription);
  }

  /** Stops `subscription` with the exchange. */
  protected track(subscription: Subscription): void {
    if (this.ended) subscription.unsubscribe();
    else this.#running.add(subscription);
  }

  /** A scheduler timer that stops with the exchange. */
  protected after(ms: number, fire: () => void): void {
    if (this.ended) return;
    this.#running.add(timer(ms, this.scheduler).subscribe(() => !this.ended && fire()));
  }

  protected socketError(error: unknown, stage: ModemSocketStage, extra: { cmeError?: number; timedOut?: boolean } = {}): ModemSocketError {
    return ModemSocketError.fromATError(error, { vendor: this.vendor, socketId: this.socketId, stage, address: this.address, ...extra });
  }

  /** `host:port`, for errors. */
  protected get address(): string {
    return `${this.plan.host}:${this.plan.port}`;
  }

  protected received(bytes: Buffer): void {
    if (bytes.length > 0) this.#chunks.push(bytes);
  }

  /** The payload is out: wait for the reply until the peer closes or the reply timeout passes. */
  protected written(): void {
    this.after(this.plan.replyTimeoutMs, () => {
      const message = `${this.vendor} socket ${this.socketId}: no end of reply within ${this.plan.replyTimeoutMs} ms`;
      this.fail(new ModemSocketError(message, { vendor: this.vendor, socketId: this.socketId, stage: 'read', timedOut: true, address: this.address }));
    });
  }

  /** Completed, failed or unsubscribed: nothing more runs. */
  protected get ended(): boolean {
    return this.#life.kind === 'ended';
  }

  /** The peer closed (the modem has then freed the socket itself, on u-blox). */
  protected get peerClosed(): boolean {
    return this.#life.kind === 'peer-closed' || (this.#life.kind === 'ended' && this.#life.peerClosed);
  }

  /** The peer closed: finish now, or once the reads in progress are done. */
  protected closedByPeer(): void {
    if (this.#life.kind !== 'running') return;
    this.#life = { kind: 'peer-closed' };
    this.finishIfDone();
  }

  /**
   * Called by vendors after each read: completes when nothing is left to read and either the peer
   * closed or the reply is already whole.
   */
  protected finishIfDone(): void {
    if (this.ended || this.readPending()) return;
    const reply = Buffer.concat(this.#chunks);
    const whole = !this.peerClosed && reply.length > 0 && this.plan.replyComplete?.(reply) === true;
    if (!this.peerClosed && !whole) return;
    log('%s socket %d: reply of %d bytes, %s', this.vendor, this.socketId, reply.length, whole ? 'complete' : 'peer closed');
    // Still open on the modem: close it now, so the close is queued before any command of the
    // next exchange (which may start while this one completes and get the same socket id).
    if (whole) this.releaseAfterReply();
    this.#end();
    this.#subscriber.next(reply);
    this.#subscriber.complete();
  }

  protected fail(error: ModemSocketError): void {
    if (this.ended) return;
    log('%s', error.message);
    this.#end();
    this.#subscriber.error(error);
  }

  #end(): void {
    if (this.#life.kind !== 'ended') this.#life = { kind: 'ended', peerClosed: this.peerClosed };
  }

  /** A command that outlives the exchange (socket release): failures are only logged. */
  protected fireAndForget(command: string, done?: () => void): void {
    this.engine.command$(command, { retry: false }).subscribe({
      next: () => done?.(),
      error: (error: unknown) => {
        log('%s: %s', command, error instanceof Error ? error.message : String(error));
        done?.();
      },
    });
  }
}
