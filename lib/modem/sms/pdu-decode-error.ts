import { ModemError } from '../modem-error';

/**
 * A PDU that cannot be decoded. Carries the byte offset (into the whole PDU, SMSC field included)
 * where decoding stopped and what was expected there, so a log line points at the bad octet.
 */
export class PDUDecodeError extends ModemError {
  constructor(
    /** Byte offset into the PDU where the problem was found. */
    readonly offset: number,
    /** What the decoder expected to find at `offset`. */
    readonly expected: string,
    /** Extra detail (the value found, the length that was needed...). */
    readonly detail?: string,
  ) {
    super(`Malformed SMS PDU at octet ${offset}: expected ${expected}${detail ? ` (${detail})` : ''}`);
  }
}
