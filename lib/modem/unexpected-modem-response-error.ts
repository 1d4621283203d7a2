import { ModemError } from '../errors';

/**
 * The modem answered `OK`, but not in a form the SDK can read (a garbled `+CSQ`, an ICCID line
 * missing). A fault of the modem or its firmware, never of the caller: not an `InvalidArgumentError`.
 */
export class UnexpectedModemResponseError extends ModemError {
  constructor(
    /** The command whose answer could not be read. */
    readonly command: string,
    /** The answer's lines, as received. */
    readonly lines: readonly string[],
  ) {
    super(`unexpected ${command} response: ${lines.length === 0 ? '(no lines)' : lines.join(' | ')}`);
  }
}
