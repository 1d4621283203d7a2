import { commandName, isSetForm } from './at-args';
import { classifyLine, type AttributedCommand, type URCFraming } from './classify-line';
import type { FinalResult } from './final-result';
import { KNOWN_URCS, type URC, type URCRule } from './urc';

/**
 * The command the parser should attribute responses to. Set by the engine right before it writes
 * the command, cleared by the parser itself when the command's final result arrives.
 */
export interface PendingCommand {
  /** The command line as written, without its `\r` (`AT+CREG?`). Its echo is recognised and dropped. */
  readonly command: string;
  /** True when the command answers with a `> ` (SMS, Quectel) or `@` (u-blox binary) prompt. */
  readonly expectsPrompt?: boolean;
  /** Text body written after the prompt: a modem with echo on echoes it back; that line is dropped. */
  readonly body?: string;
}

/** What the parser recognised in the byte stream, in order of arrival. */
export type ATParserEvent =
  /** The modem's echo of the pending command (or of its text body). */
  | { readonly type: 'echo'; readonly line: string }
  /** An information line of the pending command (or a stray line when none is pending). */
  | { readonly type: 'line'; readonly line: string; readonly data?: Buffer }
  /** A final result code; the pending command is cleared. */
  | { readonly type: 'final'; readonly result: FinalResult }
  /** The data prompt (`>` or `@`) of a command that expects one. */
  | { readonly type: 'prompt'; readonly prompt: '>' | '@' }
  | { readonly type: 'urc'; readonly urc: URC }
  /** A line longer than `maxLineLength` was dropped (its bytes are lost, the parser kept its place). */
  | { readonly type: 'discarded'; readonly reason: 'overlong'; readonly length: number };

export interface ATParserOptions {
  /** Lines longer than this many bytes are dropped (default 4096: room for a 1500-byte hex read). */
  readonly maxLineLength?: number;
  /** Extra or overriding URC rules, keyed by upper-case name (`'+QSTATE'`). */
  readonly urcs?: Readonly<Record<string, URCRule>>;
}

const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;

type State =
  | { readonly kind: 'line' }
  /** Dropping an overlong line until its terminator; `length` counts what was dropped. */
  | { readonly kind: 'skip'; readonly length: number }
  /** Swallowing the optional space after a prompt character. */
  | { readonly kind: 'after-prompt' }
  /** Waiting for the second line of a two-line URC. */
  | { readonly kind: 'second-line'; readonly header: URC }
  /** Collecting `remaining` raw bytes that belong to a URC or a response line. */
  | {
      readonly kind: 'raw';
      readonly owner: { readonly urc: URC } | { readonly line: string };
      readonly chunks: Buffer[];
      remaining: number;
    };

/**
 * Incremental AT response parser: bytes in (chunks split anywhere), events out. Pure: no I/O, no
 * timers. It frames lines on CR or LF (empty lines skipped, so `\r\n`, `\r\r\n` and a lone `\r` all
 * work), drops garbage bytes (NUL, 0xFF, other control characters) and caps line length, so noise
 * never makes it lose its place.
 *
 * The split with the engine: the parser decides *what a line is* (echo, response line, final result,
 * prompt, URC), because that needs the pending command (echo, `+CREG:` answering `AT+CREG?` versus
 * the `+CREG:` URC) and changes the framing (two-line URCs, raw bytes after `+QIURC: "recv",0,5` or
 * `+QIRD: 5`). The engine decides *what to do*: which command gets the lines, timeouts, retries.
 */
export class ATParser {
  readonly #maxLineLength: number;
  readonly #urcs: Readonly<Record<string, URCRule>>;
  /** Bytes of the line being framed (garbage already removed). */
  readonly #lineBuffer: Buffer;
  #lineLength = 0;
  /** The previous byte ended a line with CR: a following LF is part of that terminator. */
  #afterCr = false;
  #state: State = { kind: 'line' };
  /** The command responses are attributed to, and what of its answer was seen; undefined: none. */
  #pending: AttributedCommand | undefined;

  constructor(options: ATParserOptions = {}) {
    this.#maxLineLength = options.maxLineLength ?? 4096;
    this.#urcs = { ...KNOWN_URCS, ...options.urcs };
    this.#lineBuffer = Buffer.alloc(this.#maxLineLength);
  }

  /** Tells the parser which command was just written (or that none is pending). */
  setPending(pending: PendingCommand | undefined): void {
    this.#pending = pending && { ...pending, name: commandName(pending.command), setForm: isSetForm(pending.command), echoSeen: false, promptSeen: false };
  }

  /** The command the parser currently attributes responses to. */
  get pendingCommand(): string | undefined {
    return this.#pending?.command;
  }

  /** Forgets any partial line and state (after the port was reopened). */
  reset(): void {
    this.#lineLength = 0;
    this.#afterCr = false;
    this.#state = { kind: 'line' };
    this.setPending(undefined);
  }

  /** Feeds bytes; returns the events they completed, in order. Never throws on any input. */
  push(chunk: Uint8Array): ATParserEvent[] {
    const events: ATParserEvent[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      const state = this.#state;
      if (state.kind === 'raw') {
        if (this.#afterCr && byte === LF && state.chunks.length === 0) {
          // The LF of the header's CRLF is not data.
          this.#afterCr = false;
          continue;
        }
        this.#afterCr = false;
        const take = Math.min(state.remaining, chunk.length - i);
        state.chunks.push(Buffer.from(chunk.subarray(i, i + take)));
        state.remaining -= take;
        i += take - 1;
        if (state.remaining === 0) this.#finishRaw(state, events);
        continue;
      }
      if (byte === CR || byte === LF) {
        const swallowed = byte === LF && this.#afterCr;
        this.#afterCr = byte === CR;
        if (swallowed) continue;
        this.#endOfLine(events);
        continue;
      }
      this.#afterCr = false;
      if (state.kind === 'after-prompt') {
        this.#state = { kind: 'line' };
        if (byte === SPACE) continue;
      }
      const current = this.#state;
      if (current.kind === 'skip') {
        this.#state = { kind: 'skip', length: current.length + 1 };
        continue;
      }
      if (!isTextByte(byte)) continue;
      if (this.#lineLength === this.#maxLineLength) {
        this.#state = { kind: 'skip', length: this.#lineLength + 1 };
        this.#lineLength = 0;
        continue;
      }
      this.#lineBuffer[this.#lineLength++] = byte;
      if (this.#lineLength === 1 && this.#isPromptByte(byte)) {
        this.#lineLength = 0;
        if (this.#pending) this.#pending = { ...this.#pending, promptSeen: true };
        this.#state = { kind: 'after-prompt' };
        events.push({ type: 'prompt', prompt: byte === 0x3e ? '>' : '@' });
      }
    }
    return events;
  }

  #isPromptByte(byte: number): boolean {
    return (byte === 0x3e || byte === 0x40) && this.#pending?.expectsPrompt === true && !this.#pending.promptSeen;
  }

  #endOfLine(events: ATParserEvent[]): void {
    const state = this.#state;
    if (state.kind === 'skip') {
      this.#state = { kind: 'line' };
      events.push({ type: 'discarded', reason: 'overlong', length: state.length });
      return;
    }
    if (state.kind === 'after-prompt') this.#state = { kind: 'line' };
    if (this.#lineLength === 0) return;
    const line = this.#lineBuffer.toString('utf8', 0, this.#lineLength).trim();
    this.#lineLength = 0;
    if (line.length === 0) return;
    const current = this.#state;
    if (current.kind === 'second-line') {
      const header = current.header;
      this.#state = { kind: 'line' };
      events.push({ type: 'urc', urc: { ...header, text: line } });
      return;
    }
    this.#classify(line, events);
  }

  /** Acts on what the line is (`classifyLine`): an event, or a framing change for what follows. */
  #classify(line: string, events: ATParserEvent[]): void {
    const meaning = classifyLine(line, this.#pending, this.#urcs);
    switch (meaning.kind) {
      case 'echo':
        if (meaning.of === 'command' && this.#pending) this.#pending = { ...this.#pending, echoSeen: true };
        events.push({ type: 'echo', line });
        return;
      case 'final':
        this.setPending(undefined);
        events.push({ type: 'final', result: meaning.result });
        return;
      case 'urc':
        this.#frameURC(meaning.urc, meaning.framing, events);
        return;
      case 'line':
        if (meaning.rawLength === undefined) events.push({ type: 'line', line });
        else this.#state = { kind: 'raw', owner: { line }, chunks: [], remaining: meaning.rawLength };
    }
  }

  #frameURC(urc: URC, framing: URCFraming, events: ATParserEvent[]): void {
    if (framing.kind === 'raw') this.#state = { kind: 'raw', owner: { urc }, chunks: [], remaining: framing.length };
    else if (framing.kind === 'second-line') this.#state = { kind: 'second-line', header: urc };
    else events.push({ type: 'urc', urc });
  }

  #finishRaw(state: Extract<State, { kind: 'raw' }>, events: ATParserEvent[]): void {
    this.#state = { kind: 'line' };
    const data = Buffer.concat(state.chunks);
    if ('urc' in state.owner) events.push({ type: 'urc', urc: { ...state.owner.urc, data } });
    else events.push({ type: 'line', line: state.owner.line, data });
  }
}

/** Printable ASCII, tab and UTF-8 bytes; NUL, 0xFF, DEL, Ctrl-Z and other control bytes are noise. */
function isTextByte(byte: number): boolean {
  return (byte >= 0x20 && byte !== 0x7f && byte !== 0xff) || byte === 0x09;
}
