import { describeValue } from '../options/describe-value';
import { InvalidArgumentError } from '../errors';

/**
 * An access point name as 3GPP TS 23.003 defines it: dot-separated labels of letters, digits and
 * hyphens (not at a label's ends), at most 100 characters. One rule for every place an APN goes:
 * between quotes in AT commands (`+UPSD`, `+QICSGP`, `+CGDCONT`) and in pppd's chat script. Anything
 * else (quotes, spaces, line breaks) would break the quoting there, so it is refused, not escaped.
 */
const APN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/** Throws `InvalidArgumentError('apn', ...)` naming the APN unless it is a valid one. */
export function validateApn(apn: unknown): string {
  if (typeof apn !== 'string' || apn.length === 0 || apn.length > 100 || !APN.test(apn)) {
    throw new InvalidArgumentError(
      'apn',
      `apn must be 1-100 characters of letters, digits, hyphens and dots (e.g. "hologram"), got ${describeValue(apn)}`,
    );
  }
  return apn;
}
