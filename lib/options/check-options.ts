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
  return checkOptionNames(argument, value, Object.keys(known)) as T;
}

/** `checkOptions` for options whose keys are only known at run time (a network's, by its name). */
export function checkOptionNames(argument: string, value: unknown, names: readonly string[]): object {
  if (value === undefined) return {};
  if (!isPlainObject(value)) {
    throw new InvalidArgumentError(argument, `${argument} must be an object of options, got ${describeValue(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (names.includes(key)) continue;
    const guess = closestName(key, names);
    const hint = guess === undefined ? `the options are ${names.join(', ')}` : `did you mean ${guess}?`;
    throw new InvalidArgumentError(`${argument}.${key}`, `${argument} has no option ${describeValue(key)}: ${hint}`);
  }
  return value;
}

/** The options among `names` that are set (not undefined): what one part of a shared set is given. */
export function pickOptions(options: object, names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).filter(([key, value]) => value !== undefined && names.includes(key)));
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

/**
 * Checks an object handed in for its methods (a scheduler's `now` and `schedule`, a transport's
 * `exchange$`): `undefined` passes (the default applies), anything else without them is an
 * `InvalidArgumentError` naming `argument` and the value. `what` says what it must be.
 */
export function checkMethods<T>(argument: string, value: T, methods: readonly string[], what: string): T {
  const ok =
    value === undefined ||
    (value !== null &&
      (typeof value === 'object' || typeof value === 'function') &&
      methods.every((method) => typeof (value as Record<string, unknown>)[method] === 'function'));
  if (!ok) throw new InvalidArgumentError(argument, `${argument} must be ${what}, got ${describeValue(value)}`);
  return value;
}

/** Checks a `scheduler` option: undefined (the default) or an RxJS scheduler. */
export function checkScheduler<T>(value: T): T {
  return checkMethods('scheduler', value, ['now', 'schedule'], 'an RxJS scheduler (now, schedule)');
}
