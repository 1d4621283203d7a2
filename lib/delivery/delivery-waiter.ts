import type { Subscriber } from '../rx';
import type { SendResult } from '../cloud/send-result';

/**
 * Someone waiting for the fate of one or more messages. Only messages somebody awaits get one;
 * messages piped in fire-and-forget cost nothing beyond their outbox entry.
 */
export interface DeliveryWaiter {
  delivered(result: SendResult): void;
  failed(result: SendResult, error: Error): void;
  /** Dropped, refused, or the pipeline closed: this message will not be reported any further. */
  gaveUp(error: Error): void;
}

/** `submit$()`: the one result, then complete; a permanent failure or a drop is an error. */
export function singleMessageWaiter(subscriber: Subscriber<SendResult>): DeliveryWaiter {
  return {
    delivered: (result) => {
      subscriber.next(result);
      subscriber.complete();
    },
    failed: (_result, error) => subscriber.error(error),
    gaveUp: (error) => subscriber.error(error),
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
