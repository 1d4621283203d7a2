import { InvalidArgumentError } from '../errors';
import { checkTimeout } from '../validation/duration';
import { checkCount } from '../validation/count';

/**
 * How the REST client checks what callers hand it. Every public method reads its arguments
 * through these, so a bad value (a BigInt, a Symbol, `null`, a Proxy whose traps throw) is an
 * `InvalidArgumentError` naming it, never a `TypeError` from deep inside.
 */

/** A bad value in words, safe for any value: never throws, never prints more than 40 characters of a string. */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    case 'bigint':
      return `${value}n (a BigInt)`;
    case 'symbol':
      return 'a Symbol';
    case 'function':
      return 'a function';
    case 'undefined':
      return 'undefined';
    case 'object':
      if (value === null) return 'null';
      try {
        return Array.isArray(value) ? `an array of ${value.length}` : 'an object';
      } catch {
        return 'an object';
      }
    default:
      return String(value);
  }
}

/** The keys a misspelled one most likely meant: the same ignoring case, or sharing its first four letters. */
function suggestion(unknown: string, known: readonly string[]): string {
  const lower = unknown.toLowerCase();
  const guess = known.find((key) => key.toLowerCase() === lower) ?? known.find((key) => key.slice(0, 4).toLowerCase() === lower.slice(0, 4));
  return guess === undefined ? '' : `: did you mean ${guess}?`;
}

/**
 * The fields of an options object (`undefined` reads as `{}`), copied once so a getter runs only
 * here. Anything but a plain object, an unknown key (a typo such as `timeout` for `timeoutMs`
 * would otherwise be ignored) or a property that cannot be read is an `InvalidArgumentError`.
 */
export function readOptions<K extends string>(argument: string, value: unknown, known: readonly K[]): Partial<Record<K, unknown>> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object') {
    throw new InvalidArgumentError(argument, `${argument} must be an object, got ${describeValue(value)}`);
  }
  const copy: Partial<Record<K, unknown>> = {};
  let keys: string[];
  try {
    // Both throw for a revoked Proxy, and a Proxy's ownKeys trap may throw anything.
    if (Array.isArray(value)) throw new InvalidArgumentError(argument, `${argument} must be an object, got ${describeValue(value)}`);
    keys = Object.keys(value);
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw error;
    throw new InvalidArgumentError(argument, `${argument} cannot be read (listing its keys threw)`);
  }
  for (const key of keys) {
    if (!(known as readonly string[]).includes(key)) {
      throw new InvalidArgumentError(argument, `${argument} has no option ${JSON.stringify(key)}${suggestion(key, known)} (known: ${known.join(', ')})`);
    }
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
export function checkIccid(sim: unknown): string {
  if (typeof sim !== 'string' || !/^[0-9]{18,22}$/.test(sim)) {
    throw new InvalidArgumentError('sim', `sim must be the SIM's ICCID (18 to 22 digits), got ${describeValue(sim)}`);
  }
  return sim;
}
