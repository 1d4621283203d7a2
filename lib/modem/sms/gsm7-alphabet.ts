/**
 * The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038 §6.2.1). Text is turned
 * into septet codes here; packing septets into octets is `septet-packing.ts`'s job.
 */

import { SMSCodecError } from './sms-codec-error';

/** The escape code that introduces a character from the extension table. */
export const GSM7_ESCAPE = 0x1b;

/** Default alphabet, indexed by septet code. 0x1B (escape) is a placeholder here. */
const BASIC_TABLE: readonly string[] = [
  '@', '£', '$', '¥', 'è', 'é', 'ù', 'ì', 'ò', 'Ç', '\n', 'Ø', 'ø', '\r', 'Å', 'å',
  'Δ', '_', 'Φ', 'Γ', 'Λ', 'Ω', 'Π', 'Ψ', 'Σ', 'Θ', 'Ξ', '\u00a0', 'Æ', 'æ', 'ß', 'É',
  ' ', '!', '"', '#', '¤', '%', '&', "'", '(', ')', '*', '+', ',', '-', '.', '/',
  '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?',
  '¡', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O',
  'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'Ä', 'Ö', 'Ñ', 'Ü', '§',
  '¿', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
  'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'ä', 'ö', 'ñ', 'ü', 'à',
];

/** Extension table: septet code after an escape → character. */
const EXTENSION_TABLE: ReadonlyMap<number, string> = new Map([
  [0x0a, '\f'],
  [0x14, '^'],
  [0x28, '{'],
  [0x29, '}'],
  [0x2f, '\\'],
  [0x3c, '['],
  [0x3d, '~'],
  [0x3e, ']'],
  [0x40, '|'],
  [0x65, '€'],
]);

const BASIC_CODES: ReadonlyMap<string, number> = new Map(
  BASIC_TABLE.map((char, code) => [char, code] as const).filter(([, code]) => code !== GSM7_ESCAPE),
);
const EXTENSION_CODES: ReadonlyMap<string, number> = new Map(
  [...EXTENSION_TABLE].map(([code, char]) => [char, code] as const),
);

/** Thrown by `textToSeptets` for a character outside both tables. */
export class GSM7EncodingError extends SMSCodecError {
  constructor(
    readonly character: string,
    readonly index: number,
  ) {
    super('text', `Character ${JSON.stringify(character)} at index ${index} is not in the GSM 7-bit alphabet`);
  }
}

/** Septets needed for one character: 1, 2 (extension table) or undefined (not encodable). */
export function gsm7CharSeptets(char: string): 1 | 2 | undefined {
  if (BASIC_CODES.has(char)) return 1;
  if (EXTENSION_CODES.has(char)) return 2;
  return undefined;
}

/** True when every character of `text` is in the default alphabet or its extension table. */
export function canEncodeGSM7(text: string): boolean {
  for (const char of text) if (gsm7CharSeptets(char) === undefined) return false;
  return true;
}

/** Number of septets `text` takes in GSM 7-bit (extension characters count 2). */
export function countGSM7Septets(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const size = gsm7CharSeptets(text[index]);
    if (size === undefined) throw new GSM7EncodingError(text[index], index);
    count += size;
  }
  return count;
}

/** Text → septet codes, with an escape before every extension-table character. */
export function textToSeptets(text: string): number[] {
  const septets: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    const basic = BASIC_CODES.get(char);
    if (basic !== undefined) {
      septets.push(basic);
      continue;
    }
    const extended = EXTENSION_CODES.get(char);
    if (extended === undefined) throw new GSM7EncodingError(char, index);
    septets.push(GSM7_ESCAPE, extended);
  }
  return septets;
}

/**
 * Septet codes → text. Per 23.038, an escape followed by a code the extension table does not
 * define shows the default-alphabet character for that code, an escape followed by another escape
 * shows a space, and a lone escape at the end shows a space.
 */
export function septetsToText(septets: ArrayLike<number>): string {
  let text = '';
  for (let index = 0; index < septets.length; index++) {
    const code = septets[index] & 0x7f;
    if (code !== GSM7_ESCAPE) {
      text += BASIC_TABLE[code];
      continue;
    }
    if (index + 1 >= septets.length) {
      text += ' ';
      continue;
    }
    const next = septets[++index] & 0x7f;
    if (next === GSM7_ESCAPE) text += ' ';
    else text += EXTENSION_TABLE.get(next) ?? BASIC_TABLE[next];
  }
  return text;
}
