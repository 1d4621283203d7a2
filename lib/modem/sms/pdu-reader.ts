import { PDUDecodeError } from './pdu-decode-error';

/**
 * A cursor over the octets of one PDU. Every read checks the remaining length first and throws
 * a `PDUDecodeError` naming the offset and the field, so malformed input can never read past the
 * end, return garbage or loop.
 */
export class PDUReader {
  #position = 0;

  readonly #octets: Buffer;
  readonly #baseOffset: number;

  /** `baseOffset` is where `octets` start in the whole PDU, so errors report absolute offsets. */
  constructor(
    octets: Buffer,
    baseOffset = 0,
  ) {
    this.#octets = octets;
    this.#baseOffset = baseOffset;
  }

  /** Parses a hex PDU as printed by a modem (case-insensitive, surrounding whitespace ignored). */
  static fromHex(hex: string): PDUReader {
    if (typeof hex !== 'string') throw new PDUDecodeError(0, 'a hex string', `got ${typeof hex}`);
    const trimmed = hex.trim();
    const bad = trimmed.search(/[^0-9a-fA-F]/);
    if (bad >= 0) {
      throw new PDUDecodeError(Math.floor(bad / 2), 'hex digits', `found ${JSON.stringify(trimmed[bad])}`);
    }
    if (trimmed.length % 2 !== 0) {
      throw new PDUDecodeError(Math.floor(trimmed.length / 2), 'an even number of hex digits');
    }
    if (trimmed.length === 0) throw new PDUDecodeError(0, 'a non-empty PDU');
    return new PDUReader(Buffer.from(trimmed, 'hex'));
  }

  /** Absolute offset of the next octet in the whole PDU. */
  get offset(): number {
    return this.#baseOffset + this.#position;
  }

  get remaining(): number {
    return this.#octets.length - this.#position;
  }

  /** A reader over the next `count` octets (consumed here), keeping absolute offsets. */
  sub(count: number, field: string): PDUReader {
    const start = this.offset;
    return new PDUReader(this.bytes(count, field), start);
  }

  /** Reads one octet; `field` names it in the error if the PDU ends here. */
  byte(field: string): number {
    this.#require(1, field);
    return this.#octets[this.#position++];
  }

  /** Reads `count` octets as a copy. */
  bytes(count: number, field: string): Buffer {
    this.#require(count, field);
    const slice = Buffer.from(this.#octets.subarray(this.#position, this.#position + count));
    this.#position += count;
    return slice;
  }

  /** Everything not read yet, as a copy (used for trailing optional fields). */
  rest(): Buffer {
    return this.bytes(this.remaining, 'rest');
  }

  /** Throws a `PDUDecodeError` at the current offset. */
  fail(expected: string, detail?: string, offset = this.offset): never {
    throw new PDUDecodeError(offset, expected, detail);
  }

  #require(count: number, field: string): void {
    if (count > this.remaining) {
      this.fail(
        field,
        `needs ${count} octet${count === 1 ? '' : 's'}, only ${this.remaining} left`,
      );
    }
  }
}
