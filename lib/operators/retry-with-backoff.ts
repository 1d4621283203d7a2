import { checkCount } from '../validation/count';
import { asyncScheduler, take, type Observable, type SchedulerLike, type Subscriber } from '../rx';
import { operate, subscribeWith } from './operate';
import type { MonoTypeOperatorFunction } from '../rx-extra';
import { checkBackoffOptions, type BackoffOptions } from './backoff-options';
import { Backoff } from './backoff';
import { holdUntilConnected } from './hold-until-connected';

export interface RetryWithBackoffConfig extends Partial<BackoffOptions> {
  /**
   * A backoff shared with other subscriptions (e.g. every send of a delivery pipeline): a
   * failure here pauses them all, and they wait out one delay together. Without it each
   * subscription has its own, built from the options above (`initialMs`, `maxMs`, `resetAfterMs`
   * are then required).
   */
  readonly backoff?: Backoff;
  /** Whether an error is worth another attempt (default: every error is). If it throws, that error is forwarded. */
  readonly shouldRetry?: (error: unknown) => boolean;
  /**
   * Give up after this many failed retries in a row (default: never); the count starts again once
   * a subscription stayed healthy for `resetAfterMs`.
   */
  readonly maxRetries?: number;
  /** Told before each wait (one call per retry), e.g. to count retries or log them. */
  readonly onRetry?: (retry: { readonly error: unknown; readonly attempt: number; readonly delayMs: number }) => void;
  /**
   * The link the source needs: after each backoff wait, the retry is held (`holdUntilConnected`)
   * until it says `true`, so no attempt is wasted on a link known to be down. The first
   * subscription is not held.
   */
  readonly connected$?: Observable<boolean>;
  /** Clock and timers (default `asyncScheduler`). */
  readonly scheduler?: SchedulerLike;
}

/**
 * Resubscribes to the source when it errors, after an exponentially growing delay with full
 * jitter (`random() * min(maxMs, initialMs * 2^attempt)`, see `Backoff`). The attempt counter
 * starts again from 0 once a subscription has stayed healthy (not errored) for `resetAfterMs`,
 * so a link that was fine for an hour retries quickly after a short outage.
 *
 * ```
 * (initialMs: 2, maxMs: 8, resetAfterMs: 100, maxRetries: 3, random: () => 1: the full ceiling)
 * source:  -#                  (each subscription errors after 1 frame)
 * result:  ------------------#  (waits 2, 4, 8 frames, then gives up)
 * subs:    ^!
 *          ---^!
 *          --------^!
 *          -----------------^!
 * ```
 *
 * With a shared `backoff`, subscriptions that fail close together wait out one delay and resubscribe
 * together when it ends (`a` fails first and starts a wait of 4; `b` fails inside it and waits what
 * is left; both are told about their own retry in `onRetry`):
 *
 * ```
 * (shared backoff: initialMs 4, random: () => 1)
 * a:       -#         then   -a|
 * b:       ---#       then   -b|
 * a retry: ------a|           (resubscribed at 4, when the wait ends)
 * b retry: ------b|           (resubscribed at 4 too, not at 3 + 4)
 * ```
 *
 * With `connected$`, a retry whose wait is over is held until the link is up (the wait of 2
 * ends at 3, while the link is down):
 *
 * ```
 * (initialMs: 2, random: () => 1)
 * connected$: t-f---t
 * source:     -#    then  -a|
 * result:     -------a|        (resubscribed at 6, when the link is back)
 * ```
 *
 * Errors for which `shouldRetry` returns false are forwarded at once, as is the error after
 * `maxRetries`; an error `onRetry` throws is forwarded instead of retrying. A wait that can never
 * end (a shared backoff closed meanwhile) completes the output.
 */
export function retryWithBackoff<T>(config: RetryWithBackoffConfig): MonoTypeOperatorFunction<T> {
  const { shouldRetry = () => true, maxRetries = Infinity, onRetry, connected$ } = config;
  const scheduler = config.scheduler ?? asyncScheduler;
  const options = config.backoff === undefined ? backoffOptions(config) : undefined;
  const resetAfterMs = options?.resetAfterMs ?? config.resetAfterMs ?? Infinity;
  checkCount('maxRetries', maxRetries, { min: 0, unlimited: true });

  // Written out rather than as `defer` + `retry({ delay })` + `finalize`: the happy path (no
  // error) costs one subscription, and no backoff is built until an attempt fails.
  return operate<T, T>((source, subscriber) => {
    /** This subscription's own backoff (its timer released with it), built at the first failure, unless one is shared. */
    let own: Backoff | undefined;
    /** Failed retries in a row of this subscription (for `maxRetries`). */
    let retries = 0;
    /** The subscription to the source now, or to the wait before the next one. */
    let current: Subscriber<unknown> | undefined;
    /** An attempt failed and its wait was over while `resubscribe` still ran: go round again. */
    let again = false;
    /** `resubscribe` is on the stack (a source or a wait that answers synchronously). */
    let subscribing = false;

    /** What to wait for before the next attempt, or `undefined` if the error is final. */
    const nextWait = (error: unknown, subscribedAt: number): Observable<unknown> | undefined => {
      if (scheduler.now() - subscribedAt >= resetAfterMs) retries = 0;
      if (retries >= maxRetries || !shouldRetry(error)) return undefined;
      retries++;
      const backoff = config.backoff ?? (own ??= new Backoff(options as BackoffOptions, scheduler));
      const { attempt, delayMs } = backoff.failed();
      onRetry?.({ error, attempt, delayMs });
      const over$ = backoff.over$();
      return connected$ === undefined ? over$ : over$.pipe(holdUntilConnected(connected$), take(1));
    };

    const failed = (error: unknown, subscribedAt: number): void => {
      const wait$ = nextWait(error, subscribedAt);
      if (wait$ === undefined) {
        subscriber.error(error);
        return;
      }
      let over = false;
      const wait = subscribeWith(wait$, subscriber, {
        next: () => {
          if (over) return;
          over = true; // the wait completes by itself (it says "over" once)
          resubscribe();
        },
        // A wait that ends without saying "over" (the backoff was closed): nothing more will come.
        complete: () => {
          if (!over) subscriber.complete();
        },
      });
      if (!over) current = wait;
    };

    /** Subscribes to the source again, looping instead of recursing when attempts fail synchronously. */
    const resubscribe = (): void => {
      if (subscribing) {
        again = true;
        return;
      }
      subscribing = true;
      do {
        again = false;
        const subscribedAt = scheduler.now();
        current?.unsubscribe();
        current = subscribeWith(source, subscriber, { error: (error) => failed(error, subscribedAt) });
      } while (again && !subscriber.closed);
      subscribing = false;
    };

    resubscribe();
    return () => void own?.close();
  });
}

/** The options of a private backoff, checked: each field named if missing or bad. */
function backoffOptions(config: RetryWithBackoffConfig): BackoffOptions {
  const options = { initialMs: config.initialMs, maxMs: config.maxMs, resetAfterMs: config.resetAfterMs, random: config.random };
  checkBackoffOptions(options as BackoffOptions);
  return options as BackoffOptions;
}
