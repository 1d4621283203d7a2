import { spawn } from 'node:child_process';
import { Observable, Subject } from '../../rx';
import { merge, ReplaySubject } from '../../rx-extra';
import { splitLines } from './split-lines';

/** How a pppd process ended; `spawnError` when it could not be started at all (ENOENT...). */
export interface PppdExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly spawnError?: Error;
}

/**
 * One running pppd, seen as streams. Rules: `output$` emits every line pppd (and chat) print, on
 * stdout or stderr, and completes when the process is gone; `exit$` emits once, then completes,
 * and replays to late subscribers; `kill()` signals this process only, by its pid.
 */
export interface PppdProcess {
  readonly pid: number | undefined;
  readonly output$: Observable<string>;
  readonly exit$: Observable<PppdExit>;
  kill(signal: NodeJS.Signals): void;
}

/** How long to wait for pppd's last output after it exited. */
const OUTPUT_GRACE_MS = 1000;

export type PppdSpawner = (pppdPath: string, args: readonly string[]) => PppdProcess;

/**
 * Starts pppd as our child (`nodetach` keeps it one). If this Node process exits while pppd runs,
 * pppd gets SIGTERM on the way out, so no pppd is ever left behind holding the modem.
 */
export function spawnPppd(pppdPath: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): PppdProcess {
  const child = spawn(pppdPath, [...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  const output = new Subject<string>();
  const exit = new ReplaySubject<PppdExit>(1);
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);

  merge(
    new Observable<Buffer>((subscriber) => {
      child.stdout.on('data', (chunk: Buffer) => subscriber.next(chunk));
      child.stdout.on('close', () => subscriber.complete());
    }).pipe(splitLines()),
    new Observable<Buffer>((subscriber) => {
      child.stderr.on('data', (chunk: Buffer) => subscriber.next(chunk));
      child.stderr.on('close', () => subscriber.complete());
    }).pipe(splitLines()),
  ).subscribe(output);

  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
    // A process that never started emits no 'close'; report it as exited.
    if (child.pid === undefined) finish(null, null);
  });
  // 'close' comes after the process exited *and* its output was read to the end, so the last
  // lines (the reason it exited) are parsed before the exit is reported. A grandchild (chat) that
  // still holds the pipe could delay 'close' indefinitely, hence the grace period after 'exit'.
  child.once('close', (code, signal) => finish(code, signal));
  let grace: NodeJS.Timeout | undefined;
  child.once('exit', (code, signal) => {
    grace = setTimeout(() => finish(code, signal), OUTPUT_GRACE_MS);
  });

  let finished = false;
  function finish(code: number | null, signal: NodeJS.Signals | null): void {
    if (finished) return;
    finished = true;
    clearTimeout(grace);
    process.removeListener('exit', killOnExit);
    // A grandchild that outlived pppd must not keep our pipe handles (and this process) alive.
    child.stdout.destroy();
    child.stderr.destroy();
    output.complete();
    exit.next(spawnError === undefined ? { code, signal } : { code, signal, spawnError });
    exit.complete();
  }

  return {
    pid: child.pid,
    output$: output.asObservable(),
    exit$: exit.asObservable(),
    kill(signal) {
      if (!finished && child.pid !== undefined) child.kill(signal);
    },
  };
}
