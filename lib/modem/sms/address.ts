import { canEncodeGSM7, septetsToText, textToSeptets } from './gsm7-alphabet';
import { PDUReader } from './pdu-reader';
import { packSeptets, unpackSeptets } from './septet-packing';
import { SMSAddressError } from './sms-address-error';
import { SMSCodecError } from './sms-codec-error';

/**
 * SMS address fields (3GPP TS 23.040 §9.1.2.5) and the SMSC field of 27.005 PDU mode
 * (24.011 RP address). Numbers are semi-octets, low nibble first, padded with F; alphanumeric
 * addresses (type of number 101) are GSM 7-bit text packed into septets.
 */

/** Type of number (bits 6–4 of the type-of-address octet). */
export type NumberType =
  | 'unknown'
  | 'international'
  | 'national'
  | 'network-specific'
  | 'subscriber'
  | 'abbreviated'
  | 'reserved';

const NUMBER_TYPES: readonly (NumberType | 'alphanumeric')[] = [
  'unknown',
  'international',
  'national',
  'network-specific',
  'subscriber',
  'alphanumeric',
  'abbreviated',
  'reserved',
];

/**
 * A decoded address: a number (international numbers carry a leading `+`) or alphanumeric text
 * (operators and services such as "InternetSMS"). `typeOfAddress` is the raw octet.
 */
export type SMSAddress =
  | { readonly type: NumberType; readonly number: string; readonly typeOfAddress: number }
  | { readonly type: 'alphanumeric'; readonly text: string; readonly typeOfAddress: number };

/**
 * An address to encode: `'+15551234567'` (international), `'5551234'` (unknown type, the network
 * decides), or an explicit `{ type, number }` / `{ type: 'alphanumeric', text }`.
 */
export type SMSAddressInput =
  | string
  | { readonly type: NumberType; readonly number: string }
  | { readonly type: 'alphanumeric'; readonly text: string };

/** Numbering plan ISDN/telephone (E.164), used for every numeric address we build. */
const NUMBERING_PLAN_ISDN = 0x1;
/** Alphanumeric addresses use numbering plan "unknown". */
const NUMBERING_PLAN_UNKNOWN = 0x0;
/** At most 20 semi-octets fit an address field (TP-OA / TP-DA are 2–12 octets). */
const MAX_DIGITS = 20;
/** 10 octets of packed septets: 11 characters. */
const MAX_ALPHANUMERIC_SEPTETS = 11;

const SEMI_OCTET_CHARS = '0123456789*#abc';

/** Parses and validates an address; `argument` names the field in the error. */
export function parseAddress(input: SMSAddressInput, argument = 'address'): SMSAddress {
  if (typeof input === 'string') {
    const trimmed = input.trim();
    if (/^\+\d+$/.test(trimmed)) return numeric('international', trimmed.slice(1), input, argument);
    if (/^\d+$/.test(trimmed)) return numeric('unknown', trimmed, input, argument);
    throw new SMSAddressError(argument, input, 'expected +digits (international) or digits (national)');
  }
  if (input === null || typeof input !== 'object') {
    throw new SMSAddressError(argument, String(input), 'expected a string or an address object');
  }
  if (input.type === 'alphanumeric') {
    const text = input.text;
    if (typeof text !== 'string' || text.length === 0 || !canEncodeGSM7(text)) {
      throw new SMSAddressError(argument, String(text), 'alphanumeric addresses must be non-empty GSM 7-bit text');
    }
    if (textToSeptets(text).length > MAX_ALPHANUMERIC_SEPTETS) {
      throw new SMSAddressError(argument, text, `alphanumeric addresses hold at most ${MAX_ALPHANUMERIC_SEPTETS} characters`);
    }
    return { type: 'alphanumeric', text, typeOfAddress: 0x80 | (5 << 4) | NUMBERING_PLAN_UNKNOWN };
  }
  const digits = String(input.number ?? '').replace(/^\+/, '');
  if (!/^\d+$/.test(digits)) throw new SMSAddressError(argument, String(input.number), 'expected digits');
  if (!NUMBER_TYPES.includes(input.type) || input.type === 'reserved') {
    throw new SMSAddressError(argument, String(input.type), 'unknown type of number');
  }
  return numeric(input.type, digits, String(input.number), argument);
}

function numeric(type: NumberType, digits: string, original: string, argument: string): SMSAddress {
  if (digits.length === 0 || digits.length > MAX_DIGITS) {
    throw new SMSAddressError(argument, original, `expected 1 to ${MAX_DIGITS} digits`);
  }
  const typeOfAddress = 0x80 | (NUMBER_TYPES.indexOf(type) << 4) | NUMBERING_PLAN_ISDN;
  return { type, number: type === 'international' ? `+${digits}` : digits, typeOfAddress };
}

/** Digits → semi-octets, low nibble first, odd counts padded with F. */
export function encodeSemiOctets(digits: string): Buffer {
  const octets = Buffer.alloc(Math.ceil(digits.length / 2));
  for (let index = 0; index < digits.length; index++) {
    const nibble = SEMI_OCTET_CHARS.indexOf(digits[index]);
    if (nibble < 0) throw new SMSCodecError('address', `${JSON.stringify(digits[index])} is not a semi-octet digit`);
    octets[index >> 1] |= index % 2 === 0 ? nibble : nibble << 4;
  }
  if (digits.length % 2 === 1) octets[octets.length - 1] |= 0xf0;
  return octets;
}

/** Semi-octets → digits; stops at an F filler; A–E map to `* # a b c`. */
export function decodeSemiOctets(octets: Uint8Array, digitCount = octets.length * 2): string {
  let digits = '';
  for (let index = 0; index < digitCount; index++) {
    const octet = octets[index >> 1];
    const nibble = index % 2 === 0 ? octet & 0x0f : octet >> 4;
    if (nibble === 0x0f) break;
    digits += SEMI_OCTET_CHARS[nibble];
  }
  return digits;
}

/** TP-OA / TP-DA: length in semi-octets, type of address, value. */
export function encodeAddressField(input: SMSAddressInput, argument = 'address'): Buffer {
  const address = parseAddress(input, argument);
  if (address.type === 'alphanumeric') {
    const septets = textToSeptets(address.text);
    const value = packSeptets(septets);
    const usefulSemiOctets = Math.ceil((septets.length * 7) / 4);
    return Buffer.concat([Buffer.from([usefulSemiOctets, address.typeOfAddress]), value]);
  }
  const digits = address.number.replace(/^\+/, '');
  return Buffer.concat([Buffer.from([digits.length, address.typeOfAddress]), encodeSemiOctets(digits)]);
}

/** Reads a TP-OA / TP-DA / TP-RA address field. */
export function decodeAddressField(reader: PDUReader, field: string): SMSAddress {
  const start = reader.offset;
  const length = reader.byte(`${field} length`);
  if (length > MAX_DIGITS) reader.fail(`${field} length of at most ${MAX_DIGITS} semi-octets`, `got ${length}`, start);
  const typeOfAddress = reader.byte(`${field} type of address`);
  const value = reader.bytes(Math.ceil(length / 2), `${field} digits`);
  return decodeAddressValue(typeOfAddress, value, length);
}

/** SMSC field as modems print it in PDU mode: length in octets (type included), 00 = none. */
export function encodeSMSCField(input?: SMSAddressInput): Buffer {
  if (input === undefined) return Buffer.from([0]);
  const address = parseAddress(input, 'smsc');
  if (address.type === 'alphanumeric') throw new SMSAddressError('smsc', address.text, 'an SMSC address must be a number');
  const value = encodeSemiOctets(address.number.replace(/^\+/, ''));
  return Buffer.concat([Buffer.from([value.length + 1, address.typeOfAddress]), value]);
}

/** Reads the SMSC field; undefined when its length is 0 (the modem's default SMSC). */
export function decodeSMSCField(reader: PDUReader): SMSAddress | undefined {
  const start = reader.offset;
  const length = reader.byte('SMSC length');
  if (length === 0) return undefined;
  if (length > 12) reader.fail('SMSC length of at most 12 octets', `got ${length}`, start);
  const typeOfAddress = reader.byte('SMSC type of address');
  const value = reader.bytes(length - 1, 'SMSC digits');
  return decodeAddressValue(typeOfAddress, value, value.length * 2);
}

function decodeAddressValue(typeOfAddress: number, value: Buffer, semiOctets: number): SMSAddress {
  const type = NUMBER_TYPES[(typeOfAddress >> 4) & 0x07];
  if (type === 'alphanumeric') {
    const septetCount = Math.floor((Math.min(semiOctets, value.length * 2) * 4) / 7);
    return { type, text: septetsToText(unpackSeptets(value, septetCount)), typeOfAddress };
  }
  const digits = decodeSemiOctets(value, semiOctets);
  return { type, number: type === 'international' ? `+${digits}` : digits, typeOfAddress };
}

/** A printable form of an address: the number or the alphanumeric text. */
export function formatAddress(address: SMSAddress): string {
  return address.type === 'alphanumeric' ? address.text : address.number;
}
