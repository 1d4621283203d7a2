import { Observable, type Subscriber } from '../rx';
import { subscribeWith, type OperatorHandlers } from '../operators/operate';
import { InvalidArgumentError } from '../errors';
import { logger } from '../logging';
import { decodeCloudResponse, isCompleteCloudResponse } from './cloud-response';
import { AGNOSTIC_MODEM_TYPE, encodeMetadata, encodeSMSFrame } from './cloud-frame';
import { SDK_VERSION } from '../sdk-version';
import { MissingCredentialsError, type Credentials } from './credentials';
import { messageMode, type MessageModeName } from './message-mode';
import type { OutboundMessage } from './outbound-message';
import { ERR_UNKNOWN, resultCode } from './result-codes';
import type { SendResult } from './send-result';
import type { ExchangeRequest, Transport } from './transport';
import { TransportError } from './transport-error';

const log = logger('cloud');

/**
 * Sends one message: encode, exchange over a transport, decode the reply. Cold: each subscription
 * is one exchange. It always emits exactly one `SendResult`: a transport failure (refused, timed
 * out, reset) becomes `ERR_UNKNOWN` (-1), retryable, with the failure in its description, so every
 * caller branches on `ok` / `retryable` alone. Only programming errors reach the error channel.
 */
export type MessageSender = (message: OutboundMessage) => Observable<SendResult>;

/** Sends one SMS through the cloud; same contract as `MessageSender`. */
export type SmsSender = (destination: string, body: string) => Observable<SendResult>;

export interface CloudSenderOptions {
  readonly mode: MessageModeName;
  readonly credentials: Credentials;
  /** Defaults to the mode's host (`cloudsocket.hologram.io` for `hologram_cloud`). */
  readonly host?: string;
  /** Defaults to the mode's port (9999 for `hologram_cloud`). */
  readonly port?: number;
  readonly transport: Transport;
  readonly connectTimeoutMs?: number;
  readonly replyTimeoutMs?: number;
  /** A reply with no end of its own (`tcp-other`) is whole after this long without new bytes (default 250 ms). */
  readonly replyIdleMs?: number;
  /**
   * The metadata (`m`) of each message frame, asked per message since the modem may change:
   * default `\u0001agnostic-<SDK version>`, what the Python SDK sends without a modem.
   */
  readonly metadata?: () => string;
}

/** The metadata of a frame sent without a modem. */
export const AGNOSTIC_METADATA = encodeMetadata({ modemType: AGNOSTIC_MODEM_TYPE, sdkVersion: SDK_VERSION });

/** A result for an exchange the transport could not complete. */
export function transportFailureResult(error: TransportError): SendResult {
  return {
    code: ERR_UNKNOWN,
    name: resultCode(ERR_UNKNOWN).name,
    description: `No reply: ${error.message}`,
    ok: false,
    retryable: true,
    failure: error.kind,
  };
}

/** Validates where and how messages would go; throws `InvalidArgumentError` naming what is missing. */
export function resolveDestination(options: CloudSenderOptions): { host: string; port: number } {
  const mode = messageMode(options.mode);
  if (mode.needsCredentials && !options.credentials.hasDeviceKey) {
    throw new MissingCredentialsError(`Message mode ${mode.name}`);
  }
  const host = options.host ?? mode.defaultHost;
  const port = options.port ?? mode.defaultPort;
  if (host === undefined || host === '') {
    throw new InvalidArgumentError('sendHost', `Message mode ${mode.name} needs a host: set sendHost (CLI: --host)`);
  }
  if (port === undefined) {
    throw new InvalidArgumentError('sendPort', `Message mode ${mode.name} needs a port: set sendPort (CLI: --port)`);
  }
  return { host, port };
}

/**
 * One exchange's `SendResult`: the request made on subscribe (so each subscription encodes afresh
 * and is one exchange), the reply decoded, or a transport failure as `ERR_UNKNOWN`. Written on the
 * shared subscriber rather than as `defer` + `map` + `catchError`: it runs once per message.
 */
function exchangeForResult(
  transport: Transport,
  request: () => ExchangeRequest,
  decode: (reply: Buffer) => SendResult,
): Observable<SendResult> {
  return new Observable<SendResult>((subscriber) => {
    const made = request();
    subscribeWith(transport.exchange$(made), subscriber, new ReplyDecoder(made, decode, subscriber));
  });
}

/** Turns an exchange's reply, or its transport failure, into the one `SendResult`. */
class ReplyDecoder implements OperatorHandlers<Buffer> {
  readonly #request: ExchangeRequest;
  readonly #decode: (reply: Buffer) => SendResult;
  readonly #destination: Subscriber<SendResult>;

  constructor(
    request: ExchangeRequest,
    decode: (reply: Buffer) => SendResult,
    destination: Subscriber<SendResult>,
  ) {
    this.#request = request;
    this.#decode = decode;
    this.#destination = destination;
  }

  next(reply: Buffer): void {
    this.#answer(this.#decode(reply)); // a decoder that throws errors the destination
  }

  error(error: unknown): void {
    if (!(error instanceof TransportError)) {
      this.#destination.error(error);
      return;
    }
    this.#answer(transportFailureResult(error));
    this.#destination.complete();
  }

  #answer(result: SendResult): void {
    log('%s:%d answered %s (%d)', this.#request.host, this.#request.port, result.name, result.code);
    this.#destination.next(result);
  }
}

/**
 * Builds the sender for a mode, credentials and destination. Validates them at once (throws
 * `InvalidArgumentError`), so a sender that exists can always try.
 */
export function createMessageSender(options: CloudSenderOptions): MessageSender {
  const mode = messageMode(options.mode);
  const { host, port } = resolveDestination(options);
  const { transport, credentials, connectTimeoutMs, replyTimeoutMs, replyIdleMs } = options;
  const metadata = options.metadata ?? (() => AGNOSTIC_METADATA);
  const replyComplete = mode.replyComplete;
  return (message) =>
    exchangeForResult(
      transport,
      () => {
        const payload = mode.encode(message, credentials, metadata());
        if (log.enabled) log('sending %d bytes to %s:%d (%s, topics %j)', payload.length, host, port, mode.name, message.topics);
        return { host, port, payload, connectTimeoutMs, replyTimeoutMs, replyComplete, replyIdleMs };
      },
      mode.decode,
    );
}

/** Builds the SMS sender (`hologram_cloud` only), validated like `createMessageSender`. */
export function createSmsSender(options: CloudSenderOptions): SmsSender {
  if (options.mode !== 'hologram_cloud') {
    throw new InvalidArgumentError(
      'messageMode',
      `SMS goes through the Hologram cloud, not message mode ${options.mode}: use messageMode hologram_cloud`,
    );
  }
  const { host, port } = resolveDestination(options);
  const { transport, credentials, connectTimeoutMs, replyTimeoutMs } = options;
  return (destination, body) =>
    exchangeForResult(
      transport,
      () => {
        const payload = Buffer.from(encodeSMSFrame({ deviceKey: credentials.deviceKey, destination, body }), 'utf8');
        log('sending SMS to %s through %s:%d', destination, host, port);
        return { host, port, payload, connectTimeoutMs, replyTimeoutMs, replyComplete: isCompleteCloudResponse };
      },
      decodeCloudResponse,
    );
}
