import { checkBackoffOptions, fullJitterDelay, type BackoffOptions } from '../operators/backoff-options';

/**
 * The backoff state of a delivery pipeline, apart from its timers: counts consecutive failures
 * and forgets them once sending has been healthy for `resetAfterMs`. The same rule as
 * `retryWithBackoff`, kept as plain state because the pipeline's sends outlive any one subscription.
 */
export class BackoffCounter {
  /** Consecutive failures since the last healthy period (the exponent of the next delay). */
  private failures = 0;
  /** Clock time since which sending has been allowed without a failure. */
  private healthySince: number;

  constructor(
    private readonly options: BackoffOptions,
    now: number,
  ) {
    checkBackoffOptions(options);
    this.healthySince = now;
  }

  /** Sending (re)starts now: after connecting, or when a backoff wait ended. */
  markHealthy(now: number): void {
    this.healthySince = now;
  }

  /** Records a failure at `now` and returns how long to wait and the failure's number (from 1). */
  failure(now: number): { readonly delayMs: number; readonly attempt: number } {
    if (now - this.healthySince >= this.options.resetAfterMs) this.failures = 0;
    const delayMs = fullJitterDelay(this.failures, this.options);
    this.failures++;
    return { delayMs, attempt: this.failures };
  }
}
