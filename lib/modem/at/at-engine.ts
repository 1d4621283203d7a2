import { asyncScheduler, BehaviorSubject, firstValueFrom, Observable, Subject, type SchedulerLike, type Subscriber, type Subscription } from '../../rx';
import type { Duplex } from 'node:stream';
import { InvalidArgumentError } from '../../errors';
import { logger } from '../../logging';
import { commandName } from './at-args';
import { AtCommandError, AtTimeoutError, ModemDisconnectedError, type DisconnectReason } from './at-errors';
import { AtParser, type AtParserEvent, type AtParserOptions } from './at-parser';
import { duplexAtPort, type AtPort } from './at-port';
import type { AtResponse } from './at-response';
import { commandTimeoutMs, DEFAULT_COMMAND_TIMEOUT_MS } from './command-timeouts';
import type { FinalResult } from './final-result';
import type { Urc } from './urc';

const log = logger('at');

/**
 * - `ready`: a port is attached; commands run.
 * - `disconnected`: the attached stream closed or failed; commands fail at once until `attach()`.
 * - `detached`: no port (never attached, or released with `detach()`); commands fail at once.
 * - `closed`: `close()` was called; final.
 */
export type AtEngineState = 'ready' | 'disconnected' | 'detached' | 'closed';

/** Retry of transient `+CME ERROR`s (14 SIM busy, 515 module busy). */
export interface AtRetryOptions {
  /** Extra attempts after the first (default 3). */
  readonly count?: number;
  /** Pause before each new attempt, on the scheduler (default 1000 ms). */
  readonly delayMs?: number;
  /** `+CME ERROR` numbers worth retrying (default `[14, 515]`). */
  readonly cmeErrors?: readonly number[];
}

export interface AtEngineOptions {
  /** Clock for every timer (timeouts, retry delays, resync); defaults to `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /** Timeout of commands absent from the slow-command table (default 5000 ms). */
  readonly defaultTimeoutMs?: number;
  /** Per-command-name timeouts (`{ '+COPS': 300000, D: 90000 }`), over `SLOW_COMMAND_TIMEOUTS_MS`. */
  readonly timeouts?: Readonly<Record<string, number>>;
  /** Default retry of transient CME errors for every command. */
  readonly retry?: AtRetryOptions;
  /** Recovery after a timeout (see `AtEngine`). */
  readonly resync?: {
    /** How long to wait for the `AT` probe's final result (default 2000 ms). */
    readonly probeTimeoutMs?: number;
    /** Silence required after the probe's answer before the next command (default 200 ms). */
    readonly quietMs?: number;
  };
  /** u-blox asks for a pause after its binary `@` prompt before the data (default 50 ms). */
  readonly binaryPromptDelayMs?: number;
  /** Parser options: line cap, extra vendor URC rules. */
  readonly parser?: AtParserOptions;
}

export interface AtCommandOptions {
  /** Overrides the timeout (ms from writing the command to its final result, per attempt). */
  readonly timeoutMs?: number;
  /** Written after the `> ` / `@` prompt: an SMS PDU (string) or socket bytes. */
  readonly body?: string | Uint8Array;
  /** Append Ctrl-Z (0x1A) after the body; default true for a string body, false for bytes. */
  readonly ctrlZ?: boolean;
  /** Retry of transient CME errors for this command; `false` disables it. */
  readonly retry?: AtRetryOptions | false;
  /** Keep the arguments, body and response lines out of logs and errors (they carry secrets). */
  readonly sensitive?: boolean;
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
  readonly retry: Required<AtRetryOptions> | undefined;
  readonly sensitive: boolean;
  /** Undefined once the caller unsubscribed: the job then finishes silently. */
  subscriber: Subscriber<AtResponse> | undefined;
  attempts: number;
  lines: string[];
  data: Buffer[];
  promptSeen: boolean;
  /** Timeout or retry-delay timer of the current attempt. */
  timer?: Subscription;
}

/** What the engine is doing with the port right now. */
type Phase = 'idle' | 'command' | 'retry-wait' | 'resync';

const CTRL_Z = Buffer.from([0x1a]);
const ESC = Buffer.from([0x1b]);

/**
 * Runs AT commands over one byte stream, one at a time in FIFO order, and routes URCs to `urc$`.
 *
 * - `command()` returns a cold Observable: subscribing queues the command; unsubscribing before it
 *   is written removes it; unsubscribing while it is in flight lets it finish silently.
 * - Responses: information lines go to the command that is in flight, URCs never do (see `AtParser`).
 * - A failure final result errors with `AtCommandError`; `+CME ERROR` 14/515 are retried first.
 * - Timeout: `AtTimeoutError`, then a **resync** before the next command, so a late final result of
 *   the timed-out command is never taken as the next command's result: the engine writes ESC (if
 *   the command was waiting for a prompt body), then an `AT` probe, waits for a final result, and then
 *   for `quietMs` of silence; any final result inside that window (the late one, or the probe's own
 *   if the late one came first) restarts the window. If the probe gets no answer the engine goes on.
 * - Stream closed or failed: the command in flight and all queued ones fail with
 *   `ModemDisconnectedError`, `state$` becomes `disconnected`, and new commands fail at once until
 *   `attach()` gives a new stream (after a replug).
 * - `detach()` hands the port over (to pppd) once the command in flight is done; `attach()` takes
 *   it back. The engine never closes the stream: its owner does.
 */
export class AtEngine {
  private readonly scheduler: SchedulerLike;
  private readonly options: AtEngineOptions;
  private readonly parser: AtParser;
  private readonly stateSubject: BehaviorSubject<AtEngineState>;
  private readonly urcSubject = new Subject<Urc>();
  /** Current port and our subscription to its data. */
  private port: AtPort | undefined;
  private portSubscription: Subscription | undefined;
  /** Commands subscribed and not yet written. */
  private readonly queue: Job[] = [];
  /** The command written and not finished (or waiting for its retry). */
  private current: Job | undefined;
  private phase: Phase = 'idle';
  /** Set by a timeout: resync before the next command. */
  private resyncNeeded: { escape: boolean } | undefined;
  private resyncTimer: Subscription | undefined;
  private resyncAnswered = false;
  /** Depth of parser-event handling; the next command is written only outside of it. */
  private handlingDepth = 0;
  /** Resolvers of `detach()` calls waiting for the port to go idle. */
  private detachWaiters: Array<() => void> = [];

  /** Engine state; replays the current one. */
  readonly state$: Observable<AtEngineState>;
  /** Every URC, parsed, whenever it arrives (also while a command is in flight). Hot. */
  readonly urc$: Observable<Urc>;

  constructor(stream?: Duplex | AtPort, options: AtEngineOptions = {}) {
    this.options = options;
    this.scheduler = options.scheduler ?? asyncScheduler;
    this.parser = new AtParser(options.parser);
    this.stateSubject = new BehaviorSubject<AtEngineState>('detached');
    this.state$ = this.stateSubject.asObservable();
    this.urc$ = this.urcSubject.asObservable();
    if (stream) this.attach(stream);
  }

  /** The current state, synchronously. */
  get state(): AtEngineState {
    return this.stateSubject.value;
  }

  /**
   * Runs `command` (e.g. `AT+CSQ`, without CR). Emits one `AtResponse` and completes, or errors with
   * `AtCommandError`, `AtTimeoutError` or `ModemDisconnectedError`. Throws `InvalidArgumentError` at
   * once for a command that does not start with `AT` or contains CR, LF or Ctrl-Z.
   */
  command(command: string, options: AtCommandOptions = {}): Observable<AtResponse> {
    const job = this.prepare(command, options);
    return new Observable<AtResponse>((subscriber) => {
      const unavailable = this.unavailableReason();
      if (unavailable) {
        subscriber.error(new ModemDisconnectedError(unavailable, job.label));
        return undefined;
      }
      const entry: Job = { ...job, subscriber, lines: [], data: [] };
      this.queue.push(entry);
      this.pump();
      return () => this.cancel(entry);
    });
  }

  /** Promise form of `command()`. */
  async send(command: string, options: AtCommandOptions = {}): Promise<AtResponse> {
    return firstValueFrom(this.command(command, options));
  }

  /** Gives the engine a (new) stream, e.g. after the port was reopened. Fails if one is attached. */
  attach(stream: Duplex | AtPort): void {
    if (this.state === 'closed') throw new InvalidArgumentError('stream', 'the AT engine is closed');
    if (this.port) throw new InvalidArgumentError('stream', 'the AT engine already has a stream; detach() it first');
    const port = isAtPort(stream) ? stream : duplexAtPort(stream);
    this.port = port;
    this.parser.reset();
    this.resyncNeeded = undefined;
    this.stateSubject.next('ready');
    const subscription = port.data$.subscribe({
      next: (chunk) => this.onData(chunk),
      error: (error: unknown) => this.onPortEnd(port, 'stream-error', error),
      complete: () => this.onPortEnd(port, 'stream-closed'),
    });
    if (this.port === port) this.portSubscription = subscription;
    else subscription.unsubscribe();
  }

  /**
   * Releases the port for someone else (pppd): queued commands fail with `ModemDisconnectedError`
   * (`reason: 'detached'`), the command in flight (and a resync) may finish, then the engine stops
   * reading and resolves. The stream stays open; its owner closes it.
   */
  detach(): Promise<void> {
    if (!this.port) return Promise.resolve();
    const promise = new Promise<void>((resolve) => this.detachWaiters.push(resolve));
    this.failQueued('detached');
    this.pump();
    return promise;
  }

  /** Fails everything with `ModemDisconnectedError` (`engine-closed`), stops reading, completes the observables. */
  close(): void {
    if (this.state === 'closed') return;
    this.releasePort();
    this.failAll('engine-closed');
    this.stateSubject.next('closed');
    this.resolveDetachWaiters();
    this.urcSubject.complete();
    this.stateSubject.complete();
  }

  private prepare(command: string, options: AtCommandOptions): Omit<Job, 'subscriber' | 'lines' | 'data'> {
    const sensitive = options.sensitive === true;
    const label = sensitive ? `AT${commandName(command) ?? ''}<sensitive>` : command;
    if (typeof command !== 'string' || !/^AT/i.test(command) || /[\r\n\x1a]/.test(command)) {
      const shown = sensitive ? label : JSON.stringify(command);
      throw new InvalidArgumentError('command', `an AT command must start with "AT" and contain no CR, LF or Ctrl-Z: ${shown}`);
    }
    const timeoutMs = options.timeoutMs ?? commandTimeoutMs(command, this.options.timeouts, this.options.defaultTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS);
    if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
      throw new InvalidArgumentError('timeoutMs', `timeoutMs must be a positive number of milliseconds: ${String(timeoutMs)}`);
    }
    let body: Uint8Array | undefined;
    let bodyText: string | undefined;
    if (options.body !== undefined) {
      const bytes = typeof options.body === 'string' ? Buffer.from(options.body, 'utf8') : Buffer.from(options.body);
      const ctrlZ = options.ctrlZ ?? typeof options.body === 'string';
      body = ctrlZ ? Buffer.concat([bytes, CTRL_Z]) : bytes;
      bodyText = typeof options.body === 'string' ? options.body : undefined;
    }
    const retryOptions = options.retry === false ? undefined : { ...this.options.retry, ...options.retry };
    const retry = retryOptions && {
      count: retryOptions.count ?? 3,
      delayMs: retryOptions.delayMs ?? 1000,
      cmeErrors: retryOptions.cmeErrors ?? [14, 515],
    };
    return { command, label, body, bodyText, timeoutMs, retry, sensitive, attempts: 0, promptSeen: false };
  }

  private unavailableReason(): DisconnectReason | undefined {
    switch (this.state) {
      case 'closed':
        return 'engine-closed';
      case 'disconnected':
        return 'stream-closed';
      case 'detached':
        return 'detached';
      case 'ready':
        return this.detachWaiters.length > 0 ? 'detached' : undefined;
    }
  }

  /** Unsubscribe of a command: drop it from the queue, or let it finish silently if written. */
  private cancel(job: Job): void {
    job.subscriber = undefined;
    const index = this.queue.indexOf(job);
    if (index >= 0) {
      this.queue.splice(index, 1);
      return;
    }
    if (this.current === job && this.phase === 'retry-wait') {
      job.timer?.unsubscribe();
      this.current = undefined;
      this.phase = 'idle';
      this.pump();
    }
  }

  /** Starts the next piece of work if the port is idle: a resync, the next command, or a detach. */
  private pump(): void {
    if (this.handlingDepth > 0 || this.phase !== 'idle' || !this.port || this.state !== 'ready') return;
    if (this.detachWaiters.length > 0) {
      this.releasePort();
      this.stateSubject.next('detached');
      this.resolveDetachWaiters();
      return;
    }
    if (this.resyncNeeded) {
      this.startResync(this.resyncNeeded.escape);
      return;
    }
    const job = this.queue.shift();
    if (job) this.startAttempt(job);
  }

  private startAttempt(job: Job): void {
    const port = this.port;
    if (!port) return;
    this.current = job;
    this.phase = 'command';
    job.attempts++;
    job.lines = [];
    job.data = [];
    job.promptSeen = false;
    this.parser.setPending({ command: job.command, expectsPrompt: job.body !== undefined, body: job.bodyText });
    job.timer = this.scheduler.schedule(() => this.onTimeout(job), job.timeoutMs);
    if (log.enabled) log('--> %s%s', job.label, job.attempts > 1 ? ` (attempt ${job.attempts})` : '');
    port.write(Buffer.from(`${job.command}\r`, 'utf8'));
  }

  private onData(chunk: Uint8Array): void {
    this.handlingDepth++;
    try {
      for (const event of this.parser.push(chunk)) this.handle(event);
    } finally {
      this.handlingDepth--;
    }
    this.pump();
  }

  private handle(event: AtParserEvent): void {
    const job = this.phase === 'command' ? this.current : undefined;
    switch (event.type) {
      case 'urc':
        if (log.enabled) log('<-- URC %s', event.urc.line);
        this.urcSubject.next(event.urc);
        return;
      case 'discarded':
        log('<-- dropped an overlong line (%d bytes)', event.length);
        return;
      case 'echo':
        this.touchResync();
        return;
      case 'prompt':
        if (job?.body && !job.promptSeen) {
          job.promptSeen = true;
          this.writeBody(job, event.prompt);
        } else log('<-- unexpected prompt %s', event.prompt);
        return;
      case 'line':
        if (job) {
          if (log.enabled) log('<-- %s', job.sensitive ? '<sensitive line>' : event.line);
          job.lines.push(event.line);
          if (event.data) job.data.push(event.data);
        } else {
          if (log.enabled) log('<-- stray line %s', event.line);
          this.touchResync();
        }
        return;
      case 'final':
        if (log.enabled) log('<-- %s', event.result.line);
        if (this.phase === 'resync') this.onResyncFinal();
        else if (job) this.finish(job, event.result);
        else log('stray final result %s (no command in flight)', event.result.line);
        return;
    }
  }

  private writeBody(job: Job, prompt: '>' | '@'): void {
    const body = job.body;
    if (!body) return;
    const write = (): void => {
      if (this.current !== job || this.phase !== 'command' || !this.port) return;
      if (log.enabled) log('--> <body of %d bytes>', body.length);
      this.port.write(body);
    };
    const delay = prompt === '@' ? (this.options.binaryPromptDelayMs ?? 50) : 0;
    if (delay > 0) this.scheduler.schedule(write, delay);
    else write();
  }

  private finish(job: Job, result: FinalResult): void {
    job.timer?.unsubscribe();
    if (!result.ok && this.shouldRetry(job, result)) {
      this.phase = 'retry-wait';
      log('%s: %s, retrying in %d ms', job.label, result.line, job.retry?.delayMs);
      job.timer = this.scheduler.schedule(() => {
        if (this.current !== job || this.phase !== 'retry-wait') return;
        this.phase = 'idle';
        this.current = undefined;
        if (this.port && this.state === 'ready') this.startAttempt(job);
      }, job.retry?.delayMs ?? 0);
      return;
    }
    this.current = undefined;
    this.phase = 'idle';
    const subscriber = job.subscriber;
    if (!subscriber) return;
    if (result.ok) {
      const response: AtResponse = {
        command: job.label,
        lines: job.lines,
        final: result.line,
        ...(job.data.length > 0 ? { data: Buffer.concat(job.data) } : {}),
      };
      subscriber.next(response);
      subscriber.complete();
    } else {
      subscriber.error(new AtCommandError(job.label, result, job.lines));
    }
  }

  private shouldRetry(job: Job, result: FinalResult): boolean {
    const retry = job.retry;
    if (!retry || job.subscriber === undefined || result.cmeError === undefined) return false;
    return retry.cmeErrors.includes(result.cmeError) && job.attempts <= retry.count;
  }

  private onTimeout(job: Job): void {
    if (this.current !== job || this.phase !== 'command') return;
    log('%s timed out after %d ms', job.label, job.timeoutMs);
    this.current = undefined;
    this.phase = 'idle';
    this.parser.setPending(undefined);
    this.resyncNeeded = { escape: job.body !== undefined };
    job.subscriber?.error(new AtTimeoutError(job.label, job.timeoutMs));
    this.pump();
  }

  private startResync(escape: boolean): void {
    const port = this.port;
    if (!port) return;
    this.resyncNeeded = undefined;
    this.phase = 'resync';
    this.resyncAnswered = false;
    log('resync: probing with AT');
    if (escape) port.write(ESC);
    this.parser.setPending({ command: 'AT' });
    this.resyncTimer = this.scheduler.schedule(() => {
      log('resync: no answer to the probe, going on');
      this.endResync();
    }, this.options.resync?.probeTimeoutMs ?? 2000);
    port.write(Buffer.from('AT\r'));
  }

  /** A final result during resync (the probe's, or a late one): wait for silence from now on. */
  private onResyncFinal(): void {
    this.resyncAnswered = true;
    this.parser.setPending(undefined);
    this.restartQuietWindow();
  }

  /** Any non-URC traffic after the probe's answer restarts the quiet window. */
  private touchResync(): void {
    if (this.phase === 'resync' && this.resyncAnswered) this.restartQuietWindow();
  }

  private restartQuietWindow(): void {
    this.resyncTimer?.unsubscribe();
    this.resyncTimer = this.scheduler.schedule(() => this.endResync(), this.options.resync?.quietMs ?? 200);
  }

  private endResync(): void {
    if (this.phase !== 'resync') return;
    this.resyncTimer?.unsubscribe();
    this.resyncTimer = undefined;
    this.parser.setPending(undefined);
    this.phase = 'idle';
    log('resync: done');
    this.pump();
  }

  private onPortEnd(port: AtPort, reason: DisconnectReason, cause?: unknown): void {
    if (this.port !== port) return;
    log('stream ended (%s)%s', reason, cause instanceof Error ? `: ${cause.message}` : '');
    this.port = undefined;
    this.portSubscription = undefined;
    const detaching = this.detachWaiters.length > 0;
    this.failAll(reason, cause);
    this.stateSubject.next(detaching ? 'detached' : 'disconnected');
    this.resolveDetachWaiters();
  }

  private releasePort(): void {
    const subscription = this.portSubscription;
    this.port = undefined;
    this.portSubscription = undefined;
    subscription?.unsubscribe();
  }

  private failQueued(reason: DisconnectReason, cause?: unknown): void {
    for (const job of this.queue.splice(0)) {
      job.subscriber?.error(new ModemDisconnectedError(reason, job.label, { cause }));
    }
  }

  private failAll(reason: DisconnectReason, cause?: unknown): void {
    const job = this.current;
    job?.timer?.unsubscribe();
    this.resyncTimer?.unsubscribe();
    this.current = undefined;
    this.phase = 'idle';
    this.resyncNeeded = undefined;
    this.parser.reset();
    job?.subscriber?.error(new ModemDisconnectedError(reason, job.label, { cause }));
    this.failQueued(reason, cause);
  }

  private resolveDetachWaiters(): void {
    for (const resolve of this.detachWaiters.splice(0)) resolve();
  }
}

function isAtPort(value: Duplex | AtPort): value is AtPort {
  return 'data$' in value && typeof (value as AtPort).write === 'function' && !('pipe' in value);
}
