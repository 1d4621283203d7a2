import { asyncScheduler, BehaviorSubject, firstValueFrom, Observable, Subject, timer, type SchedulerLike } from '../../rx';
import { InvalidArgumentError } from '../../errors';
import { logger } from '../../logging';
import { ClosedError } from '../../closed-error';
import { buildChatScript } from './chat-script';
import { writeChatScriptFile, type ChatScriptFile } from './chat-script-file';
import { PPPConnectionError } from './ppp-connection-error';
import type { PPPLinkState } from './ppp-link-state';
import { initialPppSession, pppEndpoints, reducePppSession, type PPPEndpoints, type PppSession } from './ppp-session';
import { buildPppdArguments, type PppdArgumentsOptions } from './pppd-arguments';
import { parsePppdLine } from './pppd-output-parser';
import { spawnPppd, type PppdProcess, type PppdSpawner } from './pppd-process';
import { describeValue } from '../../options/describe-value';
import { checkOptions, checkScheduler, type OptionKeys } from '../../options/check-options';
import { checkBoundedDuration } from '../../validation/duration';

const log = logger('ppp');

export interface PPPLinkOptions extends Omit<PppdArgumentsOptions, 'chatScriptPath'> {
  /** APN for the PDP context (default `hologram`). */
  readonly apn?: string;
  /** pppd program (default `pppd`, found on PATH). */
  readonly pppdPath?: string;
  /** How long `disconnect()` waits after SIGTERM before SIGKILL (default 5000 ms). */
  readonly stopTimeoutMs?: number;
  readonly scheduler?: SchedulerLike;
  /** Starts pppd (default: a real child process); replaceable to run another program. */
  readonly spawn?: PppdSpawner;
}

const PPP_LINK_OPTION_KEYS: OptionKeys<PPPLinkOptions> = {
  device: true,
  baudRate: true,
  chatPath: true,
  persist: true,
  defaultRoute: true,
  usePeerDNS: true,
  lcpEchoIntervalSeconds: true,
  lcpEchoFailures: true,
  apn: true,
  pppdPath: true,
  stopTimeoutMs: true,
  scheduler: true,
  spawn: true,
};

/** One pppd run: the process, its chat script file and what its output said so far. */
interface Run {
  readonly process: PppdProcess;
  readonly chatScript: ChatScriptFile;
  session: PppSession;
  readonly exited: Promise<void>;
}

/**
 * Where the link's own pppd is, beside the `PPPLinkState` it shows: no pppd (`idle`), one running,
 * one asked to stop (SIGTERM sent, so its exit is no failure), or the link closed (`done` settles
 * once the last pppd is gone and the streams completed). Changed only by `moveTo`.
 */
type LinkPhase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly run: Run }
  | { readonly kind: 'stopping'; readonly run: Run }
  | { readonly kind: 'closed'; readonly done: Promise<void> };

/**
 * A PPP data link over the modem's data port, run by pppd with a chat script for the APN.
 *
 * `state$` goes `stopped -> starting -> connected` (with the interface, local and remote IP) and
 * back to `stopped` when pppd exits: with a `PPPConnectionError` (exit code, reason, the output's
 * explanation) when it failed or the link dropped, without one when `disconnect()` ended it.
 *
 * Only the pppd this link started is ever signalled, by its pid; every other pppd on the system is
 * left alone.
 */
export class PPPLink {
  readonly #stateSubject: BehaviorSubject<PPPLinkState>;
  readonly #outputSubject = new Subject<string>();
  readonly state$: Observable<PPPLinkState>;
  /** Every line pppd and chat print, for diagnostics. */
  readonly output$: Observable<string>;
  readonly #scheduler: SchedulerLike;
  readonly #chatScriptText: string;
  readonly #stopTimeoutMs: number;
  readonly #spawn: PppdSpawner;
  readonly #pppdPath: string;
  #phase: LinkPhase = { kind: 'idle' };

  readonly #options: PPPLinkOptions;

  constructor(options: PPPLinkOptions) {
    this.#options = options;
    if (options === undefined) throw new InvalidArgumentError('options', "options must give the modem's data port: { device: '/dev/ttyUSB0' }");
    checkOptions('options', options, PPP_LINK_OPTION_KEYS);
    this.#scheduler = checkScheduler(options.scheduler) ?? asyncScheduler;
    this.#chatScriptText = buildChatScript({ apn: options.apn ?? 'hologram' });
    // Validates device, speed and paths now rather than at the first start.
    buildPppdArguments({ ...options, chatScriptPath: '/tmp/chat-script' });
    this.#pppdPath = options.pppdPath ?? 'pppd';
    if (typeof this.#pppdPath !== 'string' || this.#pppdPath.length === 0) {
      throw new InvalidArgumentError('pppdPath', `pppdPath must be a program name or path, got ${describeValue(this.#pppdPath)}`);
    }
    this.#stopTimeoutMs = checkBoundedDuration('stopTimeoutMs', options.stopTimeoutMs ?? 5000);
    if (options.spawn !== undefined && typeof options.spawn !== 'function') {
      throw new InvalidArgumentError('spawn', `spawn must be a function that starts pppd, got ${describeValue(options.spawn)}`);
    }
    this.#spawn = options.spawn ?? ((path, args) => spawnPppd(path, args));
    this.#stateSubject = new BehaviorSubject<PPPLinkState>({ kind: 'stopped', since: this.#scheduler.now(), exitCode: null, signal: null });
    this.state$ = this.#stateSubject.asObservable();
    this.output$ = this.#outputSubject.asObservable();
  }

  get state(): PPPLinkState {
    return this.#stateSubject.value;
  }

  /** pid of the pppd this link runs now (undefined once `close()` was called). */
  get pid(): number | undefined {
    return this.#currentRun()?.process.pid;
  }

  /**
   * Cold: on subscribe, starts pppd unless it already runs, emits the endpoints once connected and
   * completes; errors with `PPPConnectionError` if pppd exits first. Unsubscribing before the link
   * is up stops the pppd this subscription started.
   */
  connect$(): Observable<PPPEndpoints> {
    return new Observable<PPPEndpoints>((subscriber) => {
      if (this.#phase.kind === 'closed') {
        subscriber.error(new ClosedError('ppp-link', this.#options.device));
        return undefined;
      }
      let started: Run | undefined;
      if (this.#phase.kind === 'idle') {
        try {
          started = this.#launch();
        } catch (error) {
          subscriber.error(error);
          return undefined;
        }
      }
      let connected = false;
      const watch = this.#stateSubject.subscribe((state) => {
        if (state.kind === 'connected') {
          connected = true;
          subscriber.next({ interface: state.interface, localIP: state.localIP, remoteIP: state.remoteIP });
          subscriber.complete();
        } else if (state.kind === 'stopped' && this.#currentRun() === undefined) {
          subscriber.error(state.error ?? new PPPConnectionError(state.exitCode, state.signal, 'pppd was stopped before the link came up'));
        }
      });
      return () => {
        watch.unsubscribe();
        if (!connected && started !== undefined && this.#currentRun() === started) void this.disconnect();
      };
    });
  }

  /** Promise form of `connect$()`: starts the link and resolves with its endpoints once connected. */
  connect(): Promise<PPPEndpoints> {
    return firstValueFrom(this.connect$());
  }

  /**
   * Stops the pppd this link started: SIGTERM, then SIGKILL after `stopTimeoutMs`. Resolves when
   * the process is gone (at once if none runs).
   */
  async disconnect(): Promise<void> {
    const phase = this.#phase;
    if (phase.kind === 'idle') return;
    if (phase.kind === 'closed') return phase.done;
    const { run } = phase;
    if (phase.kind === 'running') {
      this.#moveTo({ kind: 'stopping', run });
      log('stopping pppd pid %d', run.process.pid);
      run.process.kill('SIGTERM');
    }
    const escalation = timer(this.#stopTimeoutMs, this.#scheduler).subscribe(() => {
      log('pppd pid %d ignored SIGTERM for %d ms: SIGKILL', run.process.pid, this.#stopTimeoutMs);
      run.process.kill('SIGKILL');
    });
    try {
      await run.exited;
    } finally {
      escalation.unsubscribe();
    }
  }

  /** Stops pppd (as `disconnect()`) and completes `state$` and `output$`; a second call waits too. */
  close(): Promise<void> {
    if (this.#phase.kind === 'closed') return this.#phase.done;
    const done = this.disconnect().then(() => {
      this.#stateSubject.complete();
      this.#outputSubject.complete();
    });
    this.#moveTo({ kind: 'closed', done });
    return done;
  }

  /** The pppd this link runs or is stopping, until it exits or the link is closed. */
  #currentRun(): Run | undefined {
    return this.#phase.kind === 'running' || this.#phase.kind === 'stopping' ? this.#phase.run : undefined;
  }

  /** The one place the phase changes; a closed link stays closed. */
  #moveTo(next: LinkPhase): void {
    if (this.#phase.kind !== 'closed') this.#phase = next;
  }

  #launch(): Run {
    const chatScript = writeChatScriptFile(this.#chatScriptText);
    let process: PppdProcess;
    try {
      const args = buildPppdArguments({ ...this.#options, chatScriptPath: chatScript.path });
      log('starting %s %s', this.#pppdPath, args.join(' '));
      process = this.#spawn(this.#pppdPath, args);
    } catch (error) {
      chatScript.remove();
      throw error;
    }
    let markExited!: () => void;
    const run: Run = {
      process,
      chatScript,
      session: initialPppSession,
      exited: new Promise<void>((resolve) => (markExited = resolve)),
    };
    this.#moveTo({ kind: 'running', run });
    this.#setState({ kind: 'starting', since: this.#scheduler.now(), pid: process.pid });

    process.output$.subscribe((line) => this.#onLine(run, line));
    process.exit$.subscribe((exit) => {
      chatScript.remove();
      // Only a pppd still `running` ended on its own; one stopping (or the link closed) was asked to.
      const failed = this.#phase.kind === 'running' && this.#phase.run === run;
      if (this.#currentRun() === run) this.#moveTo({ kind: 'idle' });
      const error = !failed
        ? undefined
        : new PPPConnectionError(exit.code, exit.signal, run.session.detail ?? exit.spawnError?.message);
      log('pppd pid %s exited (code %s, signal %s)%s', process.pid, exit.code, exit.signal, error ? `: ${error.message}` : '');
      this.#setState({
        kind: 'stopped',
        since: this.#scheduler.now(),
        exitCode: exit.code,
        signal: exit.signal,
        ...(error === undefined ? {} : { error }),
      });
      markExited();
    });
    return run;
  }

  #onLine(run: Run, line: string): void {
    log('pppd: %s', line);
    this.#outputSubject.next(line);
    const event = parsePppdLine(line);
    if (event === undefined) return;
    run.session = reducePppSession(run.session, event);
    const endpoints = pppEndpoints(run.session);
    const current = this.state;
    if (endpoints !== undefined && current.kind !== 'connected') {
      this.#setState({ kind: 'connected', since: this.#scheduler.now(), pid: run.process.pid, ...endpoints });
    } else if (event.kind === 'link-down' && current.kind === 'connected' && this.#options.persist === true) {
      // With persist, pppd redials by itself instead of exiting.
      this.#setState({ kind: 'starting', since: this.#scheduler.now(), pid: run.process.pid });
    }
  }

  #setState(state: PPPLinkState): void {
    if (!this.#stateSubject.isStopped) this.#stateSubject.next(state);
  }
}
