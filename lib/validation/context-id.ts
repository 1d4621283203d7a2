import { InvalidArgumentError } from '../errors';
import { describeValue } from '../options/describe-value';

/**
 * The highest PDP context id the SDK accepts. 3GPP 27.007 leaves the range of `<cid>` to the
 * module (it is read from `AT+CGDCONT=?`); 1..16 is what every supported module takes, in both
 * data modes: Quectel's `AT+QICSGP`/`AT+QIACT`/`AT+QIOPEN` take 1..16, u-blox SARA-R4's
 * `AT+CGDCONT` fewer still, and the PPP dial string `ATD*99***<cid>#` uses the same id. One range
 * for both modes means a `contextId` that works over PPP keeps working over modem sockets.
 */
export const MAX_CONTEXT_ID = 16;

/** Checks a PDP context id (an integer 1..16); throws an `InvalidArgumentError` naming the value. */
export function checkContextId(argument: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_CONTEXT_ID) {
    throw new InvalidArgumentError(argument, `${argument} must be a PDP context id from 1 to ${MAX_CONTEXT_ID}, got ${describeValue(value)}`);
  }
  return value;
}
