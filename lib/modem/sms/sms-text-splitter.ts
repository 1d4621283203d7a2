import { InvalidArgumentError } from '../../errors';
import { canEncodeGSM7, gsm7CharSeptets, textToSeptets } from './gsm7-alphabet';
import { encodeUCS2, isHighSurrogate } from './ucs2';
import { UserDataContent, MAX_OCTETS, MAX_SEPTETS } from './user-data';

/**
 * Chooses the alphabet for a text and cuts it into the user data of as many PDUs as it needs.
 * GSM 7-bit unless a character is outside it (then UCS2); one PDU holds 160 septets or 70 UCS2
 * units, each part of a concatenated message 153/67 (8-bit reference) or 152/66 (16-bit).
 * An escape pair or a surrogate pair is never cut in two.
 */

export type SMSEncoding = 'auto' | 'gsm7' | 'ucs2';

export interface SplitOptions {
  /** `auto` (default) picks GSM 7-bit when every character allows it. */
  readonly encoding?: SMSEncoding;
  /** Width of the concatenation reference that multipart messages will use (default 8). */
  readonly concatReferenceBits?: 8 | 16;
  /** Most parts allowed (default and maximum 255). */
  readonly maxParts?: number;
}

export interface SplitText {
  readonly alphabet: 'gsm7' | 'ucs2';
  /** The text each part carries. */
  readonly texts: readonly string[];
  /** Each part's user data, ready for `encodeUserData`. */
  readonly parts: readonly UserDataContent[];
}

/** Octets of a user data header holding only a concatenation element. */
export function concatHeaderOctets(referenceBits: 8 | 16): number {
  return referenceBits === 16 ? 7 : 6;
}

export function splitSMSText(text: string, options: SplitOptions = {}): SplitText {
  if (typeof text !== 'string') throw new InvalidArgumentError('text', `text must be a string, got ${typeof text}`);
  const encoding = options.encoding ?? 'auto';
  const referenceBits = options.concatReferenceBits ?? 8;
  const maxParts = options.maxParts ?? 255;
  if (!Number.isInteger(maxParts) || maxParts < 1 || maxParts > 255) {
    throw new InvalidArgumentError('maxParts', `maxParts must be an integer 1..255, got ${maxParts}`);
  }
  let alphabet: 'gsm7' | 'ucs2';
  if (encoding === 'ucs2') alphabet = 'ucs2';
  else if (canEncodeGSM7(text)) alphabet = 'gsm7';
  else if (encoding === 'auto') alphabet = 'ucs2';
  else {
    const bad = [...text].find((char) => gsm7CharSeptets(char) === undefined);
    throw new InvalidArgumentError('text', `text contains ${JSON.stringify(bad)}, which GSM 7-bit cannot encode`);
  }
  const headerOctets = concatHeaderOctets(referenceBits);
  const texts =
    alphabet === 'gsm7'
      ? cut(text, MAX_SEPTETS, Math.floor(((MAX_OCTETS - headerOctets) * 8) / 7), gsm7Step)
      : cut(text, MAX_OCTETS / 2, Math.floor((MAX_OCTETS - headerOctets) / 2), ucs2Step);
  if (texts.length > maxParts) {
    throw new InvalidArgumentError('text', `text needs ${texts.length} SMS parts, more than the limit of ${maxParts}`);
  }
  const parts: UserDataContent[] = texts.map((part) =>
    alphabet === 'gsm7' ? { alphabet, septets: textToSeptets(part) } : { alphabet, octets: encodeUCS2(part) },
  );
  return { alphabet, texts, parts };
}

/** Length (in code units) and cost (in septets or UCS2 units) of the indivisible unit at `index`. */
type Step = (text: string, index: number) => { units: number; cost: number };

const gsm7Step: Step = (text, index) => ({ units: 1, cost: gsm7CharSeptets(text[index]) ?? 1 });

const ucs2Step: Step = (text, index) =>
  isHighSurrogate(text.charCodeAt(index)) && index + 1 < text.length ? { units: 2, cost: 2 } : { units: 1, cost: 1 };

function cut(text: string, singleCapacity: number, partCapacity: number, step: Step): string[] {
  let total = 0;
  for (let index = 0; index < text.length; ) {
    const { units, cost } = step(text, index);
    total += cost;
    index += units;
  }
  if (total <= singleCapacity) return [text];
  const parts: string[] = [];
  let start = 0;
  let used = 0;
  for (let index = 0; index < text.length; ) {
    const { units, cost } = step(text, index);
    if (used + cost > partCapacity) {
      parts.push(text.slice(start, index));
      start = index;
      used = 0;
    }
    used += cost;
    index += units;
  }
  parts.push(text.slice(start));
  return parts;
}
