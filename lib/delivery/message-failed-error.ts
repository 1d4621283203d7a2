import type { OutboundMessage } from '../cloud/outbound-message';
import type { SendResult } from '../cloud/send-result';
import { HologramError } from '../errors';

/**
 * The cloud refused a message with a permanent code (bad message, key, payload, protocol,
 * metadata or topic): retrying cannot help, so it left the outbox without being delivered.
 */
export class MessageFailedError extends HologramError {
  /** The result code, e.g. 3 for ERR_AUTHINVALID. */
  readonly code: number;

  constructor(
    /** The cloud's answer. */
    readonly result: SendResult,
    /** The message that failed (named `outbound` because `message` is the error text). */
    readonly outbound: OutboundMessage,
    /** Its outbox id. */
    readonly id: number,
  ) {
    super(`Message ${id} failed permanently: ${result.name} (${result.code}): ${result.description}`);
    this.code = result.code;
  }
}
