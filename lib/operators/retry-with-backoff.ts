import { asyncScheduler, defer, throwError, type SchedulerLike } from '../rx';
import { finalize, retry, type MonoTypeOperatorFunction } from '../rx-extra';
import { InvalidArgumentError } from '../errors';
import { checkBackoffOptions, type BackoffOptions } from './backoff-options';
import { Backoff } from './backoff';

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
 * Errors for which `shouldRetry` returns false are forwarded at once, as is the error after
 * `maxRetries`; an error `onRetry` throws is forwarded instead of retrying.
 */
export function retryWithBackoff<T>(config: RetryWithBackoffConfig): MonoTypeOperatorFunction<T> {
  const { shouldRetry = () => true, maxRetries = Infinity, onRetry } = config;
  const scheduler = config.scheduler ?? asyncScheduler;
  const options = config.backoff === undefined ? backoffOptions(config) : undefined;
  if (!(maxRetries >= 0)) {
    throw new InvalidArgumentError('maxRetries', `maxRetries must be >= 0, got ${String(maxRetries)}`);
  }

  return (source) =>
    defer(() => {
      /** This subscription's own backoff (its timer released with it), unless one is shared. */
      const own = config.backoff === undefined ? new Backoff(options as BackoffOptions, scheduler) : undefined;
      const backoff = config.backoff ?? (own as Backoff);
      const resetAfterMs = options?.resetAfterMs ?? config.resetAfterMs ?? Infinity;
      /** Failed retries in a row of this subscription (for `maxRetries`). */
      let retries = 0;
      /** When the current subscription to the source started (scheduler clock). */
      let subscribedAt = scheduler.now();

      return defer(() => {
        subscribedAt = scheduler.now();
        return source;
      }).pipe(
        retry({
          delay: (error: unknown) => {
            if (scheduler.now() - subscribedAt >= resetAfterMs) retries = 0;
            if (retries >= maxRetries || !shouldRetry(error)) return throwError(() => error);
            retries++;
            const { attempt, delayMs } = backoff.failed();
            onRetry?.({ error, attempt, delayMs });
            return backoff.over$();
          },
        }),
        finalize(() => own?.close()),
      );
    });
}

/** The options of a private backoff, checked: each field named if missing or bad. */
function backoffOptions(config: RetryWithBackoffConfig): BackoffOptions {
  const options = { initialMs: config.initialMs, maxMs: config.maxMs, resetAfterMs: config.resetAfterMs, random: config.random };
  checkBackoffOptions(options as BackoffOptions);
  return options as BackoffOptions;
}
