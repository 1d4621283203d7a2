import type { OutboundMessage } from '../cloud/outbound-message';
import { OutboxError } from '../errors';

/** Why a message left the outbox without being sent. */
export type DropReason =
  /** Evicted to make room for newer messages (overflow `drop-oldest`). */
  | 'drop-oldest'
  /** Not taken in because the outbox was full, or too big for it on its own (`drop-newest`). */
  | 'drop-newest'
  /** Refused because the outbox was full (overflow `error`): see `cause`, an `OutboxOverflowError`. */
  | 'refused'
  /** The outbox could not store it (a full disk, an unwritable file): see `cause`, an `OutboxStoreError`. */
  | 'storage'
  /** Still waiting when an outbox that keeps nothing across a close (the in-memory one) was closed. */
  | 'closed';

/** A message was dropped by the outbox's overflow policy or could not be stored, so it will never be delivered. */
export class MessageDroppedError extends OutboxError {
  constructor(
    readonly reason: DropReason,
    /** The dropped message (named `outbound` because `message` is the error text). */
    readonly outbound: OutboundMessage,
    /** Its outbox id, if it had been accepted before it was evicted. */
    readonly id?: number,
    options?: { cause?: unknown },
  ) {
    super(`Message ${id === undefined ? '' : `${id} `}dropped from the outbox (${reason})`, options);
  }
}
