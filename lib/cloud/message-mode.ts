import { InvalidArgumentError } from '../errors';
import { encodeMessageFrame } from './cloud-frame';
import { decodeCloudResponse, isCompleteCloudResponse } from './cloud-response';
import { MissingCredentialsError, type Credentials } from './credentials';
import type { OutboundMessage } from './outbound-message';
import type { SendResult } from './send-result';
import { describeValue } from '../options/describe-value';

/** Names accepted for `messageMode`, as in the Python SDK. */
export const MESSAGE_MODE_NAMES = ['hologram_cloud', 'tcp-other'] as const;
export type MessageModeName = (typeof MESSAGE_MODE_NAMES)[number];

/** A message mode name that is not one of `MESSAGE_MODE_NAMES`. */
export class InvalidMessageModeError extends InvalidArgumentError {
  constructor(readonly mode: unknown) {
    super('messageMode', `message mode ${describeValue(mode)} is not supported: use one of ${MESSAGE_MODE_NAMES.join(', ')}`);
  }
}

/** Returns `name` as a `MessageModeName`, or throws `InvalidMessageModeError`. */
export function parseMessageMode(name: unknown): MessageModeName {
  if (typeof name === 'string' && (MESSAGE_MODE_NAMES as readonly string[]).includes(name)) {
    return name as MessageModeName;
  }
  throw new InvalidMessageModeError(name);
}

/** How one message mode turns a message into bytes and a reply into a result. */
export interface MessageMode {
  readonly name: MessageModeName;
  /** Where messages go unless `sendHost` / `sendPort` say otherwise. */
  readonly defaultHost?: string;
  readonly defaultPort?: number;
  /** Whether messages carry the device key (and so need one). */
  readonly needsCredentials: boolean;
  /**
   * The bytes written on the connection; throws `InvalidArgumentError` for what cannot be sent.
   * `metadata` is the frame's `m` (see `encodeMetadata`), for modes that carry one.
   */
  encode(message: OutboundMessage, credentials: Credentials, metadata?: string): Buffer;
  /** The result of the exchange from the reply bytes. */
  decode(reply: Buffer): SendResult;
  /** Whether the reply read so far is whole (the exchange then ends without waiting for the close). */
  readonly replyComplete?: (reply: Buffer) => boolean;
}

/** The Hologram cloud socket: a JSON frame with the device key, a result code back. */
export const hologramCloudMode: MessageMode = {
  name: 'hologram_cloud',
  defaultHost: 'cloudsocket.hologram.io',
  defaultPort: 9999,
  needsCredentials: true,
  encode(message, credentials, metadata) {
    if (!credentials.hasDeviceKey) throw new MissingCredentialsError('Message mode hologram_cloud');
    return Buffer.from(
      encodeMessageFrame({ deviceKey: credentials.deviceKey, data: message.data, topics: message.topics, metadata }),
      'utf8',
    );
  },
  decode: decodeCloudResponse,
  replyComplete: isCompleteCloudResponse,
};

/**
 * Raw TCP to a server of the user's choice: the message bytes as they are, and the server's reply
 * text back. Any completed exchange counts as delivered (there is no result code to read); a
 * failed one is `ERR_UNKNOWN`, like the cloud's.
 */
export const tcpOtherMode: MessageMode = {
  name: 'tcp-other',
  needsCredentials: false,
  encode(message) {
    return Buffer.from(message.data, 'utf8');
  },
  decode(reply) {
    const text = reply.toString('utf8');
    return {
      code: 0,
      name: 'ERR_OK',
      description: text === '' ? 'Sent; the server closed the connection without replying' : text,
      ok: true,
      retryable: false,
      reply: text,
    };
  },
};

const MODES: Record<MessageModeName, MessageMode> = { hologram_cloud: hologramCloudMode, 'tcp-other': tcpOtherMode };

/** The mode called `name` (validated). */
export function messageMode(name: unknown): MessageMode {
  return MODES[parseMessageMode(name)];
}
