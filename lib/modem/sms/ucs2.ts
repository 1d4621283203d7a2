/**
 * UCS2 user data, read as UTF-16 big-endian so characters outside the basic plane (emoji) travel
 * as surrogate pairs, which is what phones send and expect.
 */

/** Text → UTF-16BE octets. */
export function encodeUCS2(text: string): Buffer {
  const octets = Buffer.alloc(text.length * 2);
  for (let index = 0; index < text.length; index++) octets.writeUInt16BE(text.charCodeAt(index), index * 2);
  return octets;
}

/** UTF-16BE octets → text; an odd trailing octet is ignored (callers reject odd lengths first). */
export function decodeUCS2(octets: Uint8Array): string {
  let text = '';
  for (let index = 0; index + 1 < octets.length; index += 2) {
    text += String.fromCharCode((octets[index] << 8) | octets[index + 1]);
  }
  return text;
}

/** True when the code unit is the first half of a surrogate pair. */
export function isHighSurrogate(codeUnit: number): boolean {
  return codeUnit >= 0xd800 && codeUnit <= 0xdbff;
}
