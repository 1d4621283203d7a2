/**
 * Packing of 7-bit septets into octets, least significant bit first (3GPP TS 23.038 §6.1.2.1).
 * `fillBits` leading zero bits come first: after a user data header the septets must start on a
 * septet boundary counted from the start of the user data, so 0–6 fill bits pad the header.
 */

import { SMSCodecError } from './sms-codec-error';

/** Octets needed for `septetCount` septets after `fillBits` fill bits. */
export function packedLength(septetCount: number, fillBits = 0): number {
  return Math.ceil((fillBits + septetCount * 7) / 8);
}

/** Packs septets (each 0–127) into octets, after `fillBits` zero bits. */
export function packSeptets(septets: ArrayLike<number>, fillBits = 0): Buffer {
  checkFillBits(fillBits);
  const octets = Buffer.alloc(packedLength(septets.length, fillBits));
  let bit = fillBits;
  for (let index = 0; index < septets.length; index++) {
    const value = septets[index] & 0x7f;
    const octet = bit >> 3;
    const shift = bit & 7;
    octets[octet] |= (value << shift) & 0xff;
    if (shift > 1) octets[octet + 1] |= value >> (8 - shift);
    bit += 7;
  }
  return octets;
}

/**
 * Unpacks `septetCount` septets from `octets`, skipping `fillBits` leading bits.
 * Throws an SMSCodecError when the octets are too short (callers check lengths first).
 */
export function unpackSeptets(octets: Uint8Array, septetCount: number, fillBits = 0): number[] {
  checkFillBits(fillBits);
  if (packedLength(septetCount, fillBits) > octets.length) {
    throw new SMSCodecError('userData', `${septetCount} septets need ${packedLength(septetCount, fillBits)} octets, got ${octets.length}`);
  }
  const septets: number[] = new Array(septetCount);
  let bit = fillBits;
  for (let index = 0; index < septetCount; index++) {
    const octet = bit >> 3;
    const shift = bit & 7;
    let value = octets[octet] >> shift;
    if (shift > 1) value |= octets[octet + 1] << (8 - shift);
    septets[index] = value & 0x7f;
    bit += 7;
  }
  return septets;
}

/** Fill bits that align the septets after a `headerOctets`-long user data header. */
export function fillBitsAfterHeader(headerOctets: number): number {
  return (7 - ((headerOctets * 8) % 7)) % 7;
}

function checkFillBits(fillBits: number): void {
  if (!Number.isInteger(fillBits) || fillBits < 0 || fillBits > 6) {
    throw new SMSCodecError('fillBits', `fillBits must be an integer 0..6, got ${fillBits}`);
  }
}
