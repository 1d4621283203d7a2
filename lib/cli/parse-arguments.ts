import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closestName } from '../options/closest-name';
import { UsageError } from './usage-error';

export type ArgumentOptions = NonNullable<ParseArgsConfig['options']>;
export type ParsedArguments<T extends ArgumentOptions> = ReturnType<typeof parseArgs<{ options: T; allowPositionals: true; strict: true }>>;

/**
 * `util.parseArgs` (strict, positionals allowed) with its errors turned into `UsageError`s for
 * `command` in the CLI's own words: an unknown option gets "did you mean --host?" when one is
 * close, a missing or dash-led value says how to write it.
 */
export function parseArguments<const T extends ArgumentOptions>(command: string, argv: readonly string[], options: T): ParsedArguments<T> {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    // Duck-typed: parseArgs's errors may come from another realm (a test VM).
    const text = (error as { message?: unknown } | undefined)?.message;
    const message = typeof text === 'string' ? text : String(error);
    throw new UsageError(command, describeParseError(command, message, Object.keys(options)));
  }
}

/** Rewrites one of `parseArgs`'s messages (whose wording is Node's, quotes and all). */
export function describeParseError(command: string, message: string, names: readonly string[]): string {
  const unknown = /^Unknown option '(-{1,2}[^']*)'/.exec(message);
  if (unknown !== null) {
    const option = unknown[1];
    const guess = option.startsWith('--') ? closestName(option.replace(/^-+/, ''), names) : undefined;
    if (guess !== undefined) return `unknown option ${option}: did you mean --${guess}?`;
    return `unknown option ${option} (see hologram ${command} --help); a message that starts with '-' goes after --, as in: hologram ${command} -- ${JSON.stringify(option)}`;
  }
  const missing = /^Option '(?:-\w, )?(--[^ ']+) <value>' argument missing/.exec(message);
  if (missing !== null) return `${missing[1]} needs a value`;
  const noValue = /^Option '(?:-\w, )?(--[^ ']+)' does not take an argument/.exec(message);
  if (noValue !== null) return `${noValue[1]} takes no value`;
  const ambiguous = /^Option '(-{1,2}[^']+)' argument is ambiguous/.exec(message);
  if (ambiguous !== null) {
    const name = ambiguous[1].startsWith('--') ? ambiguous[1] : `--${/use '--([^=']+)=/.exec(message)?.[1] ?? ambiguous[1]}`;
    return `${ambiguous[1]} needs a value; for a value that starts with '-', write ${name}=VALUE`;
  }
  return message;
}
