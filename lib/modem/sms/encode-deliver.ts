import { InvalidArgumentError } from '../../errors';
import { encodeAddressField, encodeSMSCField, SMSAddressInput } from './address';
import { encodeDataCodingScheme, MessageClass } from './data-coding-scheme';
import { EncodedPDU } from './sms-pdu';
import { SMSEncoding, splitSMSText } from './sms-text-splitter';
import { encodeTimestamp } from './timestamp';
import { concatElement, ConcatInfo, InformationElement, PortAddressing, portsElement } from './user-data-header';
import { encodeUserData, UserDataContent } from './user-data';
import { defaultConcatReference } from './encode-submit';
import { SMSCodecError } from './sms-codec-error';

/**
 * SMS-DELIVER encoding: what a network sends to the device. The SDK itself never sends one; the
 * modem simulator and tests use it to produce the PDUs a real modem would report.
 */

export interface DeliverOptions {
  /**
   * `+digits` (international), digits (unknown type), any other string (alphanumeric, up to 11
   * GSM 7-bit characters), or an explicit address object.
   */
  readonly sender: SMSAddressInput;
  /** The text (GSM 7-bit or UCS2), or... */
  readonly text?: string;
  /** ...an 8-bit payload. */
  readonly data?: Uint8Array;
  /** For text: `auto` (default) picks GSM 7-bit when possible. */
  readonly encoding?: SMSEncoding;
  /** TP-SCTS: when the SMSC received the message. */
  readonly timestamp: Date;
  /** The SMSC's UTC offset in minutes (multiple of 15), default 0. */
  readonly timezoneOffsetMinutes?: number;
  /** SMSC field; omitted writes `00`. */
  readonly smsc?: SMSAddressInput;
  /** Marks this PDU as one part of a concatenated message (referenceBits defaults to 8). */
  readonly concat?: Omit<ConcatInfo, 'referenceBits'> & { readonly referenceBits?: 8 | 16 };
  readonly ports?: PortAddressing;
  readonly messageClass?: MessageClass;
  /** TP-PID, default 0 (plain SMS). */
  readonly protocolIdentifier?: number;
  /** TP-MMS inverted: true when the SMSC has more messages waiting (default false). */
  readonly moreMessagesToSend?: boolean;
  readonly statusReportIndication?: boolean;
  readonly replyPath?: boolean;
}

/** Builds one SMS-DELIVER PDU; the content must fit one PDU (with its header). */
export function encodeDeliver(options: DeliverOptions): EncodedPDU {
  const content = singleContent(options);
  const elements: InformationElement[] = [];
  if (options.concat) elements.push(concatElement({ referenceBits: 8, ...options.concat }));
  if (options.ports) elements.push(portsElement(options.ports));
  return buildDeliver(options, content, elements);
}

/**
 * Builds the SMS-DELIVER PDUs of a text that may need several parts, as a network delivers a
 * long message. `concatReference` defaults to a value derived from sender and text.
 */
export function encodeDeliverParts(
  options: Omit<DeliverOptions, 'concat' | 'data' | 'text'> & {
    readonly text: string;
    readonly concatReference?: number;
    readonly concatReferenceBits?: 8 | 16;
  },
): EncodedPDU[] {
  const referenceBits = options.concatReferenceBits ?? 8;
  const split = splitSMSText(options.text, { encoding: options.encoding, concatReferenceBits: referenceBits });
  const reference = options.concatReference ?? defaultConcatReference(JSON.stringify(options.sender), options.text, referenceBits);
  const total = split.parts.length;
  return split.parts.map((content, index) =>
    buildDeliver(
      options,
      content,
      total > 1 ? [concatElement({ reference, referenceBits, total, sequence: index + 1 })] : [],
    ),
  );
}

function singleContent(options: DeliverOptions): UserDataContent {
  if (options.data !== undefined) {
    if (options.text !== undefined) throw new InvalidArgumentError('data', 'give either text or data, not both');
    return { alphabet: '8bit', octets: Buffer.from(options.data) };
  }
  const split = splitSMSText(options.text ?? '', { encoding: options.encoding });
  if (split.parts.length > 1) {
    throw new InvalidArgumentError('text', `text needs ${split.parts.length} PDUs; use encodeDeliverParts`);
  }
  return split.parts[0];
}

function senderInput(sender: SMSAddressInput): SMSAddressInput {
  if (typeof sender === 'string' && !/^\s*\+?\d+\s*$/.test(sender)) return { type: 'alphanumeric', text: sender };
  return sender;
}

function buildDeliver(options: DeliverOptions, content: UserDataContent, elements: InformationElement[]): EncodedPDU {
  if (!(options.timestamp instanceof Date)) {
    throw new InvalidArgumentError('timestamp', `timestamp must be a Date, got ${String(options.timestamp)}`);
  }
  const firstOctet =
    0x00 /* TP-MTI: SMS-DELIVER */ |
    (options.moreMessagesToSend ? 0 : 0x04) |
    (options.statusReportIndication ? 0x20 : 0) |
    (elements.length > 0 ? 0x40 : 0) |
    (options.replyPath ? 0x80 : 0);
  const timestamp = asArgumentError('timestamp', () => encodeTimestamp(options.timestamp, options.timezoneOffsetMinutes ?? 0));
  const userData = asArgumentError(options.data ? 'data' : 'text', () => encodeUserData(content, elements));
  const tpdu = Buffer.concat([
    Buffer.from([firstOctet]),
    encodeAddressField(senderInput(options.sender), 'sender'),
    Buffer.from([
      (options.protocolIdentifier ?? 0) & 0xff,
      encodeDataCodingScheme(content.alphabet, options.messageClass),
    ]),
    timestamp,
    userData,
  ]);
  return { pdu: Buffer.concat([encodeSMSCField(options.smsc), tpdu]).toString('hex').toUpperCase(), tpduLength: tpdu.length };
}

/** Turns the SMSCodecError of a low-level encoder into an error naming the caller's argument. */
function asArgumentError<T>(argument: string, encode: () => T): T {
  try {
    return encode();
  } catch (error) {
    if (error instanceof SMSCodecError) throw new InvalidArgumentError(argument, `${argument}: ${error.message}`);
    throw error;
  }
}
