import type { OutboundMessage } from '../cloud/outbound-message';
import type { SendResult } from '../cloud/send-result';
import { MessageFailedError } from './message-failed-error';

/**
 * A message was tried `attempts` times (the pipeline's `maxAttempts`) and every try failed
 * transiently (no reply, ERR_INTERNAL): it left the outbox undelivered. Only one-shot callers set
 * `maxAttempts`; a device that must not lose data keeps the default (retry until delivered).
 */
export class MessageAttemptsExhaustedError extends MessageFailedError {
  constructor(
    result: SendResult,
    outbound: OutboundMessage,
    id: number,
    /** How many sends were tried. */
    readonly attempts: number,
  ) {
    super(
      result,
      outbound,
      id,
      `Message ${id} not delivered after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${result.name} (${result.code}): ${result.description}`,
    );
  }
}
