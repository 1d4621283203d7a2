import { OutboxError } from '../errors';

/**
 * A durable outbox could not be opened or used (missing driver, unreadable file, full disk...).
 * The operation that threw did nothing: a failed append stored nothing, a failed remove removed
 * nothing, and the store's counts still match its file.
 */
export class OutboxStoreError extends OutboxError {
  /** The cause's error code when it has one (`SQLITE_FULL`, `SQLITE_IOERR_WRITE`, `ENOSPC`...). */
  readonly code: string | undefined;

  constructor(
    message: string,
    /** Path of the outbox file concerned. */
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    const code = (options?.cause as { code?: unknown } | undefined)?.code;
    this.code = typeof code === 'string' ? code : undefined;
  }
}
