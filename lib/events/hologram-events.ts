import type { HologramError } from '../errors';
import type { OutboundMessage } from '../cloud/outbound-message';
import type { SendResult } from '../cloud/send-result';
import type { MessageResult } from '../delivery/message-result';
import type { OutboxHealth } from '../delivery/outbox-health';
import type { ReceivedMessage } from '../facade/message-receiver';
import type { ModemEvent } from '../modem/modem-status';
import type { ReceivedSMS } from '../modem/sms-service';
import type { NetworkState } from '../network/network-state';
import type { OutboxRecovery } from '../outbox/outbox-recovery';

/** A message that was not delivered: the cloud's answer, or the error that stopped it. */
export interface MessageFailure {
  /** Absent when the input could not even be read as a message. */
  readonly message?: OutboundMessage;
  readonly result?: SendResult;
  readonly error?: HologramError;
}

/** A message held back for later (payload owned by the delivery layer, kept minimal here). */
export interface MessageBuffered {
  readonly message: OutboundMessage;
  /** Messages waiting once it was stored (with the rest of its burst), this one included. */
  readonly pending?: number;
}

/** A message given up on (payload owned by the delivery layer, kept minimal here). */
export interface MessageDropped {
  readonly message: OutboundMessage;
  readonly reason: string;
}

/**
 * The durable outbox failed its check on open and was rebuilt: the damaged file moved aside
 * (`movedTo`), `salvaged` messages carried over, `complete` false if some may be lost.
 */
export type OutboxRecovered = OutboxRecovery;

/** A message from the cloud to the device: `data`, `text`, `remoteAddress`/`remotePort`, `receivedAt`, `via`. */
export type MessageReceived = ReceivedMessage;

/** An SMS that reached the device through the modem: the plain fields, and the whole message. */
export interface SMSReceived {
  /** `+15551234567`, or an alphanumeric name such as `InternetSMS`. */
  readonly sender: string;
  /** The text (all parts of a multipart message, in order). */
  readonly body: string;
  /** When the SMSC received it (the earliest part). */
  readonly timestamp: Date;
  /** Everything the modem layer knows: parts, `complete`, `missing`, 8-bit `data`... */
  readonly message: ReceivedSMS;
}

export interface SMSSent {
  readonly destination: string;
  readonly result: SendResult;
}

type ModemEventPayload<Name extends ModemEvent['name']> = Extract<ModemEvent, { name: Name }>['payload'];

/** The modem is ready (first open, replug, reset): `driver`, `model`, `port`. */
export type ModemConnected = ModemEventPayload<'modem.connected'>;
/** The modem stopped being ready: `state` and `reason` (`closed`, `port lost`). */
export type ModemDisconnected = ModemEventPayload<'modem.disconnected'>;
/** Registration changed: `registered`, `status` (= `state`: home, roaming, searching...), `stat`, area, cell. */
export type ModemRegistration = ModemEventPayload<'modem.registration'>;
/** A signal reading (while someone watches `modem.signal$`): `rssi` 0..31 or null, `dbm`, `raw`, `ber`. */
export type ModemSignal = ModemEventPayload<'modem.signal'>;

/** Every event a `Hologram` instance broadcasts, with its payload. */
export interface HologramEvents {
  /** Once per delivered message (code 0 or 1), with its result. */
  'message.sent': MessageResult;
  /** A message that the cloud refused, that could not be sent, or input that was not a message. */
  'message.failed': MessageFailure;
  'message.buffered': MessageBuffered;
  'message.dropped': MessageDropped;
  /** Once, on the first tick after construction, when the durable outbox had to be rebuilt. */
  'outbox.recovered': OutboxRecovered;
  /** A cloud-to-device message, while `startReceiving()` is in effect. */
  'message.received': MessageReceived;
  /** The outbox started failing (a full disk...), with the error, or works again (`{ kind: 'ok' }`). */
  'outbox.health': OutboxHealth;
  'network.connected': NetworkState;
  'network.disconnected': NetworkState;
  /** The cellular link came up / went down (once per change), with the cellular network's state. */
  'cellular.connected': NetworkState;
  'cellular.disconnected': NetworkState;
  'sms.received': SMSReceived;
  /** Once per SMS the cloud accepted. */
  'sms.sent': SMSSent;
  'modem.connected': ModemConnected;
  'modem.disconnected': ModemDisconnected;
  'modem.registration': ModemRegistration;
  'modem.signal': ModemSignal;
}

export type HologramEventName = keyof HologramEvents;

export const HOLOGRAM_EVENT_NAMES: readonly HologramEventName[] = [
  'message.sent',
  'message.failed',
  'message.buffered',
  'message.dropped',
  'outbox.recovered',
  'message.received',
  'outbox.health',
  'network.connected',
  'network.disconnected',
  'cellular.connected',
  'cellular.disconnected',
  'sms.received',
  'sms.sent',
  'modem.connected',
  'modem.disconnected',
  'modem.registration',
  'modem.signal',
];
