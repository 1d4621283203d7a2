import { InvalidArgumentError } from '../errors';
import { createMessageSender, createSmsSender, type CloudSenderOptions, type MessageSender, type SmsSender } from '../cloud/cloud-sender';
import type { Credentials } from '../cloud/credentials';
import { messageMode, parseMessageMode, type MessageModeName } from '../cloud/message-mode';
import { TcpTransport } from '../cloud/tcp-transport';
import type { Transport } from '../cloud/transport';
import type { Network } from '../network/network';
import { checkTimeout } from '../validation/duration';
import { parsePort } from '../validation/port';
import { checkCredentials, type HologramOptions } from './hologram-options';
import { frameMetadata } from './frame-metadata';
import { describeValue } from '../options/describe-value';

/** The facade's sending options, checked: what its settings start from. */
export interface SenderOptions {
  readonly messageMode: MessageModeName;
  readonly sendHost: string | undefined;
  readonly sendPort: number | undefined;
  readonly connectTimeoutMs: number | undefined;
  readonly replyTimeoutMs: number | undefined;
  readonly replyIdleMs: number | undefined;
  /** Carries messages when the network has no transport of its own. */
  readonly hostTransport: Transport;
}

/**
 * Checks the facade's sending options (throws `InvalidArgumentError` naming the bad one). Opens
 * nothing, so it runs before the network is built and a bad option leaves nothing behind.
 */
export function checkSenderOptions(options: HologramOptions): SenderOptions {
  return {
    messageMode: parseMessageMode(options.messageMode ?? 'hologram_cloud'),
    sendHost: options.sendHost,
    sendPort: options.sendPort === undefined ? undefined : parsePort(options.sendPort),
    connectTimeoutMs: checkTimeout('connectTimeoutMs', options.connectTimeoutMs),
    replyTimeoutMs: checkTimeout('replyTimeoutMs', options.replyTimeoutMs),
    replyIdleMs: checkTimeout('replyIdleMs', options.replyIdleMs),
    hostTransport: options.transport ?? new TcpTransport(),
  };
}

/** What sending asks of the network: the transport it brings, and the modem that names the frames. */
export type SendingNetwork = Pick<Network, 'transport' | 'modem'>;

/**
 * Where and how the facade's messages go: message mode, credentials, host and port, timeouts and
 * transport. The facade's setters change them at any time; the message sender built from them is
 * kept until one changes (built per message it would redo the checks for every send).
 */
export class HologramSenderSettings {
  #credentials: Credentials;
  #messageMode: MessageModeName;
  #sendHost: string | undefined;
  #sendPort: number | undefined;
  readonly #connectTimeoutMs: number | undefined;
  readonly #replyTimeoutMs: number | undefined;
  readonly #replyIdleMs: number | undefined;
  /** The network's transport while it has one (a modem's AT sockets), else the host's: looked up per exchange. */
  readonly #transport: Transport;
  /** The metadata of each frame: the network's modem can change, so it is asked per message. */
  readonly #metadata: () => string;
  /** Built from the current settings on first use; any setter discards it. */
  #sender: MessageSender | undefined;

  constructor(credentials: Credentials, options: SenderOptions, network: SendingNetwork) {
    this.#credentials = credentials;
    this.#messageMode = options.messageMode;
    this.#sendHost = options.sendHost;
    this.#sendPort = options.sendPort;
    this.#connectTimeoutMs = options.connectTimeoutMs;
    this.#replyTimeoutMs = options.replyTimeoutMs;
    this.#replyIdleMs = options.replyIdleMs;
    const { hostTransport } = options;
    this.#transport = { exchange$: (request) => (network.transport ?? hostTransport).exchange$(request) };
    this.#metadata = () => frameMetadata(network.modem);
  }

  get credentials(): Credentials {
    return this.#credentials;
  }

  set credentials(credentials: Credentials) {
    this.#credentials = checkCredentials(credentials);
    this.#sender = undefined;
  }

  get messageMode(): MessageModeName {
    return this.#messageMode;
  }

  set messageMode(mode: MessageModeName) {
    this.#messageMode = parseMessageMode(mode);
    this.#sender = undefined;
  }

  /** Whether the mode signs messages with the device key. */
  get needsCredentials(): boolean {
    return messageMode(this.#messageMode).needsCredentials;
  }

  /** The host set, else the mode's default (none for `tcp-other`). */
  get sendHost(): string | undefined {
    return this.#sendHost ?? messageMode(this.#messageMode).defaultHost;
  }

  set sendHost(host: string | undefined) {
    if (host !== undefined && (typeof host !== 'string' || host.trim() === '')) {
      throw new InvalidArgumentError('sendHost', `sendHost must be a host name or address, got ${describeValue(host)}`);
    }
    this.#sendHost = host;
    this.#sender = undefined;
  }

  get sendPort(): number | undefined {
    return this.#sendPort ?? messageMode(this.#messageMode).defaultPort;
  }

  set sendPort(port: number | string | undefined) {
    this.#sendPort = port === undefined ? undefined : parsePort(port);
    this.#sender = undefined;
  }

  /**
   * Sends one message with the settings of the moment: what the delivery pipeline is handed, once
   * (a setter changes where the next message goes, not the sender the pipeline holds).
   */
  readonly sender: MessageSender = (message) => this.#messageSender()(message);

  /**
   * Throws the error every send with the current settings would fail with (no device key for
   * `hologram_cloud`, no host or port for `tcp-other`): the facade refuses such a message at once
   * instead of storing one that could never go. Builds and keeps the sender the next send uses.
   */
  checkSendable(): void {
    this.#messageSender();
  }

  /** The message sender for the current settings; throws for settings that could never send. */
  #messageSender(): MessageSender {
    this.#sender ??= createMessageSender(this.#senderOptions());
    return this.#sender;
  }

  /** An SMS sender for the current settings (`hologram_cloud` only: throws otherwise). */
  smsSender(): SmsSender {
    return createSmsSender(this.#senderOptions());
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
      replyIdleMs: this.#replyIdleMs,
      metadata: this.#metadata,
    };
  }
}
