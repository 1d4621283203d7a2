import { ModemError } from './modem-error';

/**
 * Sending an SMS through the modem failed at part `part` of `total` (1-based). Parts before it were
 * accepted by the network: their message references are in `sentReferences`.
 */
export class SMSSendError extends ModemError {
  constructor(
    readonly destination: string,
    readonly part: number,
    readonly total: number,
    readonly sentReferences: readonly number[],
    cause: unknown,
  ) {
    super(
      `SMS to ${destination} failed at part ${part} of ${total}: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}
