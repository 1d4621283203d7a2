import { InvalidArgumentError } from '../../errors';
import { PDUReader } from './pdu-reader';
import { decodeTimestamp, SMSTimestamp } from './timestamp';

/** TP-VP of an SMS-SUBMIT (3GPP TS 23.040 §9.2.3.12): how long the SMSC keeps trying. */
export type ValidityPeriod =
  | { readonly format: 'relative'; readonly minutes: number }
  | { readonly format: 'absolute'; readonly expires: SMSTimestamp }
  | { readonly format: 'enhanced'; readonly raw: Buffer };

/** TP-VPF values (bits 4–3 of the first octet). */
export const VPF_NONE = 0;
export const VPF_ENHANCED = 1;
export const VPF_RELATIVE = 2;
export const VPF_ABSOLUTE = 3;

/** The longest relative period: 63 weeks. */
export const MAX_RELATIVE_VALIDITY_MINUTES = 63 * 7 * 24 * 60;

/**
 * Minutes → relative TP-VP octet, rounding up to the next period the field can express
 * (5-minute steps to 12 h, 30-minute steps to 24 h, days to 30 days, then weeks).
 */
export function encodeRelativeValidity(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > MAX_RELATIVE_VALIDITY_MINUTES) {
    throw new InvalidArgumentError('validityMinutes', `validityMinutes must be > 0 and at most ${MAX_RELATIVE_VALIDITY_MINUTES} (63 weeks), got ${minutes}`);
  }
  if (minutes <= 720) return Math.ceil(minutes / 5) - 1;
  if (minutes <= 1440) return 143 + Math.ceil((minutes - 720) / 30);
  const days = Math.ceil(minutes / 1440);
  if (days <= 30) return 166 + days;
  return 192 + Math.max(5, Math.ceil(days / 7));
}

/** Relative TP-VP octet → minutes. */
export function decodeRelativeValidity(octet: number): number {
  if (octet <= 143) return (octet + 1) * 5;
  if (octet <= 167) return 720 + (octet - 143) * 30;
  if (octet <= 196) return (octet - 166) * 1440;
  return (octet - 192) * 7 * 1440;
}

/** Reads TP-VP in the format TP-VPF announces; undefined when absent. */
export function decodeValidityPeriod(reader: PDUReader, format: number): ValidityPeriod | undefined {
  switch (format) {
    case VPF_RELATIVE:
      return { format: 'relative', minutes: decodeRelativeValidity(reader.byte('TP-VP (relative)')) };
    case VPF_ABSOLUTE:
      return { format: 'absolute', expires: decodeTimestamp(reader, 'TP-VP (absolute)') };
    case VPF_ENHANCED:
      return { format: 'enhanced', raw: reader.bytes(7, 'TP-VP (enhanced)') };
    default:
      return undefined;
  }
}
