import { distinctUntilChanged, filter, firstValueFrom, Observable, type Observer, Subscription, tap } from './rx';
import { InvalidArgumentError, HologramError } from './errors';
import { logger } from './logging';
import { createMessageSender, createSmsSender, type CloudSenderOptions, type MessageSender } from './cloud/cloud-sender';
import { checkSmsBody, checkSmsDestination } from './cloud/cloud-frame';
import { Credentials } from './cloud/credentials';
import { messageMode, parseMessageMode, type MessageModeName } from './cloud/message-mode';
import type { SendResult } from './cloud/send-result';
import { TcpTransport } from './cloud/tcp-transport';
import { toOutboundMessage, type MessageInput } from './cloud/to-outbound-message';
import type { Transport } from './cloud/transport';
import type { Delivery } from './delivery/delivery';
import type { MessageResult } from './delivery/message-result';
import { SequentialDelivery } from './delivery/sequential-delivery';
import { EventBus } from './events/event-bus';
import { HOLOGRAM_EVENT_NAMES, type HologramEvents } from './events/hologram-events';
import type { Network } from './network/network';
import { SDK_VERSION } from './sdk-version';

const log = logger('cloud');

/** How messages are authenticated: the device key for the Hologram cloud, nothing for `tcp-other`. */
export type AuthenticationMethod = 'devicekey' | 'none';

export interface HologramOptions {
  /** `hologram_cloud` (default) or `tcp-other`. */
  readonly messageMode?: MessageModeName;
  /** The link to watch and, when it has one, the transport to use. Absent: always connected, host TCP. */
  readonly network?: Network;
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
  /** Builds the delivery from the sender. Default: `SequentialDelivery` (in memory, in order). */
  readonly createDelivery?: (send: MessageSender) => Delivery;
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
 * The SDK's entry point: credentials, message mode and destination, and the ways to send.
 *
 * - `sendMessage()` / `sendSMS()` resolve with the result whatever the cloud answered (check `ok`);
 *   they reject only for bad input, before any connection is made.
 * - `send$` is a sink: `source$.subscribe(hologram.send$)`; its messages go one at a time, in order.
 *   A source's error or completion does not close it, so several sources may feed it.
 * - `results$` emits one result per message (from `sendMessage` and `send$`), in order.
 * - `event` broadcasts `message.sent` once per delivered message, `message.failed` otherwise,
 *   `sms.sent`, and `network.connected` / `network.disconnected` from the attached network.
 */
export class Hologram {
  readonly event = new EventBus<HologramEvents>(HOLOGRAM_EVENT_NAMES);
  readonly results$: Observable<MessageResult>;
  readonly send$: Observer<MessageInput>;

  #credentials: Credentials;
  #messageMode: MessageModeName;
  #sendHost: string | undefined;
  #sendPort: number | undefined;
  readonly #network: Network | undefined;
  readonly #connectTimeoutMs: number | undefined;
  readonly #replyTimeoutMs: number | undefined;
  readonly #hostTransport: Transport;
  /** The network's transport while it has one, else the host's: looked up per exchange. */
  readonly #transport: Transport;
  /** Built from the current settings on first use; any setter discards it. */
  #sender: MessageSender | undefined;
  readonly #delivery: Delivery;
  readonly #subscriptions = new Subscription();
  #closed = false;

  constructor(credentials: Credentials = new Credentials(), options: HologramOptions = {}) {
    if (!(credentials instanceof Credentials)) {
      throw new InvalidArgumentError('credentials', 'credentials must be a Credentials object: new Credentials(cloudId, cloudKey)');
    }
    this.#credentials = credentials;
    this.#messageMode = parseMessageMode(options.messageMode ?? 'hologram_cloud');
    this.#sendHost = options.sendHost;
    this.#sendPort = options.sendPort === undefined ? undefined : parsePort(options.sendPort);
    this.#connectTimeoutMs = checkTimeout(options.connectTimeoutMs, 'connectTimeoutMs');
    this.#replyTimeoutMs = checkTimeout(options.replyTimeoutMs, 'replyTimeoutMs');
    this.#network = options.network;
    this.#hostTransport = options.transport ?? new TcpTransport();
    this.#transport = { exchange: (request) => (this.#network?.transport ?? this.#hostTransport).exchange(request) };

    this.#delivery = (options.createDelivery ?? ((send) => new SequentialDelivery(send)))((message) =>
      this.#currentSender()(message),
    );
    this.results$ = this.#delivery.results$;
    this.#subscriptions.add(
      this.#delivery.results$.subscribe((result) => {
        if (result.ok) this.event.broadcast('message.sent', result);
        else this.event.broadcast('message.failed', { message: result.message, result });
      }),
    );
    if (this.#network !== undefined) this.#watchNetwork(this.#network);

    this.send$ = {
      next: (input) => this.#acceptFromStream(input),
      error: (error: unknown) =>
        log('a source piped into send$ failed (send$ stays open): %s', error instanceof Error ? error.message : String(error)),
      complete: () => undefined,
    };
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

  /** The network given in the options, if any (its `state$` / `connected$` tell the link's state). */
  get network(): Network | undefined {
    return this.#network;
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
   * Sends one message; cold (each subscription sends it once) and queued behind earlier messages.
   * Throws `InvalidArgumentError` at once for bad input or settings; no connection is made then.
   */
  sendMessage$(message: MessageInput, topics?: string | readonly string[]): Observable<MessageResult> {
    const outbound = toOutboundMessage(message, topics);
    this.#currentSender();
    return this.#delivery.submit(outbound).pipe(tap({ error: (error: unknown) => this.#reportError(error, outbound) }));
  }

  /** Resolves with the result whatever the code (check `ok`); rejects for bad input, before connecting. */
  async sendMessage(message: MessageInput, topics?: string | readonly string[]): Promise<MessageResult> {
    return firstValueFrom(this.sendMessage$(message, topics));
  }

  /**
   * Sends an SMS through the Hologram cloud (`hologram_cloud` only). `destination`: `+` and digits;
   * `message`: 1 to 160 characters, no `\r`. Each violation throws at once; no connection is made.
   */
  sendSMS$(destination: string, message: string): Observable<SendResult> {
    const send = createSmsSender(this.#senderOptions());
    checkSmsDestination(destination);
    checkSmsBody(message);
    return send(destination, message).pipe(
      tap((result) => {
        if (result.ok) this.event.broadcast('sms.sent', { destination, result });
      }),
    );
  }

  /** Resolves with the cloud's result (check `ok`); rejects for bad input, before connecting. */
  async sendSMS(destination: string, message: string): Promise<SendResult> {
    return firstValueFrom(this.sendSMS$(destination, message));
  }

  /**
   * Stops: cancels the message in flight (its socket closes), fails the waiting ones, completes
   * `results$` and every event stream. A network passed in the options stays open (its owner closes it).
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#delivery.close();
    this.#subscriptions.unsubscribe();
    this.event.close();
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

  #acceptFromStream(input: MessageInput): void {
    let messages: Observable<MessageResult>;
    try {
      messages = this.sendMessage$(input);
    } catch (error) {
      log('send$ refused a message: %s', error instanceof Error ? error.message : String(error));
      if (error instanceof HologramError) this.event.broadcast('message.failed', { error });
      return;
    }
    // Results reach results$ and the events; a late close() error is already reported there.
    messages.subscribe({ error: () => undefined });
  }

  #reportError(error: unknown, message: MessageResult['message']): void {
    if (this.#closed) return;
    if (error instanceof HologramError) this.event.broadcast('message.failed', { message, error });
  }

  #watchNetwork(network: Network): void {
    this.#subscriptions.add(
      network.state$
        .pipe(
          filter((state) => state.kind !== 'connecting'),
          distinctUntilChanged((previous, current) => previous.kind === current.kind),
        )
        .subscribe((state) => {
          this.event.broadcast(state.kind === 'connected' ? 'network.connected' : 'network.disconnected', state);
        }),
    );
  }
}
