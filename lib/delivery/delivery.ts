import type { Observable } from '../rx';
import type { OutboundMessage } from '../cloud/outbound-message';
import type { MessageResult } from './message-result';

/**
 * Carries the facade's messages to the cloud. The facade talks to this interface only, so a
 * durable, offline-aware pipeline can replace the in-memory one without touching the facade.
 *
 * Rules every implementation keeps:
 * - `submit()` is cold: the message is accepted when subscribed; it emits the message's result
 *   once, then completes. Unsubscribing early stops listening; the accepted message still goes.
 * - `results$` emits one result per accepted message, in the order they were accepted.
 * - `close()` cancels the message in flight, fails every waiting `submit()` with
 *   `DeliveryClosedError` and completes `results$`.
 */
export interface Delivery {
  submit(message: OutboundMessage): Observable<MessageResult>;
  readonly results$: Observable<MessageResult>;
  close(): void;
}
