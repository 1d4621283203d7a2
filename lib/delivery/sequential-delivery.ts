import { catchError, concatMap, defer, EMPTY, ignoreElements, map, Observable, Subject, Subscription, take, tap } from '../rx';
import { HologramError } from '../errors';
import type { MessageSender } from '../cloud/cloud-sender';
import type { OutboundMessage } from '../cloud/outbound-message';
import type { Delivery } from './delivery';
import type { MessageResult } from './message-result';

/** The delivery was closed before the message's result was known. */
export class DeliveryClosedError extends HologramError {
  constructor(readonly outbound: OutboundMessage) {
    super('closed before the message was sent: it was not delivered');
  }
}

interface Job {
  readonly message: OutboundMessage;
  /** The submitter, until it unsubscribes. */
  listener?: { next(result: MessageResult): void; error(error: unknown): void; complete(): void };
}

/**
 * In-memory `Delivery`: one message at a time, in order, each sent once through `send`. No
 * buffering and no retries: a failed message's result is reported and the next one goes.
 */
export class SequentialDelivery implements Delivery {
  readonly #jobs = new Subject<Job>();
  readonly #results = new Subject<MessageResult>();
  /** Jobs accepted and not finished, so close() can fail them. */
  readonly #pending = new Set<Job>();
  readonly #pipeline: Subscription;
  #closed = false;

  readonly results$: Observable<MessageResult> = this.#results.asObservable();

  constructor(send: MessageSender) {
    this.#pipeline = this.#jobs
      .pipe(
        concatMap((job) =>
          defer(() => send(job.message)).pipe(
            take(1),
            map((result): MessageResult => ({ ...result, message: job.message })),
            tap({
              next: (result) => {
                this.#pending.delete(job);
                this.#results.next(result);
                job.listener?.next(result);
                job.listener?.complete();
              },
              error: (error: unknown) => {
                this.#pending.delete(job);
                job.listener?.error(error);
              },
              complete: () => {
                // A sender breaking its contract (no result) must not leave the submitter waiting.
                if (this.#pending.delete(job)) job.listener?.error(new HologramError('the sender completed without a result'));
              },
            }),
            ignoreElements(),
            // One message's failure must not stop the ones behind it; its submitter has the error.
            catchError(() => EMPTY),
          ),
        ),
      )
      .subscribe();
  }

  submit(message: OutboundMessage): Observable<MessageResult> {
    return new Observable<MessageResult>((subscriber) => {
      if (this.#closed) {
        subscriber.error(new DeliveryClosedError(message));
        return undefined;
      }
      const job: Job = { message, listener: subscriber };
      this.#pending.add(job);
      this.#jobs.next(job);
      return () => {
        job.listener = undefined;
      };
    });
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#pipeline.unsubscribe();
    for (const job of this.#pending) job.listener?.error(new DeliveryClosedError(job.message));
    this.#pending.clear();
    this.#jobs.complete();
    this.#results.complete();
  }
}
