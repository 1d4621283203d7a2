import type { SchedulerLike } from '../rx';
import { ERR_UNKNOWN, resultForCode } from '../cloud/result-codes';
import { logger } from '../logging';
import { fullJitterDelay, type BackoffOptions } from '../operators/backoff-options';
import type { OutboxEntry } from '../outbox/outbox-store';
import type { Acknowledger } from './acknowledger';
import type { DeliveryReporter } from './delivery-reporter';
import type { Journeys } from './journeys';
import { TransientSendError } from './transient-send-error';

const log = logger('delivery');

/**
 * The retry stage: a send that failed transiently delays its own message only. The message waits
 * `random() * min(maxMs, initialMs * 2^(failures - 1))` (full jitter, growing with its own
 * failures), then is due again; after `maxAttempts` sends it is given up with its last result.
 * (Failures in a row across messages, which say the cloud is down, are the `CircuitBreaker`'s.)
 */
export class MessageBackoff {
  readonly #options: BackoffOptions;
  readonly #maxAttempts: number;
  readonly #journeys: Journeys;
  readonly #acknowledger: Acknowledger;
  readonly #reporter: DeliveryReporter;
  readonly #scheduler: SchedulerLike;
  readonly #due: () => void;

  constructor(
    options: BackoffOptions,
    maxAttempts: number,
    journeys: Journeys,
    acknowledger: Acknowledger,
    reporter: DeliveryReporter,
    scheduler: SchedulerLike,
    /** A retry is due: the pipeline may send. */
    due: () => void,
  ) {
    this.#options = options;
    this.#maxAttempts = maxAttempts;
    this.#journeys = journeys;
    this.#acknowledger = acknowledger;
    this.#reporter = reporter;
    this.#scheduler = scheduler;
    this.#due = due;
  }

  /** The `failures`-th send of `entry` failed with `cause`. */
  failed(entry: OutboxEntry, failures: number, cause: unknown): void {
    if (failures >= this.#maxAttempts) {
      const result = cause instanceof TransientSendError ? cause.result : { ...resultForCode(ERR_UNKNOWN), description: `No reply: ${describe(cause)}` };
      this.#acknowledger.settle({ kind: 'exhausted', entry, result, attempts: failures });
      return;
    }
    const delayMs = fullJitterDelay(failures - 1, this.#options);
    log('message %d not delivered (%s), tried again in %d ms', entry.id, describe(cause), Math.round(delayMs));
    const timer = this.#scheduler.schedule(() => {
      this.#journeys.move(entry.id, { kind: 'due', entry, failures });
      this.#due();
    }, delayMs);
    this.#journeys.move(entry.id, { kind: 'backing-off', entry, failures, timer });
    this.#reporter.retry(entry, failures, delayMs, cause);
    this.#reporter.account.changed();
  }
}

export function describe(error: unknown): string {
  if (error instanceof TransientSendError) return `${error.result.name} (${error.result.code})`;
  return error instanceof Error ? error.message : String(error);
}
