import { throwError, type Observable, type OperatorFunction } from '../rx';
import type { OutboundMessage } from '../cloud/outbound-message';
import type { SendResult } from '../cloud/send-result';
import { operate, subscribeWith } from '../operators/operate';
import type { OutboxEntry } from '../outbox/outbox-store';
import { NoSendResultError } from './no-send-result-error';
import type { AttemptOutcome } from './settled';
import { TransientSendError } from './transient-send-error';

/** Sends one message: a cold Observable whose first value is the answer (the cloud sender's contract). */
export type MessageSend = (message: OutboundMessage) => Observable<SendResult>;

/**
 * One send of `entry`: its answer as an `AttemptOutcome`, then complete. A send that throws is a
 * transient outcome like a transport error.
 */
export function sendAttempt$(send: MessageSend, entry: OutboxEntry): Observable<AttemptOutcome> {
  let answer$: Observable<SendResult>;
  try {
    answer$ = send(entry.message);
  } catch (error) {
    answer$ = throwError(() => error);
  }
  return answer$.pipe(toOutcome(entry));
}

/**
 * The first answer of a send as the outcome of `entry`'s attempt, then complete (the send is
 * unsubscribed). A delivered or permanent code settles; a transient code, an error or no answer
 * at all is `transient`, never an error of the output.
 *
 * ```
 * answer:  --a--b|   (a: ERR_OK)       answer:  --#          answer:  --|
 * result:  --(d|)    (d: delivered)    result:  --(t|)       result:  --(t|)  (t: transient)
 * ```
 */
export function toOutcome(entry: OutboxEntry): OperatorFunction<SendResult, AttemptOutcome> {
  return operate<SendResult, AttemptOutcome>((source, subscriber) => {
    const settle = (outcome: AttemptOutcome): void => {
      subscriber.next(outcome);
      subscriber.complete();
    };
    subscribeWith(source, subscriber, {
      next: (result) =>
        settle(
          !result.ok && result.retryable
            ? { kind: 'transient', entry, cause: new TransientSendError(result) }
            : { kind: result.ok ? 'delivered' : 'failed', entry, result },
        ),
      error: (error) => settle({ kind: 'transient', entry, cause: error }),
      complete: () => settle({ kind: 'transient', entry, cause: new NoSendResultError(entry.id) }),
    });
  });
}
