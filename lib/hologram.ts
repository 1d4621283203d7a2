import {
  asyncScheduler,
  distinctUntilChanged,
  EMPTY,
  firstValueFrom,
  map,
  Observable,
  type Observer,
  Subject,
  Subscription,
  switchMap,
  takeUntil,
} from './rx';
import { ClosedError } from './closed-error';
import { HologramError } from './errors';
import { logger } from './logging';
import { checkSmsBody, checkSmsDestination } from './cloud/cloud-frame';
import { Credentials } from './cloud/credentials';
import type { MessageModeName } from './cloud/message-mode';
import type { OutboundMessage } from './cloud/outbound-message';
import type { SendResult } from './cloud/send-result';
import { toOutboundMessage, type MessageInput } from './cloud/to-outbound-message';
import type { DeliveryStats } from './delivery/delivery-event';
import type { OutboxHealth } from './delivery/outbox-health';
import { atEndOfRun } from './delivery/end-of-run';
import { DeliveryPipeline } from './delivery/delivery-pipeline';
import { messageResult, type MessageResult } from './delivery/message-result';
import { PeriodicSender } from './delivery/periodic-sender';
import { EventBus } from './events/event-bus';
import type { HologramEventBus } from './events/hologram-event-bus';
import { HOLOGRAM_EVENT_NAMES, type HologramEvents } from './events/hologram-events';
import { HologramEventBridge } from './facade/hologram-event-bridge';
import {
  checkCredentials,
  checkHologramOptions,
  networkOptions,
  ownsNetwork,
  submitOptions,
  type HologramOptions,
  type SendMessageOptions,
} from './facade/hologram-options';
import { checkSenderOptions, HologramSenderSettings } from './facade/hologram-sender-settings';
import { MessageReceiver, type ReceivedMessage, type ReceiveOptions, type Receiving } from './facade/message-receiver';
import type { Modem } from './modem/modem';
import type { ReceivedSMS } from './modem/sms-service';
import { createNetwork } from './network/create-network';
import type { Network } from './network/network';
import type { NetworkState } from './network/network-state';
import { createOutboxStore } from './outbox/create-outbox-store';
import type { OutboxStore } from './outbox/outbox-store';
import { SDK_VERSION } from './sdk-version';

// Option parsing lives in facade/; re-exported so `parsePort` and the options type stay
// importable from here.
export { parsePort } from './facade/hologram-options';
export type { HologramOptions, SendMessageOptions } from './facade/hologram-options';

const log = logger('cloud');

/** How messages are authenticated: the device key for the Hologram cloud, nothing for `tcp-other`. */
export type AuthenticationMethod = 'devicekey' | 'none';

/** What the facade shows of its outbox: counters and gauges, now and as they change. */
export interface HologramOutbox {
  /** Stats now and after every change (accepted, sent, failed, dropped, retried). */
  readonly stats$: Observable<DeliveryStats>;
  stats(): DeliveryStats;
  /**
   * Whether the outbox can store and remove messages: `{ kind: 'ok' }`, or `{ kind: 'failing',
   * error }` (an `OutboxStoreError` naming the file and the cause, e.g. a full disk). The current
   * value at once, then every change; each change is also the `outbox.health` event.
   */
  readonly health$: Observable<OutboxHealth>;
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
 *   outbox's overflow policy dropped it, `OutboxStoreError` if the outbox could not store it (a
 *   full disk: the error names the file and the cause), and `InvalidArgumentError` for bad input
 *   or settings (then nothing is accepted). The message is stored before `sendMessage` returns.
 * - `send$` is a sink: `source$.subscribe(hologram.send$)`; fire-and-forget, results on
 *   `results$`. A source's error or completion does not close it, so several sources may feed it.
 * - `results$` emits one result per message (delivered or failed), in order with concurrency 1,
 *   including messages resumed from a previous run. Sending starts on the next tick after
 *   construction, so subscribing right after `new Hologram()` sees every result.
 * - `event`: `message.buffered` (accepted while it cannot go out: offline, or sending paused after failures in a row),
 *   `message.sent`, `message.failed`, `message.dropped` (overflow, or `storage` when the outbox
 *   could not store it), `outbox.health`, `sms.sent`, and `network.connected` /
 *   `network.disconnected` once per change of connectivity; on a cellular network also
 *   `modem.*`, `cellular.*` and `sms.received` (SMS are read from the modem, and deleted once
 *   delivered, only while something listens to `sms.received` or `sms$`). The facade listens to
 *   its network and modem from construction on; what they report while the constructor runs (a
 *   modem already `ready` gives `modem.connected` and its current `modem.registration` at once)
 *   is held and broadcast, in order, on the next tick (before sending starts) or just before the
 *   next event if one comes sooner. So callbacks subscribed right after `new Hologram()` see the
 *   current modem state and nothing is lost in between. Later subscribers get later events only
 *   (the bus does not replay); the current state is on `hologram.modem` and `network$`.
 * - `sendSMS()` is a direct one-shot exchange, not buffered: an SMS is a person-facing action whose
 *   caller wants to know now whether it went, not hours later.
 */
export class Hologram {
  readonly #bus = new EventBus<HologramEvents>(HOLOGRAM_EVENT_NAMES);
  /** Listening only: the facade broadcasts its own events and closes the bus with itself. */
  readonly event: HologramEventBus = this.#bus;
  readonly results$: Observable<MessageResult>;
  /**
   * An Observer, not an Observable (the one `$` name that is): the sink messages are piped into,
   * `source$.subscribe(hologram.send$)` or `send$.next(message)`. Fire-and-forget: results arrive
   * on `results$`; a source's error or completion leaves it open.
   */
  readonly send$: Observer<MessageInput>;
  readonly outbox: HologramOutbox;
  /**
   * Cloud-to-device messages, hot: each message received while `startReceiving()` is in effect,
   * over the host's TCP or the modem's AT sockets (see `startReceiving`). Each one is also
   * broadcast as `message.received`. Completes on `close()`.
   */
  readonly receive$: Observable<ReceivedMessage>;

  readonly #settings: HologramSenderSettings;
  readonly #network: Network;
  /** The network was built here from a name, so `close()` closes it. */
  readonly #ownsNetwork: boolean;
  readonly #pipeline: DeliveryPipeline;
  readonly #periodic: PeriodicSender;
  /** Event bridges and the deferred start; released by `close()`. */
  readonly #subscriptions = new Subscription();
  readonly #receiver: MessageReceiver;
  /** The network's modem, each time it changes (a cellular network opens its modem late). */
  readonly #modem$: Observable<Modem | undefined>;
  /** Emits once, on `close()`: ends the streams that follow the modem. */
  readonly #closing = new Subject<void>();
  /** Carries the layers' events onto `event`, holding those raised while constructing. */
  readonly #events = new HologramEventBridge(this.#bus);
  /** Set by `close()`: resolves once everything is released. */
  #closed?: Promise<void>;

  constructor(credentials: Credentials = new Credentials(), options: HologramOptions = {}) {
    const checkedCredentials = checkCredentials(credentials);
    options = checkHologramOptions(options);
    const sending = checkSenderOptions(options);
    const scheduler = options.scheduler ?? asyncScheduler;

    this.#ownsNetwork = ownsNetwork(options);
    // Built once; each part is handed what it needs of it (its modem, transport and state).
    const network = createNetwork(options.network, networkOptions(options, scheduler));
    this.#network = network;
    this.#settings = new HologramSenderSettings(checkedCredentials, sending, network);
    const events = this.#events;
    let store: OutboxStore | undefined;
    let pipeline: DeliveryPipeline;
    try {
      store = createOutboxStore(options.outbox);
      if (store.recovery !== undefined) events.emit('outbox.recovered', store.recovery);
      pipeline = new DeliveryPipeline({
        store,
        connected$: network.connected$,
        send: this.#settings.sender,
        concurrency: options.concurrency,
        backoff: options.backoff,
        maxAttempts: options.maxAttempts,
        scheduler,
        listens: events.wantsDelivery,
      });
    } catch (error) {
      // Nothing half-built stays open: a bad option must not leave a file handle or a watcher behind.
      void store?.close(); // released at once (a durable store closes its file synchronously)
      if (this.#ownsNetwork) void network.close();
      throw error;
    }
    this.#pipeline = pipeline;
    this.#periodic = new PeriodicSender((message) => pipeline.enqueue(message), scheduler);

    this.results$ = pipeline.results$.pipe(map(({ message, result }) => messageResult(result, message)));
    this.outbox = { stats$: pipeline.stats$, stats: () => pipeline.stats(), health$: pipeline.health$ };
    this.#subscriptions.add(events.followDelivery(pipeline.events$, () => pipeline.stats().pendingCount));
    this.#subscriptions.add(this.#events.followNetwork(network));
    this.#modem$ = network.modem$.pipe(distinctUntilChanged(), takeUntil(this.#closing));
    this.#subscriptions.add(this.#events.followModems(this.#modem$));
    this.#subscriptions.add(this.#events.followSms(this.sms$));
    const cellular = this.#events.followCellular(network);
    if (cellular !== undefined) this.#subscriptions.add(cellular);
    this.#receiver = new MessageReceiver(scheduler, network);
    this.receive$ = this.#receiver.messages$;
    this.#subscriptions.add(this.#events.followReceived(this.#receiver.messages$));
    // Sending starts once this synchronous run is over: results of messages resumed from a
    // durable outbox come after I/O, so subscribers that attach right after construction see them,
    // and a first message does not wait for a timer tick. The events held since construction are
    // released on the next tick (or before the next event), for callbacks subscribed a little later.
    this.#subscriptions.add(atEndOfRun(scheduler, () => pipeline.start()));
    this.#subscriptions.add(scheduler.schedule(() => events.releaseHeld()));

    this.send$ = {
      next: (input) => this.#acceptFromStream(input),
      error: (error: unknown) =>
        log('a source piped into send$ failed (send$ stays open): %s', error instanceof Error ? error.message : String(error)),
      complete: () => undefined,
    };
    this.#events.constructed();
  }

  get credentials(): Credentials {
    return this.#settings.credentials;
  }

  set credentials(credentials: Credentials) {
    this.#settings.credentials = credentials;
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
    return this.#network.modem;
  }

  /**
   * SMS received by the modem (multipart messages reassembled). Reading starts on subscribe, here
   * or on the `sms.received` event, and stops when the last subscriber leaves: until then the SMS
   * stay in the modem. Each SMS is deleted from the modem once it was delivered to the
   * subscribers (one that throws still received it: the error reaches its own error handler, or
   * the bus's log for an event callback). Follows the network's modem (a replugged or reopened
   * one too); completes with the network's `modem$` (at once for a network without a modem), else
   * on `close()`.
   */
  get sms$(): Observable<ReceivedSMS> {
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
    return this.#settings.messageMode;
  }

  set messageMode(mode: MessageModeName) {
    this.#settings.messageMode = mode;
  }

  get authentication(): AuthenticationMethod {
    return this.#settings.needsCredentials ? 'devicekey' : 'none';
  }

  /** The host messages go to: the one set, else the mode's default (none for `tcp-other`). */
  get sendHost(): string | undefined {
    return this.#settings.sendHost;
  }

  set sendHost(host: string | undefined) {
    this.#settings.sendHost = host;
  }

  get sendPort(): number | undefined {
    return this.#settings.sendPort;
  }

  /** Accepts a number or digits (the Python SDK's `send_port = '9999'`). */
  set sendPort(port: number | string | undefined) {
    this.#settings.sendPort = port;
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
  sendMessage$(message: MessageInput, topics?: string | readonly string[], options?: SendMessageOptions): Observable<MessageResult> {
    const outbound = this.#check(message, topics);
    return this.#pipeline.submit$(outbound, submitOptions(options));
  }

  /**
   * Resolves once the message is delivered (code 0 or 1), however long the network is down, or
   * until `options.timeoutMs` passes: then it rejects with `MessageTimeoutError` (its `cause`: the
   * last failed send, if any) and the message stays in the outbox (it is still sent, see the
   * error). Rejects with `MessageFailedError` for a permanent code (`.code`, `.result`), with
   * `MessageAttemptsExhaustedError` once `maxAttempts` is used up, with `MessageDroppedError` if
   * the outbox overflowed, with `OutboxStoreError` if the outbox could not store it, and at once
   * with `InvalidArgumentError` for bad input. The same path as `sendMessage$`, waited for without
   * an Observable.
   */
  sendMessage(message: MessageInput, topics?: string | readonly string[], options?: SendMessageOptions): Promise<MessageResult> {
    try {
      const outbound = this.#check(message, topics);
      return this.#pipeline.submit(outbound, submitOptions(options));
    } catch (error) {
      return Promise.reject(error);
    }
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
    this.#checkOpen('send SMS');
    const send = this.#settings.smsSender();
    checkSmsDestination(destination);
    checkSmsBody(message);
    return send(destination, message).pipe(
      map((result) => {
        if (result.ok) this.#bus.broadcast('sms.sent', { destination, result });
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
   * with `ClosedError` (`delivery`), stops the periodic message, closes the outbox, completes
   * `results$` and every event stream, stops receiving, and closes the network if it was built
   * from a name. Resolves once all of it is released (the outbox file closed, the receiving port
   * freed, the network's modem closed), again for a second call; rejects with the first failure
   * after trying everything. Afterwards sending, SMS, periodic messages and receiving throw
   * `ClosedError` (`hologram`).
   */
  close(): Promise<void> {
    this.#closed ??= this.#release();
    return this.#closed;
  }

  async #release(): Promise<void> {
    this.#periodic.close();
    const releasing = [this.#pipeline.close(), this.#receiver.close()];
    this.#closing.next();
    this.#closing.complete();
    this.#subscriptions.unsubscribe();
    releasing.push(this.#bus.close());
    if (this.#ownsNetwork) releasing.push(this.#network.close());
    const failed = (await Promise.allSettled(releasing)).find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Throws `ClosedError` (`hologram`) once `close()` was called: nothing new starts after it. */
  #checkOpen(wanted: string): void {
    if (this.#closed !== undefined) throw new ClosedError('hologram', undefined, { detail: `create a new one to ${wanted}` });
  }

  /** A message ready for the outbox; throws for bad input or settings that could never send it. */
  #check(message: MessageInput, topics?: string | readonly string[]): OutboundMessage {
    this.#checkOpen('send messages');
    const outbound = toOutboundMessage(message, topics);
    this.#settings.checkSendable();
    return outbound;
  }

  /**
   * `send$.next`: a malformed message is refused (logged, `message.failed`, `stats().refused`);
   * after `close()` each message is counted refused and `ClosedError` thrown, as for every other
   * use after close.
   */
  #acceptFromStream(input: MessageInput): void {
    try {
      this.#pipeline.enqueue(this.#check(input));
    } catch (error) {
      this.#pipeline.refused();
      log('send$ refused a message: %s', error instanceof Error ? error.message : String(error));
      if (this.#closed !== undefined) throw error;
      if (error instanceof HologramError) this.#bus.broadcast('message.failed', { error });
    }
  }
}
