import { InvalidArgumentError } from '../errors';
import { closestName } from './closest-name';
import { describeValue } from './describe-value';

/**
 * Every key of an options type, each set to `true`: written as a value so the compiler checks the
 * list against the type (a key added to the interface and not here does not compile).
 */
export type OptionKeys<T> = { readonly [K in keyof Required<T>]: true };

/**
 * The one rule for an options object a caller hands in: `undefined` (no options) or a plain
 * object (`{}` or `Object.create(null)`) whose every key is one `known` lists. Anything else is an
 * `InvalidArgumentError` naming `argument` and the value (`outbox: 10n`, `null`, an array, a
 * class instance); an unknown key is one naming the key, with the closest known one when there is
 * one (`sendhost`: did you mean `sendHost`?). A misspelled key is never ignored: ignored, the
 * `sendhost` of a test setup sends to the real cloud and `outbox: { pth }` is silently not durable.
 * Returns the options, `{}` for `undefined`.
 */
export function checkOptions<T extends object>(argument: string, value: T | undefined, known: OptionKeys<T>): T {
  if (value === undefined) return {} as T;
  if (!isPlainObject(value)) {
    throw new InvalidArgumentError(argument, `${argument} must be an object of options, got ${describeValue(value)}`);
  }
  const names = Object.keys(known);
  for (const key of Object.keys(value)) {
    if (Object.prototype.hasOwnProperty.call(known, key)) continue;
    const guess = closestName(key, names);
    const hint = guess === undefined ? `the options are ${names.join(', ')}` : `did you mean ${guess}?`;
    throw new InvalidArgumentError(`${argument}.${key}`, `${argument} has no option ${describeValue(key)}: ${hint}`);
  }
  return value;
}

/**
 * Built by `{...}` or `Object.create(null)`: not an array, a class instance, a Map or a function.
 * (`Object.prototype` of any realm: a `vm` context's objects count too.)
 */
export function isPlainObject(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}
