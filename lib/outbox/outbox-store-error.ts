import { HologramError } from '../errors';

/** A durable outbox could not be opened or used (missing driver, unreadable file, full disk...). */
export class OutboxStoreError extends HologramError {
  constructor(
    message: string,
    /** Path of the outbox file concerned. */
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
