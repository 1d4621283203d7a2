import { InvalidArgumentError } from '../../errors';

/** An SMS address (destination, sender, SMSC) that cannot be encoded; names the bad value. */
export class SMSAddressError extends InvalidArgumentError {
  constructor(
    argument: string,
    /** The rejected address, as given. */
    readonly value: string,
    reason: string,
  ) {
    super(argument, `Invalid SMS ${argument} ${JSON.stringify(value)}: ${reason}`);
  }
}
