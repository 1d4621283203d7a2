import { describeValue } from '../options/describe-value';
import { asyncScheduler, type SchedulerLike, type Subscription } from '../rx';
import type { OutboundMessage } from '../cloud/outbound-message';
import { InvalidArgumentError } from '../errors';
import { logger } from '../logging';
import { longTimer } from '../operators/long-timer';
import { checkOutboundMessage } from '../outbox/outbox-limits';
import { PeriodicMessageRunningError } from './periodic-message-running-error';

const log = logger('delivery');

/** Shortest interval accepted: anything faster is a mistake on a metered cellular link. */
export const MIN_PERIODIC_INTERVAL_SECONDS = 1;

/**
 * Hands the same message to `send` now and then every `intervalSeconds`, on the scheduler: the
 * engine behind `sendPeriodicMessage()` / `stopPeriodicMessage()` / `periodicMessageRunning()`.
 * One job at a time. `send` is typically the delivery pipeline's `enqueue`, so periodic messages
 * are buffered like any other while offline.
 *
 * ```
 * start(1, 'p') at 0:  ^ 2500ms !          (stop() at 2500 ms)
 * sends:               p 999ms p 999ms p   (at 0, 1000, 2000; nothing after the stop)
 * ```
 */
export class PeriodicSender {
  /** The running job's timer; released by `stop()` / `close()`. */
  #job?: Subscription;
  /** Interval of the running job, for the error when another is started. */
  #intervalSeconds = 0;

  readonly #send: (message: OutboundMessage) => void;
  readonly #scheduler: SchedulerLike;

  constructor(
    send: (message: OutboundMessage) => void,
    scheduler: SchedulerLike = asyncScheduler,
  ) {
    this.#send = send;
    this.#scheduler = scheduler;
  }

  /** Starts sending `data` with `topics` now and every `intervalSeconds` (at least 1). */
  start(intervalSeconds: number, data: string, topics: readonly string[] = []): void {
    if (typeof intervalSeconds !== 'number' || !Number.isFinite(intervalSeconds) || intervalSeconds < MIN_PERIODIC_INTERVAL_SECONDS) {
      throw new InvalidArgumentError(
        'intervalSeconds',
        `intervalSeconds must be a number of seconds >= ${MIN_PERIODIC_INTERVAL_SECONDS}, got ${describeValue(intervalSeconds)}`,
      );
    }
    const message: OutboundMessage = { data, topics: [...topics] };
    checkOutboundMessage(message, 0);
    if (this.#job !== undefined) throw new PeriodicMessageRunningError(this.#intervalSeconds);
    this.#intervalSeconds = intervalSeconds;
    log('periodic message every %d s started', intervalSeconds);
    // longTimer: any interval works (a 30-day one too), where a single Node timer overflows.
    this.#job = longTimer(0, intervalSeconds * 1000, this.#scheduler).subscribe(() => {
      try {
        this.#send(message);
      } catch (error) {
        // One failed hand-over must not end the job: the next tick tries again.
        log('periodic message not handed over: %s', String(error));
      }
    });
  }

  /** Stops the job; nothing happens if none is running. */
  stop(): void {
    if (this.#job === undefined) return;
    this.#job.unsubscribe();
    this.#job = undefined;
    log('periodic message stopped');
  }

  running(): boolean {
    return this.#job !== undefined;
  }

  close(): void {
    this.stop();
  }
}
