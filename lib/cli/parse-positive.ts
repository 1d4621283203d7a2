import { UsageError } from './usage-error';

/**
 * Reads `--name VALUE` as a number > 0 (a whole number with `integer`, at least `min` when given);
 * undefined when the option is absent. Throws a `UsageError` naming the option and the bad value.
 */
export function parsePositive(
  command: string,
  name: string,
  text: string | undefined,
  options: { readonly integer?: boolean; readonly min?: number } = {},
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  const min = options.min ?? 0;
  const valid = text.trim() !== '' && Number.isFinite(value) && value > 0 && value >= min && (options.integer !== true || Number.isInteger(value));
  if (!valid) {
    const what = options.integer === true ? 'a whole number' : 'a positive number';
    throw new UsageError(command, `--${name} must be ${what}${min > 0 ? ` of at least ${min}` : ' above 0'}, got ${JSON.stringify(text)}`);
  }
  return value;
}
