import { logger } from '../../logging';
import { commandStart, isRepeat, parseATCommand, splitCommandLine, type ATCommand } from './at-command';
import type { CommandContext, CommandHandler, CommandTable, ModemServices } from './command-context';
import { CommandLineReader, type Body, type BodySpec } from './command-line-reader';
import type { FailureSchedule } from './failure-schedule';
import { formatFinal, formatInformation, type FinalResult } from './result-codes';

const log = logger('modem-simulator');

/** What the processor needs from the simulator around it. */
export interface ProcessorHost {
  readonly services: ModemServices;
  readonly failures: FailureSchedule;
  /** Delay before each response; 0 answers without any timer. */
  latencyMs(): number;
  /** True while the modem answers nothing (`silence(true)`). */
  silent(): boolean;
  /** Writes bytes to the host. */
  write(bytes: Buffer | string): void;
  /** Resolves after `ms` (or at once when the simulator closes). */
  delay(ms: number): Promise<void>;
  commandSeen(line: string): void;
  reboot(): void;
}

/**
 * What the processor is doing: waiting for a line (`idle`), running lines (`running`), waiting
 * within a command for the body its prompt asked for (`prompting`), or `stopped` for good.
 */
type ProcessorPhase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running' }
  | { readonly kind: 'prompting'; readonly spec: BodySpec; readonly resolve: (body: Body) => void }
  | { readonly kind: 'stopped' };

/**
 * Runs the host's command lines one at a time, as a modem does: echo, optional latency, scripted
 * failures, then the handler, whose intermediate lines and single final result are framed per the
 * current `ATV`/`AT+CMEE` settings. Prompts switch the reader to body mode until the body is in.
 */
export class CommandProcessor {
  readonly #reader = new CommandLineReader();
  /** Changed by `drain`, `prompt`, `deliverBody` and `stop` only. */
  #phase: ProcessorPhase = { kind: 'idle' };
  /** The last command line run, for `A/`. */
  #lastLine?: string;

  readonly #host: ProcessorHost;
  readonly #tables: readonly CommandTable[];
  readonly #unsupported: ReadonlySet<string>;

  constructor(
    host: ProcessorHost,
    tables: readonly CommandTable[],
    unsupported: ReadonlySet<string>,
  ) {
    this.#host = host;
    this.#tables = tables;
    this.#unsupported = unsupported;
  }

  /** Bytes from the host. */
  push(chunk: Buffer): void {
    if (this.#phase.kind === 'stopped') return;
    this.#reader.push(chunk);
    if (this.#phase.kind === 'prompting') this.#deliverBody();
    else void this.#drain();
  }

  /** Runs command lines that waited while the line was in online data state. */
  resume(): void {
    void this.#drain();
  }

  /** Forgets buffered input (reboot). */
  discardInput(): void {
    this.#reader.discard();
  }

  /** Stops for good: pending input is dropped and no further command runs. */
  stop(): void {
    const phase = this.#phase;
    this.#phase = { kind: 'stopped' };
    this.#reader.discard();
    if (phase.kind === 'prompting') phase.resolve({ kind: 'cancelled' });
  }

  /** Runs the lines waiting, one at a time; a call while they run (or after `stop()`) does nothing. */
  async #drain(): Promise<void> {
    if (this.#phase.kind !== 'idle') return;
    this.#phase = { kind: 'running' };
    try {
      while (!this.#stopped() && !this.#online()) {
        const line = this.#reader.takeLine();
        if (line === undefined) break;
        await this.#execute(line);
      }
    } finally {
      if (!this.#stopped()) this.#phase = { kind: 'idle' };
    }
  }

  /** Read afresh after an `await`: `stop()` may have run meanwhile. */
  #stopped(): boolean {
    return this.#phase.kind === 'stopped';
  }

  #online(): boolean {
    return this.#host.services.state.packetData.call.kind === 'online-data';
  }

  #deliverBody(): void {
    const waiter = this.#phase;
    if (waiter.kind !== 'prompting') return;
    const body = this.#reader.takeBody(waiter.spec);
    if (!body) return;
    this.#phase = { kind: 'running' };
    // A modem echoes what is typed after `> ` (the SMS body) while echo is on, as it does commands.
    if (body.kind === 'data' && waiter.spec.kind === 'ctrl-z' && this.#host.services.state.settings.echo) this.#host.write(body.bytes);
    waiter.resolve(body);
  }

  async #execute(rawLine: string): Promise<void> {
    const line = rawLine.trim();
    if (line === '') return;
    this.#host.commandSeen(line);
    if (this.#host.silent()) return;
    const { settings } = this.#host.services.state;
    if (settings.echo) this.#host.write(`${rawLine}\r`);
    // A modem answers the `AT` in a line, whatever came before it (`+++ATH`, line noise).
    const text = isRepeat(line) ? this.#lastLine : commandStart(line) >= 0 ? line.slice(commandStart(line)) : undefined;
    if (text === undefined) return;
    this.#lastLine = text;
    const commands = splitCommandLine(text).map(parseATCommand);
    if (commands.some((command) => command === undefined)) return;

    const latency = this.#host.latencyMs();
    if (latency > 0) await this.#host.delay(latency);
    for (const [i, command] of (commands as ATCommand[]).entries()) {
      if (this.#stopped()) return;
      const last = i === commands.length - 1;
      const context = this.#contextFor(command, last);
      await this.#run(command, context);
      if (!last && context.result !== 'OK') return;
    }
  }

  /**
   * Runs one command of a line. Only the last command of a chained line prints its `OK`; an
   * earlier one that fails ends the line with its error (V.250 §5.2.1).
   */
  async #run(command: ATCommand, context: CommandContext & { readonly result?: FinalResult['kind'] }): Promise<void> {
    const failure = this.#host.failures.take(command.line);
    if (failure !== undefined) return context.cme(failure);
    const handler = this.#handlerFor(command);
    if (!handler) return context.error();
    try {
      await handler(context);
    } catch (error) {
      log('handler for %s threw: %O', command.name, error);
    }
    if (!context.result && !this.#stopped()) context.error();
  }

  #handlerFor(command: ATCommand): CommandHandler | undefined {
    const key = command.name === 'I' && command.args[0] === '9' ? 'I9' : command.name;
    if (this.#unsupported.has(key)) return undefined;
    for (const table of this.#tables) {
      const handler = table[command.name];
      if (handler) return handler;
    }
    return undefined;
  }

  #contextFor(command: ATCommand, last: boolean): CommandContext & { readonly result?: FinalResult['kind'] } {
    const host = this.#host;
    const services = host.services;
    const settings = services.state.settings;
    let information: (string | Buffer)[] = [];
    let finished: FinalResult['kind'] | undefined;
    const flush = (): void => {
      if (information.length > 0) host.write(formatInformation(information, settings));
      information = [];
    };
    const finish = (result: FinalResult): void => {
      if (finished) return;
      finished = result.kind;
      flush();
      if (last || result.kind !== 'OK') host.write(formatFinal(result, settings));
    };
    return {
      command,
      state: services.state,
      dialect: services.dialect,
      urc: (...lines) => services.urc(...lines),
      smsSubmitted: (sms) => services.smsSubmitted(sms),
      socketWritten: (write) => services.socketWritten(write),
      later: (ms, fire) => services.later(ms, fire),
      online: () => services.online(),
      now: () => services.now(),
      get result() {
        return finished;
      },
      info: (...lines) => {
        information.push(...lines);
      },
      finish,
      ok: () => finish({ kind: 'OK' }),
      error: () => finish({ kind: 'ERROR' }),
      cme: (code) => finish({ kind: 'CME', code }),
      cms: (code) => finish({ kind: 'CMS', code }),
      prompt: (marker, spec) => {
        flush();
        host.write(marker);
        return new Promise<Body>((resolve) => {
          if (this.#stopped()) return resolve({ kind: 'cancelled' });
          this.#phase = { kind: 'prompting', spec, resolve };
          this.#deliverBody();
        });
      },
      reboot: () => {
        finish({ kind: 'OK' });
        host.reboot();
      },
    };
  }
}
