import { OutboxError } from '../errors';

/** Which limit a bounded buffer or outbox ran into. */
export type OutboxLimit = 'maxMessages' | 'maxBytes';

/**
 * A message was refused because a bounded buffer or outbox is full and its overflow policy is
 * `error`. Carries the limit that was hit so callers can branch on it (and slow down).
 */
export class OutboxOverflowError extends OutboxError {
  constructor(
    /** The limit that was reached. */
    readonly limit: OutboxLimit,
    /** The configured value of that limit. */
    readonly max: number,
    /** How many messages were refused together (a batch is refused as a whole). */
    readonly refused = 1,
  ) {
    super(
      `Outbox is full: ${limit} limit of ${max} reached, ${refused} message${refused === 1 ? '' : 's'} refused`,
    );
  }
}
