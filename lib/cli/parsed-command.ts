import type { CliCommand, CliOutput } from './cli-command';
import { parseArguments, type ArgumentOptions, type ParsedArguments } from './parse-arguments';
import { enableVerbose, VERBOSE_OPTION, VERBOSE_USAGE } from './verbosity';

/** The `-h, --help` option every command takes. */
type HelpOption = { readonly help: { readonly type: 'boolean'; readonly short: 'h' } };

/**
 * A `hologram <name>` command whose arguments are parsed strictly against `options` (a bad command
 * line is a `UsageError`: exit 2 and a pointer to `--help`) and which prints `usage` for `--help`,
 * so each command file holds only what the command does. Every command also takes `-v/--verbose`
 * (the SDK's log on stderr), handled here. `run` gets the parsed arguments, the output and the raw
 * arguments, and resolves with the exit code.
 */
export function parsedCommand<const T extends ArgumentOptions & HelpOption>(
  name: string,
  usage: string,
  options: T,
  run: (parsed: ParsedArguments<T>, output: CliOutput, argv: readonly string[]) => Promise<number>,
): CliCommand {
  const fullUsage = `${usage}\n\n${VERBOSE_USAGE}`;
  return {
    name,
    usage: fullUsage,
    async run(argv, output) {
      const parsed = parseArguments(name, argv, { ...options, verbose: VERBOSE_OPTION });
      const { help, verbose } = parsed.values as { help?: boolean; verbose?: boolean[] };
      if (help === true) {
        output.out(fullUsage);
        return 0;
      }
      enableVerbose(verbose?.length ?? 0);
      return run(parsed as unknown as ParsedArguments<T>, output, argv);
    },
  };
}
