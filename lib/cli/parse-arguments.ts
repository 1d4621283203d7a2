import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error';

export type ArgumentOptions = NonNullable<ParseArgsConfig['options']>;
export type ParsedArguments<T extends ArgumentOptions> = ReturnType<typeof parseArgs<{ options: T; allowPositionals: true; strict: true }>>;

/**
 * `util.parseArgs` (strict, positionals allowed) with its errors turned into `UsageError`s for
 * `command`, so every bad command line exits 2 with a pointer to `--help`.
 */
export function parseArguments<const T extends ArgumentOptions>(command: string, argv: readonly string[], options: T): ParsedArguments<T> {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(command, error instanceof Error ? error.message : String(error));
  }
}
