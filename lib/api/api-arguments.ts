import { InvalidArgumentError } from '../errors';
import { checkOptionNames } from '../options/check-options';
import { describeValue } from '../options/describe-value';
import { checkTimeout } from '../validation/duration';
import { checkCount } from '../validation/count';

/**
 * How the REST client checks what callers hand it. Every public method reads its arguments
 * through these, so a bad value (a BigInt, a Symbol, `null`, a Proxy whose traps throw) is an
 * `InvalidArgumentError` naming it, never a `TypeError` from deep inside.
 */

export { describeValue };

/**
 * The fields of an options object (`undefined` reads as `{}`), copied once so a getter runs only
 * here. Anything but a plain object, an unknown key (a typo such as `timeout` for `timeoutMs`
 * would otherwise be ignored) or a property that cannot be read is an `InvalidArgumentError`.
 */
export function readOptions<K extends string>(argument: string, value: unknown, known: readonly K[]): Partial<Record<K, unknown>> {
  let keys: string[];
  try {
    // A revoked Proxy throws on every look, and a Proxy's traps may throw anything.
    keys = Object.keys(checkOptionNames(argument, value, known));
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw error;
    throw new InvalidArgumentError(argument, `${argument} cannot be read (looking at it threw)`);
  }
  const copy: Partial<Record<K, unknown>> = {};
  for (const key of keys) {
    try {
      copy[key as K] = (value as Record<string, unknown>)[key];
    } catch {
      throw new InvalidArgumentError(argument, `${argument}.${key} cannot be read (its getter threw)`);
    }
  }
  return copy;
}

/** A whole number from `min` up, or `fallback` when absent. */
export function checkWholeNumber(argument: string, value: unknown, min: number, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  return checkCount(argument, value, { min });
}

/** A number of milliseconds above 0 (at most 2^31 - 1, what a Node timer holds), or `fallback` when absent. */
export function checkMilliseconds(argument: string, value: unknown, fallback: number): number {
  return checkTimeout(argument, value) ?? fallback;
}

/** A boolean, or `false` when absent. */
export function checkFlag(argument: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new InvalidArgumentError(argument, `${argument} must be true or false, got ${describeValue(value)}`);
  return value;
}

/** Checks an ICCID; the error names the bad value (an ICCID is not a secret). */
export function checkICCID(sim: unknown): string {
  if (typeof sim !== 'string' || !/^[0-9]{18,22}$/.test(sim)) {
    throw new InvalidArgumentError('sim', `sim must be the SIM's ICCID (18 to 22 digits), got ${describeValue(sim)}`);
  }
  return sim;
}
