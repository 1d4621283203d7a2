import { InvalidArgumentError } from '../errors';
import { checkOptions, type OptionKeys } from '../options/check-options';
import { checkBoundedDuration } from '../validation/duration';

/** How long to wait between attempts: exponential growth, capped, with full jitter. */
export interface BackoffOptions {
  /** Ceiling of the first delay in ms (the n-th retry waits up to `initialMs * 2^n`). */
  readonly initialMs: number;
  /** Ceiling of any delay in ms. */
  readonly maxMs: number;
  /** After this long without a failure the attempt counter starts again from 0. */
  readonly resetAfterMs: number;
  /** Uniform random number in [0, 1); injectable so tests are deterministic (default Math.random). */
  readonly random?: () => number;
}

/** Sensible defaults for a cellular device: 1 s first ceiling, at most 5 min, reset after 1 min. */
export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1000, maxMs: 300_000, resetAfterMs: 60_000 };

const BACKOFF_OPTION_KEYS: OptionKeys<BackoffOptions> = { initialMs: true, maxMs: true, resetAfterMs: true, random: true };

/**
 * The `backoff` option over `DEFAULT_BACKOFF`, checked: known keys (`{ initalMs }` is refused, not
 * ignored) and bounded durations. Throws `InvalidArgumentError` naming the bad key or field.
 */
export function resolveBackoffOptions(options: Partial<BackoffOptions> | undefined): BackoffOptions {
  const given = checkOptions('backoff', options, BACKOFF_OPTION_KEYS);
  const resolved = { ...DEFAULT_BACKOFF, ...given };
  checkBackoffOptions(resolved);
  return resolved;
}

/**
 * Delay before retry number `attempt` (0 for the first retry) with "full jitter": a uniformly
 * random point below the exponential ceiling, so many devices that lost the same cell tower do
 * not all come back at the same instant.
 */
export function fullJitterDelay(attempt: number, options: BackoffOptions): number {
  const random = options.random ?? Math.random;
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** attempt);
  return random() * ceiling;
}

/**
 * Throws an `InvalidArgumentError` naming the first bad field. Each delay is one timer, so each is
 * bounded by `MAX_TIMER_MS` (about 24.8 days), far beyond any sensible backoff.
 */
export function checkBackoffOptions(options: BackoffOptions): void {
  for (const name of ['initialMs', 'maxMs', 'resetAfterMs'] as const) checkBoundedDuration(name, options[name]);
  if (options.maxMs < options.initialMs) {
    throw new InvalidArgumentError(
      'maxMs',
      `maxMs (${options.maxMs}) must not be smaller than initialMs (${options.initialMs})`,
    );
  }
}
