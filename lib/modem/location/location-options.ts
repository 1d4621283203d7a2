import type { SchedulerLike } from '../../rx';
import { InvalidArgumentError } from '../../errors';
import { describeValue } from '../../options/describe-value';
import { checkBoundedDuration } from '../../validation/duration';

/** How long and how hard to look for a fix. */
export interface LocationOptions {
  /**
   * Give up after this long with `LocationError` `timeout` (default 30 s). CellLocate is also told
   * (in whole seconds, 1..999) and reports its own failure by then.
   */
  readonly timeoutMs?: number;
  /** CellLocate: the accuracy wanted, in metres, 1..999999 (default 100). */
  readonly accuracyM?: number;
  /** GNSS: pause between reads while the module has no fix yet (default 1000 ms). */
  readonly pollIntervalMs?: number;
  /** Clock of the timeout and of the GNSS polls. */
  readonly scheduler?: SchedulerLike;
}

export const DEFAULT_LOCATION_TIMEOUT_MS = 30_000;
export const DEFAULT_LOCATION_ACCURACY_M = 100;
export const DEFAULT_GNSS_POLL_INTERVAL_MS = 1000;

/** The options with defaults applied; throws `InvalidArgumentError` naming a bad one. */
export function locationSettings(options: LocationOptions): Required<Omit<LocationOptions, 'scheduler'>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCATION_TIMEOUT_MS;
  const accuracyM = options.accuracyM ?? DEFAULT_LOCATION_ACCURACY_M;
  const pollIntervalMs = checkBoundedDuration('pollIntervalMs', options.pollIntervalMs ?? DEFAULT_GNSS_POLL_INTERVAL_MS);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > 999_000) {
    throw new InvalidArgumentError('timeoutMs', `location timeoutMs must be more than 0 and at most 999000, got ${String(options.timeoutMs)}`);
  }
  if (!Number.isInteger(accuracyM) || accuracyM < 1 || accuracyM > 999_999) {
    throw new InvalidArgumentError('accuracyM', `location accuracyM must be an integer 1..999999, got ${String(options.accuracyM)}`);
  }
  // A poll timer, so the timer rule first; then a floor of our own so a fix-less module is not flooded.
  if (pollIntervalMs < 100) {
    throw new InvalidArgumentError('pollIntervalMs', `location pollIntervalMs must be at least 100, got ${describeValue(options.pollIntervalMs)}`);
  }
  return { timeoutMs, accuracyM, pollIntervalMs };
}
