import { OutboxError } from '../errors';

/**
 * Another connection (another process, or another store in this one) owns the outbox file. Two
 * owners would send the same messages twice and corrupt each other's counts, so the second one is
 * refused at once instead.
 */
export class OutboxLockedError extends OutboxError {
  constructor(
    /** Path of the outbox file. */
    readonly path: string,
    /** Process id of the owner, when its note could be read. */
    readonly pid: number | undefined,
  ) {
    super(`Outbox ${path} is in use by ${pid === undefined ? 'another process' : `process ${pid}`}: one process at a time may own an outbox`);
  }
}
