import { ClosedError } from '../closed-error';
import { InvalidArgumentError } from '../errors';
import { logger } from '../logging';
import { Observable, Subject, type SchedulerLike, Subscription } from '../rx';
import type { InboundMessage } from '../inbound/inbound-message';
import type { ATEngine } from '../modem/at/at-engine';
import { describeValue } from '../options/describe-value';

const log = logger('inbound');

/** How an inbound message reached the device: the host's TCP stack, or the modem's AT sockets. */
export type ReceiveVia = 'tcp' | 'modem';

/** A cloud-to-device message: everything one inbound connection carried. */
export interface ReceivedMessage extends InboundMessage {
  readonly via: ReceiveVia;
}

export interface ReceiveOptions {
  /** Host listener only: the address to bind (default `0.0.0.0`). */
  readonly host?: string;
  /** Port to listen on (default 4010). 0 picks a free one on the host (read it from the result). */
  readonly port?: number;
  /** A connection silent this long counts as complete (default 5000 ms). */
  readonly idleTimeoutMs?: number;
  /** Host listener only: larger messages are refused (default 64 KiB). */
  readonly maxMessageBytes?: number;
  /** Host listener only: a connection silent this long from the start is closed (default 2000 ms). */
  readonly firstByteTimeoutMs?: number;
  /** Host listener only: connections open at once (default 64; see `InboundListener`). */
  readonly maxConnections?: number;
}

/** Where messages are being received. */
export interface Receiving {
  readonly via: ReceiveVia;
  /** The bound address (host listener), undefined over the modem. */
  readonly host?: string;
  /** The bound port: the one picked when 0 was asked. */
  readonly port: number;
}

/**
 * What the receiver needs to listen over the modem: its AT engine, when the network carries data
 * over u-blox AT sockets (only u-blox modems accept inbound connections that way).
 */
export type ModemListenSource = () => ATEngine | undefined;

/**
 * Inbound messages for the facade: listens on the host's TCP stack (`InboundListener`) or, when the
 * network runs over a u-blox modem's AT sockets, on the modem (`ModemSocketListener`), and hands
 * each message to `deliver`. One listener at a time; the listener modules are loaded on the first
 * `start()` only, so programs that never receive (and `hologram send`) never load them.
 */
export class MessageReceiver {
  readonly #messages = new Subject<ReceivedMessage>();
  /** Every message received, whichever listener it came through; completes on `close()`. */
  readonly messages$: Observable<ReceivedMessage> = this.#messages.asObservable();
  #current: { readonly receiving: Receiving; readonly options: ReceiveOptions; stop(): Promise<void> } | undefined;
  #starting: Promise<Receiving> | undefined;
  #closed = false;

  constructor(
    private readonly scheduler: SchedulerLike,
    private readonly modemEngine: ModemListenSource,
  ) {}

  /** Where messages are received now; undefined when stopped. */
  get receiving(): Receiving | undefined {
    return this.#current?.receiving;
  }

  /**
   * Starts listening and resolves once bound. Calling it again while receiving resolves with the
   * same listener when the options agree, and throws `InvalidArgumentError` when they differ (stop
   * first). Rejects with `InboundListenError` when the host port cannot be bound, with
   * `ClosedError` (`hologram`) once closed.
   */
  start(options: ReceiveOptions = {}): Promise<Receiving> {
    if (this.#closed) return Promise.reject(new ClosedError('hologram', undefined, { detail: 'create a new one to receive' }));
    try {
      checkOptions(options);
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.#current !== undefined) {
      if (!sameOptions(this.#current.options, options)) {
        const { via, port } = this.#current.receiving;
        return Promise.reject(
          new InvalidArgumentError('port', `already receiving (${via}, port ${port}): call stopReceiving() before receiving with other options`),
        );
      }
      return Promise.resolve(this.#current.receiving);
    }
    this.#starting ??= this.#start(options).finally(() => (this.#starting = undefined));
    return this.#starting;
  }

  /** Stops listening (partial messages are dropped); resolves once the port is released. */
  async stop(): Promise<void> {
    await this.#starting?.catch(() => undefined);
    const current = this.#current;
    this.#current = undefined;
    await current?.stop();
  }

  /** Stops and completes `messages$`. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.stop();
    this.#messages.complete();
  }

  async #start(options: ReceiveOptions): Promise<Receiving> {
    const engine = this.modemEngine();
    const current = engine === undefined ? await this.#listenOnHost(options) : await this.#listenOnModem(engine, options);
    if (this.#closed) {
      await current.stop();
      throw new ClosedError('hologram', undefined, { detail: 'it was closed while it started receiving' });
    }
    this.#current = current;
    return current.receiving;
  }

  async #listenOnHost(options: ReceiveOptions) {
    const { InboundListener } = await import('../inbound/inbound-listener');
    const listener = await InboundListener.listen({
      host: options.host,
      port: options.port ?? 4010,
      idleTimeoutMs: options.idleTimeoutMs,
      maxMessageBytes: options.maxMessageBytes,
      firstByteTimeoutMs: options.firstByteTimeoutMs,
      maxConnections: options.maxConnections,
      scheduler: this.scheduler,
    });
    const subscription = new Subscription();
    subscription.add(listener.receive$.subscribe((message) => this.#messages.next({ ...message, via: 'tcp' })));
    subscription.add(listener.rejected$.subscribe((error) => log('inbound connection dropped: %s', error.message)));
    return {
      receiving: { via: 'tcp' as const, host: listener.host, port: listener.port },
      options,
      stop: async () => {
        subscription.unsubscribe();
        await listener.close();
      },
    };
  }

  async #listenOnModem(engine: ATEngine, options: ReceiveOptions) {
    if (options.port === 0) {
      throw new InvalidArgumentError('port', 'port 0 (any free port) is for the host listener: give the modem a port such as 4010');
    }
    const { ModemSocketListener } = await import('../modem/sockets/modem-socket-listener');
    const port = options.port ?? 4010;
    const listener = new ModemSocketListener(engine, { port, idleTimeoutMs: options.idleTimeoutMs, scheduler: this.scheduler });
    const subscription = listener.messages$.subscribe({
      next: (message) =>
        this.#messages.next({ ...message, text: message.data.toString('utf8'), receivedAt: this.scheduler.now(), via: 'modem' }),
      // The modem refused to listen (no PDP context, no socket left): logged; receiving has stopped.
      error: (error: unknown) => {
        log('receiving over the modem stopped: %s', error instanceof Error ? error.message : String(error));
        if (this.#current?.receiving.via === 'modem') this.#current = undefined;
      },
    });
    return {
      receiving: { via: 'modem' as const, port },
      options,
      stop: async () => {
        subscription.unsubscribe();
        await listener.close();
      },
    };
  }
}

function checkOptions(options: ReceiveOptions): void {
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError('options', `receive options must be an object like { port: 4010 }, got ${describeValue(options)}`);
  }
  const { port, idleTimeoutMs, host } = options;
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new InvalidArgumentError('port', `port must be an integer from 0 to 65535, got ${describeValue(port)}`);
  }
  if (idleTimeoutMs !== undefined && !(typeof idleTimeoutMs === 'number' && Number.isFinite(idleTimeoutMs) && idleTimeoutMs > 0)) {
    throw new InvalidArgumentError('idleTimeoutMs', `idleTimeoutMs must be a positive number of milliseconds, got ${describeValue(idleTimeoutMs)}`);
  }
  if (host !== undefined && (typeof host !== 'string' || host.trim() === '')) {
    throw new InvalidArgumentError('host', `host must be an address to bind such as 0.0.0.0, got ${describeValue(host)}`);
  }
}

function sameOptions(a: ReceiveOptions, b: ReceiveOptions): boolean {
  return (
    a.host === b.host &&
    (a.port ?? 4010) === (b.port ?? 4010) &&
    a.idleTimeoutMs === b.idleTimeoutMs &&
    a.maxMessageBytes === b.maxMessageBytes &&
    a.firstByteTimeoutMs === b.firstByteTimeoutMs &&
    a.maxConnections === b.maxConnections
  );
}
