import { ClosedError } from '../closed-error';
import { InvalidArgumentError } from '../errors';
import { logger } from '../logging';
import { Observable, Subject, type SchedulerLike, Subscription } from '../rx';
import type { ATEngine } from '../modem/at/at-engine';
import { modemSocketsEngine, type ReceivingNetwork } from './modem-sockets-engine';
import { checkReceiveOptions, type ReceivedMessage, type ReceiveOptions, type Receiving } from './receive-options';
import { receiverTransition, sameReceiveOptions, type ActiveListener, type ReceiverEvent, type ReceiverState } from './receiver-state';

export type { ReceivedMessage, ReceiveOptions, Receiving, ReceiveVia } from './receive-options';

const log = logger('inbound');

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
  /** Every change goes through `receiverTransition` (see `#on`). */
  #state: ReceiverState = { kind: 'idle' };

  readonly #scheduler: SchedulerLike;
  readonly #network: ReceivingNetwork;

  /** `network`: where messages arrive, asked at each start (its modem and data link change). */
  constructor(
    scheduler: SchedulerLike,
    network: ReceivingNetwork,
  ) {
    this.#scheduler = scheduler;
    this.#network = network;
  }

  /** Where messages are received now; undefined when stopped. */
  get receiving(): Receiving | undefined {
    return this.#state.kind === 'receiving' ? this.#state.listener.receiving : undefined;
  }

  /**
   * Starts listening and resolves once bound. Calling it again while receiving, or while still
   * starting, resolves with the same listener when the options agree, and rejects with
   * `InvalidArgumentError` when they differ (stop first). Rejects with `InboundListenError` when
   * the host port cannot be bound, with `ClosedError` (`hologram`) once closed.
   */
  start(options?: ReceiveOptions): Promise<Receiving> {
    const state = this.#state;
    if (state.kind === 'closed') return Promise.reject(new ClosedError('hologram', undefined, { detail: 'create a new one to receive' }));
    let checked: ReceiveOptions;
    try {
      checked = checkReceiveOptions(options);
    } catch (error) {
      return Promise.reject(error);
    }
    switch (state.kind) {
      case 'receiving':
        return sameReceiveOptions(state.listener.options, checked)
          ? Promise.resolve(state.listener.receiving)
          : Promise.reject(otherOptions(`already receiving (${state.listener.receiving.via}, port ${state.listener.receiving.port})`));
      case 'starting':
        return sameReceiveOptions(state.options, checked) ? state.started : Promise.reject(otherOptions('already starting to receive'));
      case 'idle': {
        const started = this.#start(checked);
        this.#on({ type: 'start', options: checked, started });
        return started;
      }
    }
  }

  /** Stops listening (partial messages are dropped); resolves once the port is released. */
  async stop(): Promise<void> {
    const state = this.#state;
    if (state.kind === 'starting') await state.started.catch(() => undefined);
    const current = this.#state;
    if (current.kind !== 'receiving') return;
    this.#on({ type: 'stop' });
    await current.listener.stop();
  }

  /** Stops and completes `messages$`. */
  async close(): Promise<void> {
    const state = this.#state;
    this.#on({ type: 'close' });
    if (state.kind === 'starting') await state.started.catch(() => undefined);
    if (state.kind === 'receiving') await state.listener.stop();
    this.#messages.complete();
  }

  #on(event: ReceiverEvent): void {
    this.#state = receiverTransition(this.#state, event);
  }

  /** Binds a listener; runs while the state is `starting` (and ends it). */
  async #start(options: ReceiveOptions): Promise<Receiving> {
    // Past the caller's synchronous run, so the state is `starting` before anything settles.
    await Promise.resolve();
    let listener: ActiveListener;
    try {
      const engine = modemSocketsEngine(this.#network);
      listener = engine === undefined ? await this.#listenOnHost(options) : await this.#listenOnModem(engine, options);
    } catch (error) {
      this.#on({ type: 'start-failed' });
      throw error;
    }
    this.#on({ type: 'started', listener });
    if (this.#state.kind !== 'receiving') {
      await listener.stop();
      throw new ClosedError('hologram', undefined, { detail: 'it was closed while it started receiving' });
    }
    return listener.receiving;
  }

  async #listenOnHost(options: ReceiveOptions): Promise<ActiveListener> {
    const { InboundListener } = await import('../inbound/inbound-listener');
    const listener = await InboundListener.listen({
      host: options.host,
      port: options.port ?? 4010,
      idleTimeoutMs: options.idleTimeoutMs,
      maxMessageBytes: options.maxMessageBytes,
      firstByteTimeoutMs: options.firstByteTimeoutMs,
      maxConnections: options.maxConnections,
      scheduler: this.#scheduler,
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

  async #listenOnModem(engine: ATEngine, options: ReceiveOptions): Promise<ActiveListener> {
    if (options.port === 0) {
      throw new InvalidArgumentError('port', 'port 0 (any free port) is for the host listener: give the modem a port such as 4010');
    }
    const { ModemSocketListener } = await import('../modem/sockets/modem-socket-listener');
    const port = options.port ?? 4010;
    const listener = new ModemSocketListener(engine, { port, idleTimeoutMs: options.idleTimeoutMs, scheduler: this.#scheduler });
    const receiving = { via: 'modem' as const, port };
    const subscription = listener.messages$.subscribe({
      next: (message) =>
        this.#messages.next({ ...message, text: message.data.toString('utf8'), receivedAt: this.#scheduler.now(), via: 'modem' }),
      // The modem refused to listen (no PDP context, no socket left): logged; receiving has stopped.
      error: (error: unknown) => {
        log('receiving over the modem stopped: %s', error instanceof Error ? error.message : String(error));
        this.#on({ type: 'ended', receiving });
      },
    });
    return {
      receiving,
      options,
      stop: async () => {
        subscription.unsubscribe();
        await listener.close();
      },
    };
  }
}

/** The error of a second `start` whose options differ from the listener's. */
function otherOptions(now: string): InvalidArgumentError {
  return new InvalidArgumentError('options', `${now}: call stopReceiving() before receiving with other options`);
}
