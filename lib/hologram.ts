import {
  asyncScheduler,
  distinctUntilChanged,
  EMPTY,
  filter,
  firstValueFrom,
  map,
  Observable,
  type Observer,
  type SchedulerLike,
  Subject,
  Subscription,
  switchMap,
  takeUntil,
} from './rx';
import { InvalidArgumentError, HologramError } from './errors';
import { logger } from './logging';
import { createMessageSender, createSmsSender, type CloudSenderOptions, type MessageSender } from './cloud/cloud-sender';
import { checkSmsBody, checkSmsDestination } from './cloud/cloud-frame';
import { Credentials } from './cloud/credentials';
import { messageMode, parseMessageMode, type MessageModeName } from './cloud/message-mode';
import type { OutboundMessage } from './cloud/outbound-message';
import type { SendResult } from './cloud/send-result';
import { TcpTransport } from './cloud/tcp-transport';
import { toOutboundMessage, type MessageInput } from './cloud/to-outbound-message';
import type { Transport } from './cloud/transport';
import type { DeliveryEvent, DeliveryStats } from './delivery/delivery-event';
import { DeliveryPipeline } from './delivery/delivery-pipeline';
import { MessageAttemptsExhaustedError } from './delivery/message-attempts-exhausted-error';
import { MessageFailedError } from './delivery/message-failed-error';
import type { MessageResult } from './delivery/message-result';
import { PeriodicSender } from './delivery/periodic-sender';
import { EventBus } from './events/event-bus';
import { HOLOGRAM_EVENT_NAMES, type HologramEvents } from './events/hologram-events';
import { MessageReceiver, type ReceivedMessage, type ReceiveOptions, type Receiving } from './message-receiver';
import type { AtEngine } from './modem/at/at-engine';
import type { Modem } from './modem/modem';
import type { ModemEvent } from './modem/modem-status';
import type { ReceivedSms } from './modem/sms-service';
import { UnsupportedNetworkOperationError } from './network/unsupported-network-operation-error';
import { createNetwork } from './network/create-network';
import type { Network, NetworkName } from './network/network';
import { networkEvents } from './network/network-events';
import type { NetworkState } from './network/network-state';
import type { BackoffOptions } from './operators/backoff-options';
import { createOutboxStore, type OutboxOptions } from './outbox/create-outbox-store';
import type { OutboxStore } from './outbox/outbox-store';
import { SDK_VERSION } from './sdk-version';

const log = logger('cloud');

/** How messages are authenticated: the device key for the Hologram cloud, nothing for `tcp-other`. */
export type AuthenticationMethod = 'devicekey' | 'none';

export interface HologramOptions {
  /** `hologram_cloud` (default) or `tcp-other`. */
  readonly messageMode?: MessageModeName;
  /**
   * The link whose state decides when messages flow: a `Network`, or a name for `createNetwork`
   * (`''` always connected, the default; `'manual'`; `'ethernet'` / `'wifi'` with `interfaceName`;
   * `'cellular'` once registered). A network built from a name is closed by `close()`; one passed
   * in belongs to the caller.
   */
  readonly network?: Network | NetworkName;
  /** For `network: 'ethernet' | 'wifi'`: the interface to watch (e.g. `eth0`, `wlan0`). */
  readonly interfaceName?: string;
  /** For `network: 'cellular'`: the modem's AT port (e.g. `/dev/ttyUSB2`); default: auto-detect. */
  readonly device?: string;
  /** For `network: 'cellular'`: the access point name (default `hologram`). */
  readonly apn?: string;
  /**
   * Where messages wait until the cloud confirms them: in memory by default; with `path`, a SQLite
   * file (loaded only then) that survives restarts and power cuts. Limits default to 100,000
   * messages / 64 MiB with overflow `drop-oldest`.
   */
  readonly outbox?: OutboxOptions;
  /** Sends under way at once (default 1, which keeps messages in order). */
  readonly concurrency?: number;
  /** Waits between failed sends (default 1 s first ceiling, at most 5 min, full jitter). */
  readonly backoff?: Partial<BackoffOptions>;
  /**
   * Sends of one message before it fails undelivered (`MessageAttemptsExhaustedError`). Default
   * `Infinity`: retry until delivered. Set it only for one-shot scripts that must end.
   */
  readonly maxAttempts?: number;
  /** Clock and timers of the delivery, backoff and periodic messages (default `asyncScheduler`). */
  readonly scheduler?: SchedulerLike;
  /** Defaults to `cloudsocket.hologram.io` in `hologram_cloud`; required in `tcp-other`. */
  readonly sendHost?: string;
  /** Defaults to 9999 in `hologram_cloud`; required in `tcp-other`. */
  readonly sendPort?: number | string;
  /** Default 5000 ms. */
  readonly connectTimeoutMs?: number;
  /** Default 5000 ms. */
  readonly replyTimeoutMs?: number;
  /** Carries messages when the network brings no transport of its own. Default: `TcpTransport`. */
  readonly transport?: Transport;
}

/** What the facade shows of its outbox: counters and gauges, now and as they change. */
export interface HologramOutbox {
  /** Stats now and after every change (accepted, sent, failed, dropped, retried). */
  readonly stats$: Observable<DeliveryStats>;
  stats(): DeliveryStats;
}

/**
 * What the facade reads from a network that drives a modem (the cellular network): the modem once
 * it is open, how data flows, and its `cellular.*` events. Every member is optional, so any
 * `Network` can be looked at through it.
 */
interface ModemNetwork {
  readonly modem?: Modem;
  /** The modem each time the network opens one (the cellular network opens its own late). */
  readonly modem$?: Observable<Modem | undefined>;
  readonly dataMode?: 'sockets' | 'ppp';
  readonly events$?: Observable<{ readonly name: string; readonly state: NetworkState }>;
}

/** Checks a port: an integer 1..65535, given as a number or as digits. */
export function parsePort(value: unknown, argument = 'sendPort'): number {
  const port = typeof value === 'string' && /^[0-9]+$/.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InvalidArgumentError(argument, `${argument} must be a port number from 1 to 65535, got ${JSON.stringify(value)}`);
  }
  return port;
}

function checkTimeout(value: number | undefined, argument: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError(argument, `${argument} must be a positive number of milliseconds, got ${JSON.stringify(value)}`);
  }
  return value;
}


/**
 * The SDK's entry point: credentials, message mode and destination, the network to watch, and
 * the ways to send. Every message goes into an outbox first and leaves it only once the cloud
 * confirmed it (code 0 or 1) or refused it for good (codes 2-5, 7, 8): while the network is down
 * messages wait; transient failures (no reply, code 6) are retried with backoff; a durable outbox
 * (`outbox: { path }`) keeps them across restarts and resumes them on the next start.
 *
 * - `sendMessage()` resolves with the result once ITS message is delivered (after any number of
 *   reconnects), rejects with `MessageFailedError` on a permanent code (with
 *   `MessageAttemptsExhaustedError` once `maxAttempts` is used up), `MessageDroppedError` if the
 *   outbox's overflow policy dropped it, and `InvalidArgumentError` for bad input or settings
 *   (then nothing is accepted).
 * - `send$` is a sink: `source$.subscribe(hologram.send$)`; fire-and-forget, results on
 *   `results$`. A source's error or completion does not close it, so several sources may feed it.
 * - `results$` emits one result per message (delivered or failed), in order with concurrency 1,
 *   including messages resumed from a previous run. Sending starts on the next tick after
 *   construction, so subscribing right after `new Hologram()` sees every result.
 * - `event`: `message.buffered` (accepted while it cannot go out: offline or backing off),
 *   `message.sent`, `message.failed`, `message.dropped`, `sms.sent`, and `network.connected` /
 *   `network.disconnected` once per change of connectivity; on a cellular network also
 *   `modem.*`, `cellular.*` and `sms.received`. The facade listens to its network and modem from
 *   construction on; what they report while the constructor runs (a modem already `ready` gives
 *   `modem.connected` and its current `modem.registration` at once) is held and broadcast, in
 *   order, on the next tick (before sending starts) or just before the next event if one comes
 *   sooner. So callbacks subscribed right after `new Hologram()` see the current modem state and
 *   nothing is lost in between. Later subscribers get later events only (the bus does not
 *   replay); the current state is on `hologram.modem` and `network$`.
 * - `sendSMS()` is a direct one-shot exchange, not buffered: an SMS is a person-facing action whose
 *   caller wants to know now whether it went, not hours later.
 */
export class Hologram {
  readonly event = new EventBus<HologramEvents>(HOLOGRAM_EVENT_NAMES);
  readonly results$: Observable<MessageResult>;
  readonly send$: Observer<MessageInput>;
  readonly outbox: HologramOutbox;
  /**
   * Cloud-to-device messages, hot: each message received while `startReceiving()` is in effect,
   * over the host's TCP or the modem's AT sockets (see `startReceiving`). Each one is also
   * broadcast as `message.received`. Completes on `close()`.
   */
  readonly receive$: Observable<ReceivedMessage>;

  #credentials: Credentials;
  #messageMode: MessageModeName;
  #sendHost: string | undefined;
  #sendPort: number | undefined;
  readonly #network: Network;
  /** The network was built here from a name, so `close()` closes it. */
  readonly #ownsNetwork: boolean;
  readonly #connectTimeoutMs: number | undefined;
  readonly #replyTimeoutMs: number | undefined;
  readonly #hostTransport: Transport;
  /** The network's transport while it has one, else the host's: looked up per exchange. */
  readonly #transport: Transport;
  /** Built from the current settings on first use; any setter discards it. */
  #sender: MessageSender | undefined;
  readonly #pipeline: DeliveryPipeline;
  readonly #periodic: PeriodicSender;
  /** Event bridges and the deferred start; released by `close()`. */
  readonly #subscriptions = new Subscription();
  readonly #receiver: MessageReceiver;
  /** The network's modem, each time it changes (a cellular network opens its modem late). */
  readonly #modem$: Observable<Modem | undefined>;
  /** Emits once, on `close()`: ends the streams that follow the modem. */
  readonly #closing = new Subject<void>();
  /** True until the constructor returns: events raised meanwhile are held (see `event`). */
  #constructing = true;
  /** Events raised while constructing, broadcast on the next tick or before the next event. */
  #held: (() => void)[] = [];
  #closed = false;

  constructor(credentials: Credentials = new Credentials(), options: HologramOptions = {}) {
    if (!(credentials instanceof Credentials)) {
      throw new InvalidArgumentError('credentials', 'credentials must be a Credentials object: new Credentials(cloudId, cloudKey)');
    }
    if (options.outbox !== undefined && (options.outbox === null || typeof options.outbox !== 'object')) {
      throw new InvalidArgumentError('outbox', `outbox must be an object like { path, maxMessages }, got ${JSON.stringify(options.outbox)}`);
    }
    this.#credentials = credentials;
    this.#messageMode = parseMessageMode(options.messageMode ?? 'hologram_cloud');
    this.#sendHost = options.sendHost;
    this.#sendPort = options.sendPort === undefined ? undefined : parsePort(options.sendPort);
    this.#connectTimeoutMs = checkTimeout(options.connectTimeoutMs, 'connectTimeoutMs');
    this.#replyTimeoutMs = checkTimeout(options.replyTimeoutMs, 'replyTimeoutMs');
    this.#hostTransport = options.transport ?? new TcpTransport();
    this.#transport = { exchange: (request) => (this.#network.transport ?? this.#hostTransport).exchange(request) };
    const scheduler = options.scheduler ?? asyncScheduler;

    this.#ownsNetwork = typeof options.network !== 'object' || options.network === null;
    this.#network = createNetwork(options.network, {
      scheduler,
      interfaceName: options.interfaceName,
      ...(options.device === undefined ? {} : { device: options.device }),
      ...(options.apn === undefined ? {} : { apn: options.apn }),
    });
    let store: OutboxStore | undefined;
    try {
      store = createOutboxStore(options.outbox);
      this.#pipeline = new DeliveryPipeline({
        store,
        connected$: this.#network.connected$,
        send: (message) => this.#currentSender()(message),
        concurrency: options.concurrency,
        backoff: options.backoff,
        maxAttempts: options.maxAttempts,
        scheduler,
      });
    } catch (error) {
      // Nothing half-built stays open: a bad option must not leave a file handle or a watcher behind.
      store?.close();
      if (this.#ownsNetwork) this.#network.close();
      throw error;
    }
    this.#periodic = new PeriodicSender((message) => this.#pipeline.enqueue(message), scheduler);

    this.results$ = this.#pipeline.results$.pipe(map(({ message, result }): MessageResult => ({ ...result, message })));
    this.outbox = { stats$: this.#pipeline.stats$, stats: () => this.#pipeline.stats() };
    this.#subscriptions.add(this.#pipeline.events$.subscribe((event) => this.#broadcast(event)));
    this.#subscriptions.add(this.#network.state$.pipe(networkEvents()).subscribe((event) => this.#emit(event.name, event.state)));
    // A network that opens its modem itself says so on `modem$` (at once, not at its next state
    // change); any other network is asked for its modem at each state change.
    const networkModem$ = (this.#network as ModemNetwork).modem$ ?? this.#network.state$.pipe(map(() => this.modem));
    this.#modem$ = networkModem$.pipe(distinctUntilChanged(), takeUntil(this.#closing));
    this.#subscriptions.add(
      this.#modem$.pipe(switchMap((modem) => modem?.events$ ?? EMPTY)).subscribe((event) => this.#broadcastModemEvent(event)),
    );
    const cellularEvents$ = (this.#network as ModemNetwork).events$;
    if (this.#network.name === 'cellular' && cellularEvents$ !== undefined) {
      this.#subscriptions.add(
        cellularEvents$.subscribe(({ name, state }) => {
          if (name === 'cellular.connected' || name === 'cellular.disconnected') this.#emit(name, state);
        }),
      );
    }
    this.#receiver = new MessageReceiver(scheduler, () => this.#modemSocketsEngine());
    this.receive$ = this.#receiver.messages$;
    this.#subscriptions.add(this.#receiver.messages$.subscribe((message) => this.#emit('message.received', message)));
    // Started on the next tick, so results of messages resumed from a durable outbox, and the
    // events held since construction, reach subscribers that attach right after construction.
    this.#subscriptions.add(
      scheduler.schedule(() => {
        this.#releaseEarlyEvents();
        this.#pipeline.start();
      }),
    );

    this.send$ = {
      next: (input) => this.#acceptFromStream(input),
      error: (error: unknown) =>
        log('a source piped into send$ failed (send$ stays open): %s', error instanceof Error ? error.message : String(error)),
      complete: () => undefined,
    };
    this.#constructing = false;
  }

  get credentials(): Credentials {
    return this.#credentials;
  }

  set credentials(credentials: Credentials) {
    if (!(credentials instanceof Credentials)) {
      throw new InvalidArgumentError('credentials', 'credentials must be a Credentials object: new Credentials(cloudId, cloudKey)');
    }
    this.#credentials = credentials;
    this.#sender = undefined;
  }

  /** The network watched (the always-connected `''` network unless one was given). */
  get network(): Network {
    return this.#network;
  }

  /** The network's state: the current one at once, then every change. */
  get network$(): Observable<NetworkState> {
    return this.#network.state$;
  }

  /**
   * The modem behind the network when it is cellular (undefined until the network opened it, and
   * for every other network). Its `signal$`, `registration$`, `status$` watch the link; its
   * `modem.*` and `sms.received` events are also broadcast on `event`.
   */
  get modem(): Modem | undefined {
    return (this.#network as ModemNetwork).modem ?? undefined;
  }

  /**
   * SMS received by the modem (multipart messages reassembled), each also broadcast as
   * `sms.received`. Follows the network's modem (a replugged or reopened one too); completes at
   * once when the network is not cellular, else on `close()`.
   */
  get sms$(): Observable<ReceivedSms> {
    if (this.#network.name !== 'cellular') return EMPTY;
    return this.#modem$.pipe(switchMap((modem) => modem?.sms$ ?? EMPTY));
  }

  /**
   * Starts receiving cloud-to-device messages (the Python SDK's `openReceiveSocket`) on `port`
   * (default 4010): over the modem's AT sockets when the network is cellular with a u-blox modem
   * in sockets mode (the host's own TCP has no route over the cellular link then), else on the
   * host's TCP (`host`, default `0.0.0.0`; port 0 picks a free one). Resolves once listening, with
   * where. Messages arrive on `receive$` and as `message.received` events until
   * `stopReceiving()` or `close()`. Rejects with `InboundListenError` when the port is taken,
   * `UnsupportedNetworkOperationError` for a Quectel modem in sockets mode (it cannot listen),
   * `InvalidArgumentError` for bad options or when already receiving with other options.
   */
  startReceiving(options: ReceiveOptions = {}): Promise<Receiving> {
    return this.#receiver.start(options);
  }

  /** Stops receiving (the Python SDK's `closeReceiveSocket`); resolves once the port is released. */
  stopReceiving(): Promise<void> {
    return this.#receiver.stop();
  }

  /** Where messages are received now; undefined when not receiving. */
  get receiving(): Receiving | undefined {
    return this.#receiver.receiving;
  }

  get messageMode(): MessageModeName {
    return this.#messageMode;
  }

  set messageMode(mode: MessageModeName) {
    this.#messageMode = parseMessageMode(mode);
    this.#sender = undefined;
  }

  get authentication(): AuthenticationMethod {
    return messageMode(this.#messageMode).needsCredentials ? 'devicekey' : 'none';
  }

  /** The host messages go to: the one set, else the mode's default (none for `tcp-other`). */
  get sendHost(): string | undefined {
    return this.#sendHost ?? messageMode(this.#messageMode).defaultHost;
  }

  set sendHost(host: string | undefined) {
    if (host !== undefined && (typeof host !== 'string' || host.trim() === '')) {
      throw new InvalidArgumentError('sendHost', `sendHost must be a host name or address, got ${JSON.stringify(host)}`);
    }
    this.#sendHost = host;
    this.#sender = undefined;
  }

  get sendPort(): number | undefined {
    return this.#sendPort ?? messageMode(this.#messageMode).defaultPort;
  }

  /** Accepts a number or digits (the Python SDK's `send_port = '9999'`). */
  set sendPort(port: number | string | undefined) {
    this.#sendPort = port === undefined ? undefined : parsePort(port);
    this.#sender = undefined;
  }

  getSDKVersion(): string {
    return SDK_VERSION;
  }

  /**
   * Sends one message; cold (each subscription accepts it once into the outbox). Emits its result
   * once delivered, then completes; errors as `sendMessage()` rejects. Throws
   * `InvalidArgumentError` at once for bad input or settings; nothing is accepted then.
   * Unsubscribing only stops waiting: an accepted message is still delivered.
   */
  sendMessage$(message: MessageInput, topics?: string | readonly string[]): Observable<MessageResult> {
    const outbound = this.#check(message, topics);
    return this.#pipeline.submit(outbound).pipe(map((result): MessageResult => ({ ...result, message: outbound })));
  }

  /**
   * Resolves once the message is delivered (code 0 or 1), however long the network is down;
   * rejects with `MessageFailedError` for a permanent code (`.code`, `.result`), with
   * `MessageAttemptsExhaustedError` once `maxAttempts` is used up, with `MessageDroppedError` if
   * the outbox overflowed, and at once with `InvalidArgumentError` for bad input.
   */
  async sendMessage(message: MessageInput, topics?: string | readonly string[]): Promise<MessageResult> {
    return firstValueFrom(this.sendMessage$(message, topics));
  }

  /**
   * Sends `message` now and every `intervalSeconds` (at least 1) through the outbox, so periodic
   * readings are buffered like any other while offline. One periodic message at a time:
   * `PeriodicMessageRunningError` if one runs already.
   */
  sendPeriodicMessage(intervalSeconds: number, message: MessageInput, topics?: string | readonly string[]): void {
    const outbound = this.#check(message, topics);
    this.#periodic.start(intervalSeconds, outbound.data, outbound.topics);
  }

  stopPeriodicMessage(): void {
    this.#periodic.stop();
  }

  periodicMessageRunning(): boolean {
    return this.#periodic.running();
  }

  /**
   * Sends an SMS through the Hologram cloud (`hologram_cloud` only), directly (not through the
   * outbox). `destination`: `+` and digits; `message`: 1 to 160 characters, no `\r`. Each
   * violation throws at once; no connection is made.
   */
  sendSMS$(destination: string, message: string): Observable<SendResult> {
    const send = createSmsSender(this.#senderOptions());
    checkSmsDestination(destination);
    checkSmsBody(message);
    return send(destination, message).pipe(
      map((result) => {
        if (result.ok) this.event.broadcast('sms.sent', { destination, result });
        return result;
      }),
    );
  }

  /** Resolves with the cloud's result (check `ok`); rejects for bad input, before connecting. */
  async sendSMS(destination: string, message: string): Promise<SendResult> {
    return firstValueFrom(this.sendSMS$(destination, message));
  }

  /**
   * Stops: stores what was just submitted, cancels sends under way (their messages stay in the
   * outbox: a durable one resumes them on the next start), rejects every waiting `sendMessage`
   * with `DeliveryPipelineClosedError`, stops the periodic message, closes the outbox, completes
   * `results$` and every event stream, and closes the network if it was built from a name.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#periodic.close();
    this.#pipeline.close();
    void this.#receiver.close();
    this.#closing.next();
    this.#closing.complete();
    this.#subscriptions.unsubscribe();
    this.event.close();
    if (this.#ownsNetwork) this.#network.close();
  }

  /**
   * The AT engine to listen on when inbound connections must come through the modem: a u-blox
   * modem carrying data over AT sockets. Undefined: listen on the host (no modem, or PPP).
   */
  #modemSocketsEngine(): AtEngine | undefined {
    const network = this.#network as ModemNetwork;
    const modem = network.modem;
    if (modem === undefined || modem.state === 'closed') return undefined;
    const sockets = network.dataMode === 'sockets' || (network.dataMode === undefined && this.#network.transport !== undefined);
    if (!sockets) return undefined;
    if (modem.driver.sockets !== 'ublox') {
      throw new UnsupportedNetworkOperationError(
        this.#network.name,
        'startReceiving',
        `${modem.driver.description} carries data over AT sockets and cannot accept inbound connections: use PPP (mode 'ppp') to receive`,
      );
    }
    return modem.atEngine;
  }

  /** A modem event on the facade's bus: `sms.received` gets the event's plain fields beside the message. */
  #broadcastModemEvent(event: ModemEvent): void {
    if (event.name === 'sms.received') {
      const sms = event.payload;
      this.#emit('sms.received', { sender: sms.from, body: sms.text, timestamp: sms.timestamp.date, message: sms });
      return;
    }
    this.#emit(event.name, event.payload);
  }

  /** Broadcasts an event of the layers below; held while the constructor runs (see `event`). */
  #emit<K extends keyof HologramEvents>(name: K, payload: HologramEvents[K]): void {
    if (this.#constructing) {
      this.#held.push(() => this.event.broadcast(name, payload));
      return;
    }
    this.#releaseEarlyEvents();
    this.event.broadcast(name, payload);
  }

  /** Broadcasts the events held since construction, in order (once). */
  #releaseEarlyEvents(): void {
    if (this.#held.length === 0) return;
    const held = this.#held;
    this.#held = [];
    for (const broadcast of held) broadcast();
  }

  #senderOptions(): CloudSenderOptions {
    return {
      mode: this.#messageMode,
      credentials: this.#credentials,
      host: this.#sendHost,
      port: this.#sendPort,
      transport: this.#transport,
      connectTimeoutMs: this.#connectTimeoutMs,
      replyTimeoutMs: this.#replyTimeoutMs,
    };
  }

  #currentSender(): MessageSender {
    this.#sender ??= createMessageSender(this.#senderOptions());
    return this.#sender;
  }

  /** A message ready for the outbox; throws for bad input or settings that could never send it. */
  #check(message: MessageInput, topics?: string | readonly string[]): OutboundMessage {
    const outbound = toOutboundMessage(message, topics);
    this.#currentSender();
    return outbound;
  }

  #acceptFromStream(input: MessageInput): void {
    try {
      this.#pipeline.enqueue(this.#check(input));
    } catch (error) {
      log('send$ refused a message: %s', error instanceof Error ? error.message : String(error));
      if (error instanceof HologramError && !this.#closed) this.event.broadcast('message.failed', { error });
    }
  }

  /** The pipeline's account of each message, as the facade's `message.*` events. */
  #broadcast(event: DeliveryEvent): void {
    switch (event.type) {
      case 'buffered':
        if (event.held) this.#emit('message.buffered', { message: event.entry.message, pending: this.#pipeline.stats().pendingCount });
        return;
      case 'sent':
        this.#emit('message.sent', { ...event.result, message: event.entry.message });
        return;
      case 'failed': {
        const { entry, result, attempts } = event;
        const error =
          attempts === undefined
            ? new MessageFailedError(result, entry.message, entry.id)
            : new MessageAttemptsExhaustedError(result, entry.message, entry.id, attempts);
        this.#emit('message.failed', { message: entry.message, result, error });
        return;
      }
      case 'dropped':
        this.#emit('message.dropped', { message: event.message, reason: event.reason });
        return;
      case 'retry':
        return;
    }
  }
}
