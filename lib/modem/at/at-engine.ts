import { asyncScheduler, BehaviorSubject, firstValueFrom, Observable, Subject, Subscription, type SchedulerLike, type Subscriber } from '../../rx';
import type { Duplex } from 'node:stream';
import { ClosedError } from '../../closed-error';
import { describeValue } from '../../options/describe-value';
import { InvalidArgumentError } from '../../errors';
import { checkBoundedDuration } from '../../validation/duration';
import { logger } from '../../logging';
import { commandName } from './at-args';
import { ATCommandError, ATTimeoutError, ModemDisconnectedError, type DisconnectReason } from './at-errors';
import { ATParser, type ATParserEvent, type ATParserOptions } from './at-parser';
import { duplexATPort, type ATPort } from './at-port';
import type { ATResponse } from './at-response';
import { commandTimeoutMs, DEFAULT_COMMAND_TIMEOUT_MS } from './command-timeouts';
import type { FinalResult } from './final-result';
import type { URC } from './urc';
import { defaultAnswerShape, fitsAnswerShape, type ATAnswerShape } from './answer-shape';
import { UnexpectedModemResponseError } from '../unexpected-modem-response-error';

const log = logger('at');

/**
 * - `ready`: a port is attached; commands run.
 * - `disconnected`: the attached stream closed or failed; commands fail at once until `attach()`.
 * - `detached`: no port (never attached, or released with `detach()`); commands fail at once.
 * - `closed`: `close()` was called; final.
 */
export type ATEngineState = 'ready' | 'disconnected' | 'detached' | 'closed';

/** Retry of transient `+CME ERROR`s (14 SIM busy, 515 module busy). */
export interface ATRetryOptions {
  /** Extra attempts after the first (default 3). */
  readonly count?: number;
  /** Pause before each new attempt, on the scheduler (default 1000 ms). */
  readonly delayMs?: number;
  /** `+CME ERROR` numbers worth retrying (default `[14, 515]`). */
  readonly cmeErrors?: readonly number[];
}

export interface ATEngineOptions {
  /** Clock for every timer (timeouts, retry delays, resync); defaults to `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /** Timeout of commands absent from the slow-command table (default 5000 ms). */
  readonly defaultTimeoutMs?: number;
  /** Per-command-name timeouts (`{ '+COPS': 300000, D: 90000 }`), over `SLOW_COMMAND_TIMEOUTS_MS`. */
  readonly timeouts?: Readonly<Record<string, number>>;
  /** Default retry of transient CME errors for every command. */
  readonly retry?: ATRetryOptions;
  /** Recovery after a timeout (see `ATEngine`). */
  readonly resync?: {
    /** How long to wait for the `AT` probe's final result (default 2000 ms). */
    readonly probeTimeoutMs?: number;
    /** Silence required after the probe's answer before the next command (default 200 ms). */
    readonly quietMs?: number;
    /** The longest a resync lasts, so a modem that never stops talking cannot hold the queue (default 5000 ms). */
    readonly maxMs?: number;
  };
  /** u-blox asks for a pause after its binary `@` prompt before the data (default 50 ms). */
  readonly binaryPromptDelayMs?: number;
  /** Parser options: line cap, extra vendor URC rules. */
  readonly parser?: ATParserOptions;
}

export interface ATCommandOptions {
  /** Overrides the timeout (ms from writing the command to its final result, per attempt). */
  readonly timeoutMs?: number;
  /** Written after the `> ` / `@` prompt: an SMS PDU (string) or socket bytes. */
  readonly body?: string | Uint8Array;
  /** Append Ctrl-Z (0x1A) after the body; default true for a string body, false for bytes. */
  readonly ctrlZ?: boolean;
  /** Retry of transient CME errors for this command; `false` disables it. */
  readonly retry?: ATRetryOptions | false;
  /** Keep the arguments, body and response lines out of logs and errors (they carry secrets). */
  readonly sensitive?: boolean;
  /**
   * What the answer's information lines must look like (see `ATAnswerShape`); an answer that does
   * not fit fails with `UnexpectedModemResponseError` and the engine resynchronises. Default: the
   * read form `AT+NAME?` answers only `+NAME:` lines; `false` turns the check off.
   */
  readonly expect?: ATAnswerShape | false;
}

/** A subscribed command, queued or in flight. */
interface Job {
  /** Command line as written (without CR). */
  readonly command: string;
  /** Command as shown in logs and errors. */
  readonly label: string;
  readonly body?: Uint8Array;
  readonly bodyText?: string;
  readonly timeoutMs: number;
  readonly retry: Required<ATRetryOptions> | undefined;
  readonly sensitive: boolean;
  /** The shape its answer must have; undefined: any answer is its own. */
  readonly expect: ATAnswerShape | undefined;
  /** Undefined once the caller unsubscribed: the job then finishes silently. */
  subscriber: Subscriber<ATResponse> | undefined;
  /** Attempts made so far (the first is 1). */
  attempts: number;
}

/** What one attempt of a command has received so far. */
interface Attempt {
  readonly job: Job;
  readonly lines: string[];
  readonly data: Buffer[];
  /** The body was written after the prompt (a second prompt is unexpected). */
  promptSeen: boolean;
  /** The attempt's timeout. */
  readonly timer: Subscription;
}

/**
 * What runs on an attached port:
 * - `idle`: nothing; the next queued command (or a detach) may start.
 * - `command`: an attempt is written and waits for its final result (or prompt, or timeout).
 * - `retry-wait`: the attempt failed with a busy `+CME ERROR`; `timer` starts the next one.
 * - `resync`: after a timeout or an answer the engine cannot trust, the `AT` probe runs;
 *   `answered` once a final result came, and from then on `timer` waits for `quietMs` of silence
 *   (before: for the probe's timeout); `limit` ends it after `maxMs` whatever arrives.
 */
export type ATActivity =
  | { readonly kind: 'idle' }
  | { readonly kind: 'command'; readonly attempt: Attempt }
  | { readonly kind: 'retry-wait'; readonly job: Job; readonly timer: Subscription }
  | { readonly kind: 'resync'; readonly answered: boolean; readonly timer: Subscription; readonly limit: Subscription };

/**
 * The engine's one state. `ready` holds the port, its data subscription, what runs on it, and
 * the `detach()` callers waiting for it to be released (non-empty: new commands are refused).
 */
type EnginePhase =
  | { readonly kind: 'detached' }
  | { readonly kind: 'disconnected' }
  | { readonly kind: 'closed' }
  | {
      readonly kind: 'ready';
      readonly port: ATPort;
      readonly reading: Subscription;
      readonly activity: ATActivity;
      readonly detaching: ReadonlyArray<() => void>;
    };

type Ready = Extract<EnginePhase, { kind: 'ready' }>;

const CTRL_Z = Buffer.from([0x1a]);
const ESC = Buffer.from([0x1b]);
const IDLE: ATActivity = { kind: 'idle' };

/**
 * Runs AT commands over one byte stream, one at a time in FIFO order, and routes URCs to `urc$`.
 *
 * - `command$()` returns a cold Observable: subscribing queues the command; unsubscribing before it
 *   is written removes it; unsubscribing while it is in flight lets it finish silently.
 * - Responses: information lines go to the command that is in flight, URCs never do (see `ATParser`).
 *   The events of one chunk of input are all handled before the next command is written and
 *   before anything is emitted, so a subscriber that reacts by sending a command cannot have the
 *   rest of that chunk taken as its response.
 * - A failure final result errors with `ATCommandError`; `+CME ERROR` 14/515 are retried first.
 * - Timeout: `ATTimeoutError`, then a **resync** before the next command, so a late final result of
 *   the timed-out command is never taken as the next command's result: the engine writes ESC (if
 *   the command was waiting for a prompt body), then an `AT` probe, waits for a final result, and then
 *   for `quietMs` of silence; any final result inside that window (the late one, or the probe's own
 *   if the late one came first) restarts the window. If the probe gets no answer the engine goes on;
 *   after `maxMs` it goes on whatever keeps arriving.
 * - Stray final results: with echo off, nothing in an answer says which command it belongs to, so
 *   a stray `OK` would end the command in flight early and hand its real answer to the next
 *   command, and so on for ever. Two rules keep that to the one command hit: an answer that does
 *   not fit its command's `expect` shape fails with `UnexpectedModemResponseError`, and after it,
 *   as after any failure result (a stray `ERROR` looks like one), the engine resyncs, so the
 *   command's own answer still on its way is absorbed. A final result with no command in flight is
 *   dropped and logged.
 * - Stream closed or failed: the command in flight and all queued ones fail with
 *   `ModemDisconnectedError`, `state$` becomes `disconnected`, and new commands fail at once until
 *   `attach()` gives a new stream (after a replug).
 * - `detach()` hands the port over (to pppd) once the command in flight is done; `attach()` takes
 *   it back. The engine never closes the stream: its owner does.
 *
 * State: one `EnginePhase` (`phase`), changed only by `enter()`, plus the FIFO queue of commands
 * not yet written. `state$` is the phase's kind.
 */
export class ATEngine {
  readonly #scheduler: SchedulerLike;
  readonly #options: ATEngineOptions;
  readonly #parser: ATParser;
  readonly #stateSubject = new BehaviorSubject<ATEngineState>('detached');
  readonly #urcSubject = new Subject<URC>();
  /** Commands subscribed and not yet written. */
  readonly #queue: Job[] = [];
  #phase: EnginePhase = { kind: 'detached' };

  /** Engine state; replays the current one. */
  readonly state$: Observable<ATEngineState>;
  /** Every URC, parsed, whenever it arrives (also while a command is in flight). Hot. */
  readonly urc$: Observable<URC>;

  constructor(stream?: Duplex | ATPort, options: ATEngineOptions = {}) {
    this.#options = options;
    this.#scheduler = options.scheduler ?? asyncScheduler;
    this.#parser = new ATParser(options.parser);
    this.state$ = this.#stateSubject.asObservable();
    this.urc$ = this.#urcSubject.asObservable();
    if (stream) this.attach(stream);
  }

  /** The current state, synchronously. */
  get state(): ATEngineState {
    return this.#phase.kind;
  }

  /** What runs on the port now (`undefined` without a port): for logs and tests. */
  get activity(): ATActivity['kind'] | undefined {
    return this.#phase.kind === 'ready' ? this.#phase.activity.kind : undefined;
  }

  /**
   * Runs `command` (e.g. `AT+CSQ`, without CR). Emits one `ATResponse` and completes, or errors with
   * `ATCommandError`, `ATTimeoutError`, `ModemDisconnectedError` or (the engine is closed)
   * `ClosedError` (`at-engine`). Throws `InvalidArgumentError` at
   * once for a command that does not start with `AT` or contains CR, LF or Ctrl-Z.
   */
  command$(command: string, options: ATCommandOptions = {}): Observable<ATResponse> {
    const job = this.#prepare(command, options);
    return new Observable<ATResponse>((subscriber) => {
      const unavailable = this.#unavailableReason();
      if (unavailable) {
        subscriber.error(unavailableError(unavailable, job.label));
        return undefined;
      }
      const entry: Job = { ...job, subscriber };
      this.#queue.push(entry);
      this.#pump();
      return () => this.#cancel(entry);
    });
  }

  /** Promise form of `command$()`. */
  async command(command: string, options: ATCommandOptions = {}): Promise<ATResponse> {
    return firstValueFrom(this.command$(command, options));
  }

  /** Gives the engine a (new) stream, e.g. after the port was reopened. Fails if one is attached. */
  attach(stream: Duplex | ATPort): void {
    if (this.#phase.kind === 'closed') throw new ClosedError('at-engine', undefined, { detail: 'create a new engine for a new stream' });
    if (this.#phase.kind === 'ready') throw new InvalidArgumentError('stream', 'the AT engine already has a stream; detach() it first');
    if (typeof stream !== 'object' || stream === null) {
      throw new InvalidArgumentError('stream', `stream must be a Duplex (a serial port, a socket) or an AT port, got ${describeValue(stream)}`);
    }
    const port = isATPort(stream) ? stream : duplexATPort(stream);
    this.#parser.reset();
    const reading = new Subscription();
    this.#enter({ kind: 'ready', port, reading, activity: IDLE, detaching: [] });
    reading.add(
      port.data$.subscribe({
        next: (chunk) => this.#onData(port, chunk),
        error: (error: unknown) => this.#onPortEnd(port, 'stream-error', error),
        complete: () => this.#onPortEnd(port, 'stream-closed'),
      }),
    );
    // A stream that ended during subscribe has already left `ready`.
    if (this.#portOf(port) === undefined) reading.unsubscribe();
  }

  /**
   * Releases the port for someone else (pppd): queued commands fail with `ModemDisconnectedError`
   * (`reason: 'detached'`), the command in flight (and a resync) may finish, then the engine stops
   * reading and resolves. The stream stays open; its owner closes it.
   */
  detach(): Promise<void> {
    const phase = this.#phase;
    if (phase.kind !== 'ready') return Promise.resolve();
    const promise = new Promise<void>((resolve) => this.#enter({ ...phase, detaching: [...phase.detaching, resolve] }));
    this.#failQueued('detached');
    this.#pump();
    return promise;
  }

  /**
   * Fails everything with `ClosedError` (`at-engine`), stops reading and completes the
   * observables; resolves once done (again for a second call). The stream stays open: its owner
   * closes it.
   */
  close(): Promise<void> {
    if (this.#phase.kind === 'closed') return Promise.resolve();
    this.#leavePort({ kind: 'closed' }, 'closed');
    this.#urcSubject.complete();
    this.#stateSubject.complete();
    return Promise.resolve();
  }

  #prepare(command: string, options: ATCommandOptions): Omit<Job, 'subscriber'> {
    const sensitive = options.sensitive === true;
    const label = sensitive ? `AT${commandName(command) ?? ''}<sensitive>` : command;
    if (typeof command !== 'string' || !/^AT/i.test(command) || /[\r\n\x1a]/.test(command)) {
      const shown = sensitive ? label : JSON.stringify(command);
      throw new InvalidArgumentError('command', `an AT command must start with "AT" and contain no CR, LF or Ctrl-Z: ${shown}`);
    }
    const timeoutMs = checkBoundedDuration(
      'timeoutMs',
      options.timeoutMs ?? commandTimeoutMs(command, this.#options.timeouts, this.#options.defaultTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS),
      { positive: true },
    );
    let body: Uint8Array | undefined;
    let bodyText: string | undefined;
    if (options.body !== undefined) {
      const bytes = typeof options.body === 'string' ? Buffer.from(options.body, 'utf8') : Buffer.from(options.body);
      const ctrlZ = options.ctrlZ ?? typeof options.body === 'string';
      body = ctrlZ ? Buffer.concat([bytes, CTRL_Z]) : bytes;
      bodyText = typeof options.body === 'string' ? options.body : undefined;
    }
    const retryOptions = options.retry === false ? undefined : { ...this.#options.retry, ...options.retry };
    const retry = retryOptions && {
      count: retryOptions.count ?? 3,
      delayMs: retryOptions.delayMs ?? 1000,
      cmeErrors: retryOptions.cmeErrors ?? [14, 515],
    };
    const expect = options.expect === false ? undefined : (options.expect ?? defaultAnswerShape(command));
    return { command, label, body, bodyText, timeoutMs, retry, sensitive, expect, attempts: 0 };
  }

  #unavailableReason(): Unavailable | undefined {
    switch (this.#phase.kind) {
      case 'closed':
        return 'closed';
      case 'disconnected':
        return 'stream-closed';
      case 'detached':
        return 'detached';
      case 'ready':
        return this.#phase.detaching.length > 0 ? 'detached' : undefined;
    }
  }

  /** The one place the phase changes; publishes a new kind on `state$`. */
  #enter(phase: EnginePhase): void {
    this.#phase = phase;
    if (this.#stateSubject.value !== phase.kind && !this.#stateSubject.closed) this.#stateSubject.next(phase.kind);
  }

  /** The ready phase, if `port` is still the attached one. */
  #portOf(port: ATPort): Ready | undefined {
    return this.#phase.kind === 'ready' && this.#phase.port === port ? this.#phase : undefined;
  }

  /** Sets what runs on the attached port. */
  #setActivity(ready: Ready, activity: ATActivity): void {
    this.#enter({ ...ready, activity });
  }

  /** Unsubscribe of a command: drop it from the queue, or let it finish silently if written. */
  #cancel(job: Job): void {
    job.subscriber = undefined;
    const index = this.#queue.indexOf(job);
    if (index >= 0) {
      this.#queue.splice(index, 1);
      return;
    }
    const phase = this.#phase;
    if (phase.kind === 'ready' && phase.activity.kind === 'retry-wait' && phase.activity.job === job) {
      phase.activity.timer.unsubscribe();
      this.#setActivity(phase, IDLE);
      this.#pump();
    }
  }

  /** Starts the next piece of work if the port is idle: the release for a detach, or the next command. */
  #pump(): void {
    const phase = this.#phase;
    if (phase.kind !== 'ready' || phase.activity.kind !== 'idle') return;
    if (phase.detaching.length > 0) {
      phase.reading.unsubscribe();
      this.#enter({ kind: 'detached' });
      for (const resolve of phase.detaching) resolve();
      return;
    }
    const job = this.#queue.shift();
    if (job) this.#startAttempt(phase, job);
  }

  #startAttempt(ready: Ready, job: Job): void {
    job.attempts++;
    this.#parser.setPending({ command: job.command, expectsPrompt: job.body !== undefined, body: job.bodyText });
    const timer = this.#scheduler.schedule(() => this.#onTimeout(ready.port, job), job.timeoutMs);
    this.#setActivity(ready, { kind: 'command', attempt: { job, lines: [], data: [], promptSeen: false, timer } });
    if (log.enabled) log('--> %s%s', job.label, job.attempts > 1 ? ` (attempt ${job.attempts})` : '');
    ready.port.write(Buffer.from(`${job.command}\r`, 'utf8'));
  }

  /**
   * A chunk of input: every event in it is handled first (state changes, body writes), then the
   * next command may start, and only then are results and URCs emitted.
   */
  #onData(port: ATPort, chunk: Uint8Array): void {
    const emissions: Array<() => void> = [];
    for (const event of this.#parser.push(chunk)) {
      if (this.#portOf(port)) this.#handle(port, event, emissions);
    }
    this.#pump();
    for (const emit of emissions) emit();
  }

  #handle(port: ATPort, event: ATParserEvent, emissions: Array<() => void>): void {
    const ready = this.#portOf(port);
    if (!ready) return;
    const activity = ready.activity;
    const attempt = activity.kind === 'command' ? activity.attempt : undefined;
    switch (event.type) {
      case 'urc':
        if (log.enabled) log('<-- URC %s', event.urc.line);
        emissions.push(() => this.#urcSubject.next(event.urc));
        return;
      case 'discarded':
        log('<-- dropped an overlong line (%d bytes)', event.length);
        return;
      case 'echo':
        this.#touchResync(ready);
        return;
      case 'prompt':
        if (attempt?.job.body && !attempt.promptSeen) {
          attempt.promptSeen = true;
          this.#writeBody(ready.port, attempt, event.prompt);
        } else log('<-- unexpected prompt %s', event.prompt);
        return;
      case 'line':
        if (attempt) {
          if (log.enabled) log('<-- %s', attempt.job.sensitive ? '<sensitive line>' : event.line);
          attempt.lines.push(event.line);
          if (event.data) attempt.data.push(event.data);
        } else {
          if (log.enabled) log('<-- stray line %s', event.line);
          this.#touchResync(ready);
        }
        return;
      case 'final':
        if (log.enabled) log('<-- %s', event.result.line);
        if (activity.kind === 'resync') this.#onResyncFinal(ready);
        else if (attempt) this.#finish(ready, attempt, event.result, emissions);
        else log('stray final result %s (no command in flight)', event.result.line);
        return;
    }
  }

  #writeBody(port: ATPort, attempt: Attempt, prompt: '>' | '@'): void {
    const body = attempt.job.body;
    if (!body) return;
    const write = (): void => {
      const ready = this.#portOf(port);
      if (!ready || ready.activity.kind !== 'command' || ready.activity.attempt !== attempt) return;
      if (log.enabled) log('--> <body of %d bytes>', body.length);
      port.write(body);
    };
    const delay = prompt === '@' ? (this.#options.binaryPromptDelayMs ?? 50) : 0;
    if (delay > 0) this.#scheduler.schedule(write, delay);
    else write();
  }

  /** A final result for the attempt in flight: a retry, a response or an error. */
  #finish(ready: Ready, attempt: Attempt, result: FinalResult, emissions: Array<() => void>): void {
    const { job } = attempt;
    attempt.timer.unsubscribe();
    if (!result.ok && this.#shouldRetry(job, result)) {
      log('%s: %s, retrying in %d ms', job.label, result.line, job.retry?.delayMs);
      const timer = this.#scheduler.schedule(() => this.#onRetryDue(ready.port, job), job.retry?.delayMs ?? 0);
      this.#setActivity(ready, { kind: 'retry-wait', job, timer });
      return;
    }
    const fits = !result.ok || job.expect === undefined || fitsAnswerShape(job.expect, attempt.lines);
    // A failure or an answer that is not this command's may be a stray final result: the
    // command's own answer may still be on its way, so it must not reach the next command.
    if (result.ok && fits) this.#setActivity(ready, IDLE);
    else this.#afterUnsure(ready, false);
    const subscriber = job.subscriber;
    if (!subscriber) return;
    if (!fits) {
      log('%s: the answer does not fit the command%s', job.label, job.sensitive ? '' : ` (${attempt.lines.join(' | ')})`);
      const error = new UnexpectedModemResponseError(job.label, job.sensitive ? [] : attempt.lines);
      emissions.push(() => subscriber.error(error));
    } else if (result.ok) {
      const response: ATResponse = {
        command: job.label,
        lines: attempt.lines,
        final: result.line,
        ...(attempt.data.length > 0 ? { data: Buffer.concat(attempt.data) } : {}),
      };
      emissions.push(() => {
        subscriber.next(response);
        subscriber.complete();
      });
    } else {
      emissions.push(() => subscriber.error(new ATCommandError(job.label, result, attempt.lines)));
    }
  }

  #shouldRetry(job: Job, result: FinalResult): boolean {
    const retry = job.retry;
    if (!retry || job.subscriber === undefined || result.cmeError === undefined) return false;
    return retry.cmeErrors.includes(result.cmeError) && job.attempts <= retry.count;
  }

  #onRetryDue(port: ATPort, job: Job): void {
    const ready = this.#portOf(port);
    if (!ready || ready.activity.kind !== 'retry-wait' || ready.activity.job !== job) return;
    this.#startAttempt(ready, job);
  }

  /** The attempt got no final result in time: fail it, then resync (or release, for a detach). */
  #onTimeout(port: ATPort, job: Job): void {
    const ready = this.#portOf(port);
    if (!ready || ready.activity.kind !== 'command' || ready.activity.attempt.job !== job) return;
    log('%s timed out after %d ms', job.label, job.timeoutMs);
    this.#parser.setPending(undefined);
    this.#afterUnsure(ready, job.body !== undefined);
    job.subscriber?.error(new ATTimeoutError(job.label, job.timeoutMs));
    this.#pump();
  }

  /** After an answer the engine cannot be sure of: resync, unless the port is being handed over. */
  #afterUnsure(ready: Ready, escape: boolean): void {
    if (ready.detaching.length > 0) this.#setActivity(ready, IDLE);
    else this.#startResync(ready, escape);
  }

  #startResync(ready: Ready, escape: boolean): void {
    const { port } = ready;
    log('resync: probing with AT');
    this.#parser.setPending({ command: 'AT' });
    const timer = this.#scheduler.schedule(() => {
      log('resync: no answer to the probe, going on');
      this.#endResync(port);
    }, this.#options.resync?.probeTimeoutMs ?? 2000);
    const limit = this.#scheduler.schedule(() => {
      log('resync: still not quiet after %d ms, going on', this.#options.resync?.maxMs ?? 5000);
      this.#endResync(port);
    }, this.#options.resync?.maxMs ?? 5000);
    // The state first: a stream may answer within write().
    this.#setActivity(ready, { kind: 'resync', answered: false, timer, limit });
    if (escape) port.write(ESC);
    port.write(Buffer.from('AT\r'));
  }

  /** A final result during resync (the probe's, or a late one): wait for silence from now on. */
  #onResyncFinal(ready: Ready): void {
    this.#parser.setPending(undefined);
    this.#restartQuietWindow(ready);
  }

  /** Any non-URC traffic after the probe's answer restarts the quiet window. */
  #touchResync(ready: Ready): void {
    if (ready.activity.kind === 'resync' && ready.activity.answered) this.#restartQuietWindow(ready);
  }

  #restartQuietWindow(ready: Ready): void {
    const activity = ready.activity;
    if (activity.kind !== 'resync') return;
    activity.timer.unsubscribe();
    const timer = this.#scheduler.schedule(() => this.#endResync(ready.port), this.#options.resync?.quietMs ?? 200);
    this.#setActivity(ready, { ...activity, answered: true, timer });
  }

  #endResync(port: ATPort): void {
    const ready = this.#portOf(port);
    if (!ready || ready.activity.kind !== 'resync') return;
    ready.activity.timer.unsubscribe();
    ready.activity.limit.unsubscribe();
    this.#parser.setPending(undefined);
    this.#setActivity(ready, IDLE);
    log('resync: done');
    this.#pump();
  }

  #onPortEnd(port: ATPort, reason: DisconnectReason, cause?: unknown): void {
    const ready = this.#portOf(port);
    if (!ready) return;
    log('stream ended (%s)%s', reason, cause instanceof Error ? `: ${cause.message}` : '');
    this.#leavePort({ kind: ready.detaching.length > 0 ? 'detached' : 'disconnected' }, reason, cause);
  }

  /**
   * Leaves the port (stream ended, or the engine closes): stops reading and every timer, fails the
   * command in flight and the queued ones, and wakes `detach()` callers.
   */
  #leavePort(next: { kind: 'detached' | 'disconnected' | 'closed' }, reason: Unavailable, cause?: unknown): void {
    const phase = this.#phase;
    this.#enter(next);
    this.#parser.reset();
    if (phase.kind !== 'ready') {
      this.#failQueued(reason, cause);
      return;
    }
    phase.reading.unsubscribe();
    const { activity } = phase;
    if (activity.kind === 'command') activity.attempt.timer.unsubscribe();
    if (activity.kind === 'retry-wait' || activity.kind === 'resync') activity.timer.unsubscribe();
    if (activity.kind === 'resync') activity.limit.unsubscribe();
    const job = activity.kind === 'command' ? activity.attempt.job : activity.kind === 'retry-wait' ? activity.job : undefined;
    job?.subscriber?.error(unavailableError(reason, job.label, cause));
    this.#failQueued(reason, cause);
    for (const resolve of phase.detaching) resolve();
  }

  #failQueued(reason: Unavailable, cause?: unknown): void {
    for (const job of this.#queue.splice(0)) {
      job.subscriber?.error(unavailableError(reason, job.label, cause));
    }
  }
}

/** Why commands cannot run: the port is unusable, or the engine itself is closed. */
type Unavailable = DisconnectReason | 'closed';

/** `ClosedError` once the engine is closed, `ModemDisconnectedError` while only its port is unusable. */
function unavailableError(reason: Unavailable, command: string, cause?: unknown): ClosedError | ModemDisconnectedError {
  if (reason === 'closed') return new ClosedError('at-engine', undefined, { detail: `${command} did not complete` });
  return new ModemDisconnectedError(reason, command, { cause });
}

function isATPort(value: Duplex | ATPort): value is ATPort {
  return 'data$' in value && typeof (value as ATPort).write === 'function' && !('pipe' in value);
}
