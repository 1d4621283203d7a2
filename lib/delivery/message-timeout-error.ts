import type { OutboundMessage } from '../cloud/outbound-message';
import { CloudError } from '../errors';

/**
 * `sendMessage(…, { timeoutMs })` stopped waiting: the message was not delivered in time. It is
 * not withdrawn: it stays in the outbox and is sent once the cloud can be reached (its result then
 * on `results$` and `message.sent`); an in-memory outbox closed before that reports it as
 * `message.dropped` with reason `closed`, a durable one sends it after the next start.
 */
export class MessageTimeoutError extends CloudError {
  constructor(
    /** The message waited for (named `outbound` because `message` is the error text). */
    readonly outbound: OutboundMessage,
    readonly timeoutMs: number,
  ) {
    super(`Message not delivered within ${timeoutMs} ms; it stays in the outbox and is sent once the cloud can be reached`);
  }
}
