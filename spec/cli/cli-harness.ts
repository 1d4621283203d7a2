import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

/** The built CLI as users run it: `bin/hologram.js` runs the bundle `npm run build` makes (`npm test` builds first; run `npm run build`, not only tsc, before a CLI spec alone). */
export const BIN = join(__dirname, '..', '..', 'bin', 'hologram.js');

/** How a finished CLI run ended. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** Environment of the child (default: this process's). */
  readonly env?: NodeJS.ProcessEnv;
  /** Node options before the script, such as `-r hook.js`. */
  readonly nodeArgs?: readonly string[];
}

/** Runs `hologram <args>` in a child process to its end. */
export function runCli(args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], { env: options.env ?? process.env }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** `hologram <args>` run to its end with the default environment. */
export function hologram(...args: string[]): Promise<CliRun> {
  return runCli(args);
}

/** A CLI still running (a receiver, a watcher, a heartbeat), whose output can be awaited. */
export interface RunningCli {
  readonly child: ChildProcessWithoutNullStreams;
  /** Exit code (null when ended by a signal). */
  readonly exit: Promise<number | null>;
  /** Complete stdout line `index` (from 0), once printed; rejects if the CLI exits first. */
  line(index: number): Promise<string>;
  /** The first complete stdout line matching `pattern`, once printed; rejects if the CLI exits first. */
  lineMatching(pattern: RegExp): Promise<string>;
  /** The first match of `pattern` in stderr, once printed; rejects if the CLI exits first. */
  stderrMatching(pattern: RegExp): Promise<RegExpExecArray>;
  /** The first match of `pattern` in stdout, complete lines or not (a question), once printed; rejects if the CLI exits first. */
  stdoutMatching(pattern: RegExp): Promise<RegExpExecArray>;
  stdout(): string;
  stderr(): string;
}

/** Starts `hologram <args>` in a child process and returns while it runs. */
export function startCli(...args: string[]): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args]);
  let stdout = '';
  let stderr = '';
  let exited = false;
  const waiters: Array<() => void> = [];
  const wake = (): void => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    wake();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    wake();
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // Output can still arrive after 'exit'; 'close' is when the streams have ended.
  child.once('close', () => {
    exited = true;
    wake();
  });
  /** Resolves with what `find` finds in the output, looking again at each chunk. */
  const waitFor = <T>(find: () => T | undefined, what: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = find();
        if (found !== undefined) resolve(found);
        else if (exited) reject(new Error(`exited ${child.exitCode} before ${what}: ${stdout} ${stderr}`));
        else waiters.push(check);
      };
      check();
    });
  const completeLines = (): string[] => stdout.split('\n').slice(0, -1);
  return {
    child,
    exit,
    line: (index) => waitFor(() => completeLines()[index], `line ${index}`),
    lineMatching: (pattern) => waitFor(() => completeLines().find((line) => pattern.test(line)), `a line matching ${pattern}`),
    stderrMatching: (pattern) => waitFor(() => pattern.exec(stderr) ?? undefined, `stderr matching ${pattern}`),
    stdoutMatching: (pattern) => waitFor(() => pattern.exec(stdout) ?? undefined, `stdout matching ${pattern}`),
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

/**
 * Ends a CLI a test left running: SIGTERM, so it releases what it holds (a simulator its pty),
 * then SIGKILL if it has not exited within 5 s.
 */
export async function stopCli(cli: RunningCli): Promise<void> {
  if (cli.child.exitCode !== null || cli.child.signalCode !== null) return;
  cli.child.kill('SIGTERM');
  const timer = setTimeout(() => cli.child.kill('SIGKILL'), 5000);
  await cli.exit;
  clearTimeout(timer);
}

/** Sends one cloud-to-device message to a `hologram receive` listening on `port` (one TCP connection). */
export { sendInbound } from '../support/send-inbound';
