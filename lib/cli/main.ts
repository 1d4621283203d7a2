import { InvalidArgumentError } from '../errors';
import { redact } from '../logging';
import type { CliCommand, CliOutput } from './cli-command';
import { UsageError } from './usage-error';

interface CommandEntry {
  readonly summary: string;
  /** Loaded on use only: startup time of `hologram send` counts. */
  readonly load: () => Promise<{ command: CliCommand }>;
}

/** Every command. Adding one is one line here plus its module under `commands/`. */
const COMMANDS: Record<string, CommandEntry> = {
  send: { summary: 'send messages to the Hologram cloud (or a TCP server)', load: () => import('./commands/send') },
  sms: { summary: 'send an SMS through the Hologram cloud', load: () => import('./commands/sms') },
  receive: { summary: 'print messages (or SMS) sent to this device as they arrive', load: () => import('./commands/receive') },
  heartbeat: { summary: 'send a heartbeat message periodically until Ctrl-C', load: () => import('./commands/heartbeat') },
  network: { summary: "connect, disconnect or watch the modem's cellular data connection", load: () => import('./commands/network') },
  modem: { summary: 'read, watch and command the cellular modem; send and read SMS through it', load: () => import('./commands/modem') },
  activate: { summary: "activate this device's SIM on a plan (Hologram REST API)", load: () => import('./commands/activate') },
  emulator: { summary: 'run a local cloud emulator (or, with --rest, REST API emulator) and print what it receives', load: () => import('./commands/emulator') },
  simulator: { summary: 'run a simulated cellular modem on a pseudo-terminal, to test an application without one', load: () => import('./commands/simulator') },
  version: { summary: 'print the SDK version', load: () => import('./commands/version') },
};

/** The command words, for bin/hologram.js: its compile cache records which commands it covers by these names only. */
export const COMMAND_NAMES: readonly string[] = Object.keys(COMMANDS);

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return [
    'Usage: hologram <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, entry]) => `  ${name.padEnd(width)}  ${entry.summary}`),
    '',
    "Run 'hologram <command> --help' for a command's options.",
  ].join('\n');
}

const processOutput: CliOutput = {
  out: (line) => process.stdout.write(`${redact(line)}\n`),
  err: (line) => process.stderr.write(`${redact(line)}\n`),
};

/**
 * Runs `hologram <command> ...` and resolves with the exit code: 0 success, 1 the cloud refused or
 * sending failed, 2 bad usage or bad input (nothing was sent). Every line printed passes through
 * the logger's redaction, so a device key cannot reach the terminal.
 */
export async function main(argv: string[], output: CliOutput = processOutput): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    output.err(usage());
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = rest[0] === undefined ? undefined : COMMANDS[rest[0]];
    output.out(topic === undefined ? usage() : (await topic.load()).command.usage);
    return 0;
  }
  if (name === '--version') return main(['version', ...rest], output);
  const entry = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (entry === undefined) {
    output.err(`hologram: unknown command ${JSON.stringify(name)}: use one of ${Object.keys(COMMANDS).join(', ')} (hologram --help)`);
    return 2;
  }
  try {
    return await (await entry.load()).command.run(rest, output);
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`hologram ${name}: ${error.message}\nRun 'hologram ${name} --help' for usage.`);
      return 2;
    }
    if (error instanceof InvalidArgumentError) {
      output.err(`hologram ${name}: ${error.message}`);
      return 2;
    }
    output.err(`hologram ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
