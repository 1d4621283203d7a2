import { OutboxError } from '../errors';

/**
 * A durable outbox could not be opened or used (missing driver, unreadable file, full disk...).
 * The operation that threw did nothing: a failed append stored nothing, a failed remove removed
 * nothing, and the store's counts still match its file.
 */
export class OutboxStoreError extends OutboxError {
  /**
   * The cause's error code when it has one (`SQLITE_FULL`, `SQLITE_IOERR_WRITE`...), or
   * `ENOSPC` when the outbox refused a message to keep the room it needs to acknowledge.
   */
  readonly code: string | undefined;

  constructor(
    message: string,
    /** Path of the outbox file concerned. */
    readonly path: string,
    options?: { cause?: unknown; code?: string },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    const code = options?.code ?? (options?.cause as { code?: unknown } | undefined)?.code;
    this.code = typeof code === 'string' ? code : undefined;
  }
}
