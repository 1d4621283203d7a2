import { ModemError } from '../../errors';

/**
 * A value the SMS codec cannot put into (or take out of) a PDU field: user data or a header too long
 * for one SMS, a timestamp outside the two-digit year, a digit that has no semi-octet. Names the
 * field and the value so the caller sees which part of the message is at fault.
 */
export class SMSCodecError extends ModemError {
  constructor(
    /** The PDU field or input at fault (`userData`, `timestamp`, `address`...). */
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
