import type { OutboundMessage } from '../cloud/outbound-message';
import type { SendResult } from '../cloud/send-result';

/** A `SendResult` together with the message it answers, so streams of results stay readable. */
export interface MessageResult extends SendResult {
  readonly message: OutboundMessage;
}

/** `result` with the message it answers (one literal of one shape: no spread per message). */
export function messageResult(result: SendResult, message: OutboundMessage): MessageResult {
  return {
    code: result.code,
    name: result.name,
    description: result.description,
    ok: result.ok,
    retryable: result.retryable,
    reply: result.reply,
    failure: result.failure,
    message,
  };
}
