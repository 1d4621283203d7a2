import { InvalidArgumentError } from '../errors';
import { describeValue } from '../options/describe-value';

/**
 * The longest delay a Node timer keeps: 2^31 - 1 ms (about 24.8 days). Node fires a longer one
 * after 1 ms, with a `TimeoutOverflowWarning`. Durations that must work at any size go through
 * `longTimer` (checked by `checkLongDuration`); those one timer covers (timeouts, backoff delays)
 * are refused above it.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Checks a duration that one timer must cover: a finite number, above 0 with `positive` (else
 * from 0), at most `MAX_TIMER_MS` when in ms or its whole seconds when `unit` is `'s'`. Returns
 * it; throws an `InvalidArgumentError` naming the argument, the value and the limit.
 */
export function checkBoundedDuration(
  argument: string,
  value: unknown,
  options: { readonly positive?: boolean; readonly unit?: 'ms' | 's' } = {},
): number {
  const seconds = options.unit === 's';
  const max = seconds ? Math.floor(MAX_TIMER_MS / 1000) : MAX_TIMER_MS;
  const low = options.positive === true ? 'above 0' : 'from 0';
  if (typeof value !== 'number' || Number.isNaN(value) || (options.positive === true ? value <= 0 : value < 0) || value > max) {
    throw new InvalidArgumentError(
      argument,
      `${argument} must be a number of ${seconds ? 'seconds' : 'milliseconds'} ${low} up to ${max} (about 24.8 days, the longest timer), got ${describeValue(value)}`,
    );
  }
  return value;
}

/** Checks an optional timeout: absent, or a positive number of milliseconds one timer covers. */
export function checkTimeout(argument: string, value: unknown): number | undefined {
  return value === undefined ? undefined : checkBoundedDuration(argument, value, { positive: true });
}

/** Checks a duration of any size above 0 (run on chained timers, see `longTimer`): a finite number of ms. */
export function checkLongDuration(argument: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError(argument, `${argument} must be a finite number of milliseconds above 0, got ${describeValue(value)}`);
  }
  return value;
}
