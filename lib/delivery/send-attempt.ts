import { throwError, type Observable, type OperatorFunction, type Subscriber } from '../rx';
import type { OutboundMessage } from '../cloud/outbound-message';
import type { SendResult } from '../cloud/send-result';
import { operate, subscribeWith, type OperatorHandlers } from '../operators/operate';
import type { OutboxEntry } from '../outbox/outbox-store';
import { NoSendResultError } from './no-send-result-error';
import type { AttemptOutcome } from './settled';
import { TransientSendError } from './transient-send-error';

/** Sends one message: a cold Observable whose first value is the answer (the cloud sender's contract). */
export type MessageSend = (message: OutboundMessage) => Observable<SendResult>;

/**
 * Sends each entry once, as it comes, and emits how each attempt ended. The first answer settles
 * an attempt (its send is unsubscribed): a delivered or permanent code settles the entry; a
 * transient code, an error, a send that throws or ends without an answer is `transient`, never an
 * error of the output. How many run at once is up to the input (the pipeline takes no more
 * entries than it has free slots); unsubscribing cancels the sends under way. A `mergeMap` of
 * `send` written on the shared subscriber: one subscription per attempt, nothing else.
 *
 * ```
 * entries:  a----b---c--|      send(a): --r (ERR_OK)  send(b): --#  send(c): --|
 * outcomes: --d----t---u|      d: delivered, t and u: transient
 * ```
 */
export function sendAttempts(send: MessageSend): OperatorFunction<OutboxEntry, AttemptOutcome> {
  return operate<OutboxEntry, AttemptOutcome>((source, destination) => {
    let sending = 0;
    let inputEnded = false;
    const attemptEnded = (): void => {
      if (--sending === 0 && inputEnded) destination.complete();
    };
    subscribeWith(source, destination, {
      next: (entry) => {
        sending += 1;
        subscribeWith(answer$(send, entry.message), destination, new Attempt(entry, destination, attemptEnded));
      },
      complete: () => {
        inputEnded = true;
        if (sending === 0) destination.complete();
      },
    });
  });
}

/** One send's answer; a send that throws is an answer that errors. */
function answer$(send: MessageSend, message: OutboundMessage): Observable<SendResult> {
  try {
    return send(message);
  } catch (error) {
    return throwError(() => error);
  }
}

/** The handlers of one attempt: its first notification is its outcome. */
class Attempt implements OperatorHandlers<SendResult> {
  readonly #entry: OutboxEntry;
  readonly #destination: Subscriber<AttemptOutcome>;
  readonly #ended: () => void;

  constructor(
    entry: OutboxEntry,
    destination: Subscriber<AttemptOutcome>,
    ended: () => void,
  ) {
    this.#entry = entry;
    this.#destination = destination;
    this.#ended = ended;
  }

  next(result: SendResult, subscriber: Subscriber<SendResult>): void {
    const entry = this.#entry;
    this.#settle(
      !result.ok && result.retryable
        ? { kind: 'transient', entry, cause: new TransientSendError(result) }
        : { kind: result.ok ? 'delivered' : 'failed', entry, result },
    );
    subscriber.unsubscribe();
  }

  error(error: unknown): void {
    this.#settle({ kind: 'transient', entry: this.#entry, cause: error });
  }

  complete(): void {
    this.#settle({ kind: 'transient', entry: this.#entry, cause: new NoSendResultError(this.#entry.id) });
  }

  #settle(outcome: AttemptOutcome): void {
    this.#destination.next(outcome);
    this.#ended();
  }
}
