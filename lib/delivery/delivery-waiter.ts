import type { SchedulerLike, Subscriber, Unsubscribable } from '../rx';
import type { OutboundMessage } from '../cloud/outbound-message';
import type { SendResult } from '../cloud/send-result';
import { MessageTimeoutError } from './message-timeout-error';

/**
 * Someone waiting for the fate of one or more messages. Only messages somebody awaits get one;
 * messages piped in fire-and-forget cost nothing beyond their outbox entry.
 */
export interface DeliveryWaiter {
  delivered(result: SendResult): void;
  failed(result: SendResult, error: Error): void;
  /** Dropped, refused, or the pipeline closed: this message will not be reported any further. */
  gaveUp(error: Error): void;
  /** A send failed transiently with `cause`; the message is tried again. */
  retrying?(cause: unknown): void;
  /** Stops waiting (the subscriber left): releases the waiter's timer, if any. */
  release?(): void;
}

/**
 * `submit$()`: the one result, then complete; a permanent failure or a drop is an error. With
 * `timeoutMs`, stops waiting after that long with a `MessageTimeoutError` that carries the last
 * failure's cause (a refused connection and a silent cloud do not look alike).
 */
export function singleMessageWaiter(
  subscriber: Subscriber<SendResult>,
  timeout?: { readonly message: OutboundMessage; readonly timeoutMs: number; readonly scheduler: SchedulerLike },
): DeliveryWaiter {
  /** The cause of the last transient failure, if any. */
  let lastFailure: unknown;
  const timer: Unsubscribable | undefined =
    timeout === undefined
      ? undefined
      : timeout.scheduler.schedule(() => subscriber.error(new MessageTimeoutError(timeout.message, timeout.timeoutMs, lastFailure)), timeout.timeoutMs);
  return {
    delivered: (result) => {
      subscriber.next(result);
      subscriber.complete();
    },
    failed: (_result, error) => subscriber.error(error),
    gaveUp: (error) => subscriber.error(error),
    retrying: (cause) => {
      lastFailure = cause;
    },
    release: () => timer?.unsubscribe(),
  };
}

/**
 * `submitMany$()`: every result as it comes (delivered or permanently failed), complete after the
 * last; a drop or close is an error, since the batch can then never be complete.
 */
export function batchWaiter(subscriber: Subscriber<SendResult>, count: number): DeliveryWaiter {
  /** Messages of the batch not settled yet. */
  let remaining = count;
  const settle = (result: SendResult) => {
    subscriber.next(result);
    if (--remaining === 0) subscriber.complete();
  };
  return {
    delivered: settle,
    failed: (result) => settle(result),
    gaveUp: (error) => subscriber.error(error),
  };
}
