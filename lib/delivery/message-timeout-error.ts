import type { OutboundMessage } from '../cloud/outbound-message';
import { CloudError } from '../errors';
import { TransientSendError } from './transient-send-error';

/**
 * `sendMessage(…, { timeoutMs })` stopped waiting: the message was not delivered in time. It is
 * not withdrawn: it stays in the outbox and is sent once the cloud can be reached (its result then
 * on `results$` and `message.sent`); an in-memory outbox closed before that reports it as
 * `message.dropped` with reason `closed`, a durable one sends it after the next start.
 *
 * `cause` is the last failure of its sends (a `TransientSendError` whose `result.failure` says
 * `refused`, `timeout`, `reset`..., or the error a send raised), so a refused connection and a
 * silent cloud do not look alike; undefined when no send had failed (offline, or still waiting
 * for the first answer).
 */
export class MessageTimeoutError extends CloudError {
  constructor(
    /** The message waited for (named `outbound` because `message` is the error text). */
    readonly outbound: OutboundMessage,
    readonly timeoutMs: number,
    lastFailure?: unknown,
  ) {
    super(
      `Message not delivered within ${timeoutMs} ms (${lastFailureText(lastFailure)}); it stays in the outbox and is sent once the cloud can be reached`,
      lastFailure === undefined ? undefined : { cause: lastFailure },
    );
  }
}

function lastFailureText(failure: unknown): string {
  if (failure === undefined) return 'no send had failed yet: offline, or waiting for the answer';
  if (failure instanceof TransientSendError) return `last attempt: ${failure.result.description}`;
  return `last attempt: ${failure instanceof Error ? failure.message : String(failure)}`;
}
