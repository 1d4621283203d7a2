import { InvalidArgumentError } from '../errors';
import { createMessageSender, createSmsSender, type CloudSenderOptions, type MessageSender, type SmsSender } from '../cloud/cloud-sender';
import type { Credentials } from '../cloud/credentials';
import { messageMode, parseMessageMode, type MessageModeName } from '../cloud/message-mode';
import { TcpTransport } from '../cloud/tcp-transport';
import type { Transport } from '../cloud/transport';
import { checkTimeout } from '../validation/duration';
import { parsePort } from '../validation/port';
import { checkCredentials, type HologramOptions } from './hologram-options';
import { describeValue } from '../options/describe-value';

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
  readonly #hostTransport: Transport;
  /** The network's transport while it has one, else the host's: looked up per exchange. */
  readonly #transport: Transport;
  /** Built from the current settings on first use; any setter discards it. */
  #sender: MessageSender | undefined;

  /** The metadata of each message frame (the network's modem can change, so it is asked per message). */
  readonly #metadata: (() => string) | undefined;

  /**
   * Checks the options (throws `InvalidArgumentError` naming the bad one). `networkTransport`
   * gives the network's own transport, if it has one now (a modem's AT sockets); `metadata` the
   * frames' `m` (default: `agnostic`).
   */
  constructor(credentials: Credentials, options: HologramOptions, networkTransport: () => Transport | undefined, metadata?: () => string) {
    this.#metadata = metadata;
    this.#credentials = credentials;
    this.#messageMode = parseMessageMode(options.messageMode ?? 'hologram_cloud');
    this.#sendHost = options.sendHost;
    this.#sendPort = options.sendPort === undefined ? undefined : parsePort(options.sendPort);
    this.#connectTimeoutMs = checkTimeout('connectTimeoutMs', options.connectTimeoutMs);
    this.#replyTimeoutMs = checkTimeout('replyTimeoutMs', options.replyTimeoutMs);
    this.#replyIdleMs = checkTimeout('replyIdleMs', options.replyIdleMs);
    this.#hostTransport = options.transport ?? new TcpTransport();
    this.#transport = { exchange$: (request) => (networkTransport() ?? this.#hostTransport).exchange$(request) };
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
  readonly sender: MessageSender = (message) => this.messageSender()(message);

  /** The message sender for the current settings; throws for settings that could never send. */
  messageSender(): MessageSender {
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
