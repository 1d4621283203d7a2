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
    super(`unexpected ${command} response: ${describeLines(lines)}`);
  }
}

/** The answer as shown in the message: capped, since a wrong answer can be a long data read. */
function describeLines(lines: readonly string[]): string {
  if (lines.length === 0) return '(no lines)';
  const text = lines.join(' | ');
  return text.length > 120 ? `${text.slice(0, 120)}...` : text;
}
