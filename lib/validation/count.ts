import { InvalidArgumentError } from '../errors';
import { describeValue } from '../options/describe-value';

/**
 * Checks a count of things (concurrency, attempts, messages, bytes, page size): a whole number
 * from `min` (default 1), or `Infinity` with `unlimited`. Throws an `InvalidArgumentError` naming
 * the argument and the value.
 */
export function checkCount(argument: string, value: unknown, options: { readonly min?: number; readonly unlimited?: boolean } = {}): number {
  const min = options.min ?? 1;
  const unlimited = options.unlimited === true && value === Number.POSITIVE_INFINITY;
  if (!unlimited && !(typeof value === 'number' && Number.isSafeInteger(value) && value >= min)) {
    const infinity = options.unlimited === true ? ' or Infinity' : '';
    throw new InvalidArgumentError(argument, `${argument} must be a whole number from ${min}${infinity}, got ${describeValue(value)}`);
  }
  return value as number;
}
