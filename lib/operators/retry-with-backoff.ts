import { asyncScheduler, defer, throwError, timer, type SchedulerLike } from '../rx';
import { retry, type MonoTypeOperatorFunction } from '../rx-extra';
import { InvalidArgumentError } from '../errors';
import { checkBackoffOptions, fullJitterDelay, type BackoffOptions } from './backoff-options';

export interface RetryWithBackoffConfig extends BackoffOptions {
  /** Whether an error is worth another attempt (default: every error is). If it throws, that error is forwarded. */
  readonly shouldRetry?: (error: unknown) => boolean;
  /** Give up after this many consecutive failed retries (default: never). */
  readonly maxRetries?: number;
  /** Told before each wait, e.g. to count retries or log them. */
  readonly onRetry?: (retry: { readonly error: unknown; readonly attempt: number; readonly delayMs: number }) => void;
  /** Clock and timers (default `asyncScheduler`). */
  readonly scheduler?: SchedulerLike;
}

/**
 * Resubscribes to the source when it errors, after an exponentially growing delay with full
 * jitter (`random() * min(maxMs, initialMs * 2^attempt)`). The attempt counter starts again from
 * 0 once a subscription has stayed healthy (not errored) for `resetAfterMs`, so a link that was
 * fine for an hour retries quickly after a short outage.
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
 * Errors for which `shouldRetry` returns false are forwarded at once.
 */
export function retryWithBackoff<T>(config: RetryWithBackoffConfig): MonoTypeOperatorFunction<T> {
  checkBackoffOptions(config);
  const { resetAfterMs, shouldRetry = () => true, maxRetries = Infinity, onRetry } = config;
  const scheduler = config.scheduler ?? asyncScheduler;
  if (!(maxRetries >= 0)) {
    throw new InvalidArgumentError('maxRetries', `maxRetries must be >= 0, got ${String(maxRetries)}`);
  }

  return (source) =>
    defer(() => {
      /** Consecutive failures since the source was last healthy for `resetAfterMs`. */
      let attempt = 0;
      /** When the current subscription to the source started (scheduler clock). */
      let subscribedAt = scheduler.now();

      return defer(() => {
        subscribedAt = scheduler.now();
        return source;
      }).pipe(
        retry({
          delay: (error: unknown) => {
            if (scheduler.now() - subscribedAt >= resetAfterMs) attempt = 0;
            if (attempt >= maxRetries || !shouldRetry(error)) return throwError(() => error);
            const delayMs = fullJitterDelay(attempt, config);
            attempt++;
            onRetry?.({ error, attempt, delayMs });
            return timer(delayMs, scheduler);
          },
        }),
      );
    });
}
