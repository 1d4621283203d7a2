import { PDUDecodeError } from './pdu-decode-error';

/**
 * TP-DCS (3GPP TS 23.038 §4): which alphabet the user data uses, plus message class and
 * message-waiting indications. Compressed user data is not supported and is rejected.
 */

export type SMSAlphabet = 'gsm7' | '8bit' | 'ucs2';

/** Class 0 = flash (shown, not stored), 1 = ME, 2 = SIM, 3 = TE. */
export type MessageClass = 0 | 1 | 2 | 3;

export type DCSGroup =
  | 'general'
  | 'automatic-deletion'
  | 'reserved'
  | 'message-waiting-discard'
  | 'message-waiting-store'
  | 'data-coding-message-class';

export interface MessageWaitingIndication {
  /** True sets the indicator on the handset, false clears it. */
  readonly active: boolean;
  readonly kind: 'voicemail' | 'fax' | 'email' | 'other';
}

export interface DataCodingScheme {
  /** The raw octet. */
  readonly value: number;
  readonly group: DCSGroup;
  readonly alphabet: SMSAlphabet;
  readonly messageClass?: MessageClass;
  readonly messageWaiting?: MessageWaitingIndication;
}

const ALPHABETS: readonly SMSAlphabet[] = ['gsm7', '8bit', 'ucs2', 'gsm7' /* reserved: read as 7-bit */];
const WAITING_KINDS: readonly MessageWaitingIndication['kind'][] = ['voicemail', 'fax', 'email', 'other'];

/**
 * Decodes TP-DCS. `offset` is where the octet sits in the PDU, for the error when the user data
 * is compressed. Reserved codings are read as the GSM 7-bit alphabet, as 23.038 requires.
 */
export function decodeDataCodingScheme(value: number, offset = 0): DataCodingScheme {
  const high = value >> 4;
  if (high <= 0x7) {
    if (value & 0x20) {
      throw new PDUDecodeError(offset, 'uncompressed user data', `TP-DCS 0x${hex(value)} marks it compressed, which is not supported`);
    }
    return {
      value,
      group: high <= 0x3 ? 'general' : 'automatic-deletion',
      alphabet: ALPHABETS[(value >> 2) & 0x3],
      ...(value & 0x10 ? { messageClass: (value & 0x3) as MessageClass } : {}),
    };
  }
  if (high <= 0xb) return { value, group: 'reserved', alphabet: 'gsm7' };
  if (high <= 0xe) {
    return {
      value,
      group: high === 0xc ? 'message-waiting-discard' : 'message-waiting-store',
      alphabet: high === 0xe ? 'ucs2' : 'gsm7',
      messageWaiting: { active: (value & 0x08) !== 0, kind: WAITING_KINDS[value & 0x3] },
    };
  }
  return {
    value,
    group: 'data-coding-message-class',
    alphabet: value & 0x04 ? '8bit' : 'gsm7',
    messageClass: (value & 0x3) as MessageClass,
  };
}

/** TP-DCS for outgoing messages: the general group, uncompressed, optional class. */
export function encodeDataCodingScheme(alphabet: SMSAlphabet, messageClass?: MessageClass): number {
  const alphabetBits = alphabet === 'gsm7' ? 0 : alphabet === '8bit' ? 1 : 2;
  const classBits = messageClass === undefined ? 0 : 0x10 | messageClass;
  return (alphabetBits << 2) | classBits;
}

function hex(octet: number): string {
  return octet.toString(16).padStart(2, '0').toUpperCase();
}
