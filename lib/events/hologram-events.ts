import type { HologramError } from '../errors';
import type { OutboundMessage } from '../cloud/outbound-message';
import type { SendResult } from '../cloud/send-result';
import type { MessageResult } from '../delivery/message-result';
import type { NetworkState } from '../network/network-state';

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

/** A message from the cloud to the device (payload owned by the receive layer, kept minimal here). */
export interface MessageReceived {
  readonly data: string;
  /** Remote address when known. */
  readonly from?: string;
}

/** An SMS that reached the device (payload owned by the modem layer, kept minimal here). */
export interface SmsReceived {
  readonly sender: string;
  readonly body: string;
  readonly timestamp?: Date;
}

export interface SmsSent {
  readonly destination: string;
  readonly result: SendResult;
}

/** Modem events (payloads owned by the modem layer, kept minimal here). */
export interface ModemConnected {
  readonly model?: string;
  readonly port?: string;
}
export interface ModemDisconnected {
  readonly reason?: string;
}
export interface ModemRegistration {
  readonly registered: boolean;
  readonly status: string;
}
export interface ModemSignal {
  /** 0..31, `null` when unknown (99). */
  readonly rssi: number | null;
  readonly dbm?: number | null;
}

/** Every event a `Hologram` instance broadcasts, with its payload. */
export interface HologramEvents {
  /** Once per delivered message (code 0 or 1), with its result. */
  'message.sent': MessageResult;
  /** A message that the cloud refused, that could not be sent, or input that was not a message. */
  'message.failed': MessageFailure;
  'message.buffered': MessageBuffered;
  'message.dropped': MessageDropped;
  'message.received': MessageReceived;
  'network.connected': NetworkState;
  'network.disconnected': NetworkState;
  'cellular.connected': NetworkState;
  'cellular.disconnected': NetworkState;
  'sms.received': SmsReceived;
  /** Once per SMS the cloud accepted. */
  'sms.sent': SmsSent;
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
  'message.received',
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
