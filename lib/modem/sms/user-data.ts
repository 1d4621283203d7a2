import { SMSAlphabet } from './data-coding-scheme';
import { septetsToText } from './gsm7-alphabet';
import { PDUReader } from './pdu-reader';
import { fillBitsAfterHeader, packSeptets, packedLength, unpackSeptets } from './septet-packing';
import { decodeUCS2 } from './ucs2';
import { decodeUserDataHeader, encodeUserDataHeader, InformationElement, UserDataHeader } from './user-data-header';
import { SMSCodecError } from './sms-codec-error';

/**
 * TP-UDL and TP-UD together: the length counts septets for GSM 7-bit and octets otherwise, and a
 * header (when TP-UDHI is set) is followed by fill bits so the 7-bit text starts on a septet
 * boundary.
 */

/** Septets in one PDU's user data (140 octets). */
export const MAX_SEPTETS = 160;
/** Octets in one PDU's user data. */
export const MAX_OCTETS = 140;

export interface DecodedUserData {
  readonly header?: UserDataHeader;
  /** The text, for GSM 7-bit and UCS2. */
  readonly text?: string;
  /** The payload, for 8-bit data. */
  readonly data?: Buffer;
}

/** Reads TP-UDL and TP-UD; octets past the declared length are ignored. */
export function decodeUserData(reader: PDUReader, alphabet: SMSAlphabet, hasHeader: boolean): DecodedUserData {
  const lengthOffset = reader.offset;
  const length = reader.byte('TP-UDL');
  const limit = alphabet === 'gsm7' ? MAX_SEPTETS : MAX_OCTETS;
  if (length > limit) reader.fail(`TP-UDL of at most ${limit}`, `got ${length}`, lengthOffset);
  const octetCount = alphabet === 'gsm7' ? packedLength(length) : length;
  const userData = reader.sub(octetCount, `user data of ${octetCount} octets (TP-UDL ${length})`);

  let header: UserDataHeader | undefined;
  let headerOctets = 0;
  if (hasHeader) {
    if (length === 0) reader.fail('user data holding the header that TP-UDHI announces', 'TP-UDL is 0', lengthOffset);
    header = decodeUserDataHeader(userData);
    headerOctets = octetCount - userData.remaining;
  }

  if (alphabet === 'gsm7') {
    const fillBits = hasHeader ? fillBitsAfterHeader(headerOctets) : 0;
    const headerSeptets = (headerOctets * 8 + fillBits) / 7;
    if (headerOctets * 8 > length * 7) {
      reader.fail('TP-UDL covering the user data header', `${length} septets, header ${headerOctets} octets`, lengthOffset);
    }
    const textSeptets = Math.max(0, length - headerSeptets);
    const septets = unpackSeptets(userData.rest(), textSeptets, fillBits);
    return { ...(header && { header }), text: septetsToText(septets) };
  }
  const payload = userData.rest();
  if (alphabet === '8bit') return { ...(header && { header }), data: payload };
  if (payload.length % 2 !== 0) {
    reader.fail('an even number of UCS2 octets', `got ${payload.length}`, lengthOffset);
  }
  return { ...(header && { header }), text: decodeUCS2(payload) };
}

/** What one PDU's user data carries before encoding. */
export type UserDataContent =
  | { readonly alphabet: 'gsm7'; readonly septets: readonly number[] }
  | { readonly alphabet: '8bit' | 'ucs2'; readonly octets: Buffer };

/** Builds TP-UDL followed by TP-UD; throws an SMSCodecError if it does not fit one PDU. */
export function encodeUserData(content: UserDataContent, elements: readonly InformationElement[] = []): Buffer {
  const header = elements.length > 0 ? encodeUserDataHeader(elements) : Buffer.alloc(0);
  if (content.alphabet === 'gsm7') {
    const fillBits = header.length > 0 ? fillBitsAfterHeader(header.length) : 0;
    const length = (header.length * 8 + fillBits) / 7 + content.septets.length;
    if (length > MAX_SEPTETS) throw new SMSCodecError('userData', `user data of ${length} septets exceeds ${MAX_SEPTETS}`);
    return Buffer.concat([Buffer.from([length]), header, packSeptets(content.septets, fillBits)]);
  }
  const length = header.length + content.octets.length;
  if (length > MAX_OCTETS) throw new SMSCodecError('userData', `user data of ${length} octets exceeds ${MAX_OCTETS}`);
  return Buffer.concat([Buffer.from([length]), header, content.octets]);
}
