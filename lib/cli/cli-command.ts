/** Where a command writes: one call per line, so tests and the real streams are alike. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

/** One `hologram <name>` command. Modules under `commands/` export one as `command`. */
export interface CliCommand {
  readonly name: string;
  /** Full `--help` text. */
  readonly usage: string;
  /** Runs with the arguments after the command name; resolves with the exit code. */
  run(argv: readonly string[], output: CliOutput): Promise<number>;
}
