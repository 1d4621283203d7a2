import { PDUReader } from './pdu-reader';
import { SMSCodecError } from './sms-codec-error';

/**
 * Service-centre time stamps (TP-SCTS, also TP-DT and absolute TP-VP; 3GPP TS 23.040 §9.2.3.11):
 * seven swapped-BCD octets, local time plus its offset from UTC in quarter hours, bit 3 of the
 * last octet being the sign.
 */

/** A decoded time stamp: the instant, and the sender's UTC offset it was written in. */
export interface SMSTimestamp {
  /** The instant (local time minus the offset). */
  readonly date: Date;
  /** Offset of the sender's local time from UTC, in minutes (multiple of 15, may be negative). */
  readonly offsetMinutes: number;
}

/** Largest offset the field can carry: 79 quarter hours. */
const MAX_OFFSET_QUARTERS = 79;

/** Encodes `date` as seen from a zone `offsetMinutes` away from UTC. */
export function encodeTimestamp(date: Date, offsetMinutes = 0): Buffer {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new SMSCodecError('timestamp', `timestamp must be a valid Date, got ${String(date)}`);
  }
  if (!Number.isInteger(offsetMinutes) || offsetMinutes % 15 !== 0 || Math.abs(offsetMinutes / 15) > MAX_OFFSET_QUARTERS) {
    throw new SMSCodecError('offsetMinutes', `time zone offset must be a multiple of 15 minutes within ±19:45, got ${offsetMinutes}`);
  }
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const year = local.getUTCFullYear();
  // Two digits of year, read back as 1990–2089 (see decodeTimestamp).
  if (year < 1990 || year > 2089) throw new SMSCodecError('timestamp', `timestamp year must be 1990..2089, got ${year}`);
  const quarters = Math.abs(offsetMinutes) / 15;
  const zone = swapBcd(quarters) | (offsetMinutes < 0 ? 0x08 : 0);
  return Buffer.from([
    swapBcd(year % 100),
    swapBcd(local.getUTCMonth() + 1),
    swapBcd(local.getUTCDate()),
    swapBcd(local.getUTCHours()),
    swapBcd(local.getUTCMinutes()),
    swapBcd(local.getUTCSeconds()),
    zone,
  ]);
}

/** Reads seven octets of time stamp; `field` names it in errors (TP-SCTS, TP-DT...). */
export function decodeTimestamp(reader: PDUReader, field: string): SMSTimestamp {
  const start = reader.offset;
  const octets = reader.bytes(7, field);
  const digit = (index: number): number => {
    const value = unswapBcd(octets[index]);
    if (value < 0) reader.fail(`${field} in BCD`, `octet 0x${hex(octets[index])}`, start + index);
    return value;
  };
  const yy = digit(0);
  const month = digit(1);
  const day = digit(2);
  const hours = digit(3);
  const minutes = digit(4);
  const seconds = digit(5);
  const zone = octets[6];
  const quarters = (zone & 0x07) * 10 + (zone >> 4);
  if ((zone >> 4) > 9) reader.fail(`${field} time zone in BCD`, `octet 0x${hex(zone)}`, start + 6);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hours > 23 || minutes > 59 || seconds > 59) {
    reader.fail(`${field} with a valid date and time`, octets.toString('hex').toUpperCase(), start);
  }
  const offsetMinutes = (zone & 0x08 ? -quarters : quarters) * 15;
  // Two-digit years: the field dates from the 1990s, so 90–99 are read as 19xx.
  const year = yy >= 90 ? 1900 + yy : 2000 + yy;
  const localMillis = Date.UTC(year, month - 1, day, hours, minutes, seconds);
  if (new Date(localMillis).getUTCDate() !== day) {
    reader.fail(`${field} with a valid date and time`, `day ${day} of month ${month}`, start + 2);
  }
  return { date: new Date(localMillis - offsetMinutes * 60_000), offsetMinutes: offsetMinutes === 0 ? 0 : offsetMinutes };
}

/** Formats a time stamp as ISO 8601 in its own zone, e.g. `2011-02-28T11:50:50-05:00`. */
export function formatTimestamp(timestamp: SMSTimestamp): string {
  const local = new Date(timestamp.date.getTime() + timestamp.offsetMinutes * 60_000);
  const sign = timestamp.offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(timestamp.offsetMinutes);
  const zone = `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${local.toISOString().slice(0, 19)}${zone}`;
}

function swapBcd(value: number): number {
  return ((value % 10) << 4) | Math.floor(value / 10);
}

/** Swapped BCD octet → 0..99, or -1 when a nibble is not a decimal digit. */
function unswapBcd(octet: number): number {
  const low = octet & 0x0f;
  const high = octet >> 4;
  return low > 9 || high > 9 ? -1 : low * 10 + high;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function hex(octet: number): string {
  return octet.toString(16).padStart(2, '0').toUpperCase();
}
