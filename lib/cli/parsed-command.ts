import type { CliCommand, CliOutput } from './cli-command';
import { parseArguments, type ArgumentOptions, type ParsedArguments } from './parse-arguments';

/** The `-h, --help` option every command takes. */
type HelpOption = { readonly help: { readonly type: 'boolean'; readonly short: 'h' } };

/**
 * A `hologram <name>` command whose arguments are parsed strictly against `options` (a bad command
 * line is a `UsageError`: exit 2 and a pointer to `--help`) and which prints `usage` for `--help`,
 * so each command file holds only what the command does. `run` gets the parsed arguments, the
 * output and the raw arguments, and resolves with the exit code.
 */
export function parsedCommand<const T extends ArgumentOptions & HelpOption>(
  name: string,
  usage: string,
  options: T,
  run: (parsed: ParsedArguments<T>, output: CliOutput, argv: readonly string[]) => Promise<number>,
): CliCommand {
  return {
    name,
    usage,
    async run(argv, output) {
      const parsed = parseArguments(name, argv, options);
      if ((parsed.values as { help?: boolean }).help === true) {
        output.out(usage);
        return 0;
      }
      return run(parsed, output, argv);
    },
  };
}
