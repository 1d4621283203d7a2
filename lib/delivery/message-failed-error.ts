import type { OutboundMessage } from '../cloud/outbound-message';
import type { SendResult } from '../cloud/send-result';
import { CloudError } from '../errors';

/**
 * The cloud refused a message with a permanent code (bad message, key, payload, protocol,
 * metadata or topic): retrying cannot help, so it left the outbox without being delivered.
 * `MessageAttemptsExhaustedError`, a subclass, is the other way a message fails: too many
 * transient failures under a bounded `maxAttempts`.
 */
export class MessageFailedError extends CloudError {
  /** The result code, e.g. 3 for ERR_AUTHINVALID (-1 when nothing answered). */
  readonly code: number;

  constructor(
    /** The cloud's answer (the last one, for an exhausted message). */
    readonly result: SendResult,
    /** The message that failed (named `outbound` because `message` is the error text). */
    readonly outbound: OutboundMessage,
    /** Its outbox id. */
    readonly id: number,
    text = `Message ${id} failed permanently: ${result.name} (${result.code}): ${result.description}`,
  ) {
    super(text);
    this.code = result.code;
  }
}
