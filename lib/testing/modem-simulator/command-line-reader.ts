import { isRepeat } from './at-command';

/**
 * The modem's input side: bytes from the host become command lines (ended by `\r`, a following
 * `\n` tolerated, backspace honoured) or, after a prompt, a body (Ctrl-Z terminated for SMS, a
 * fixed number of bytes for socket writes). Pull-based on purpose: like a real modem, the
 * simulator reads the next line only when it has finished the previous command, so a body that
 * follows a prompt is never mistaken for a command line.
 */
export type BodySpec = { readonly kind: 'ctrl-z' } | { readonly kind: 'length'; readonly length: number };

/** A body as read: its bytes, or `cancelled` when the host sent ESC instead of Ctrl-Z. */
export type Body = { readonly kind: 'data'; readonly bytes: Buffer } | { readonly kind: 'cancelled' };

const CR = 0x0d;
const LF = 0x0a;
const BACKSPACE = 0x08;
const CTRL_Z = 0x1a;
const ESC = 0x1b;
/** Longer lines are cut: real modems have a fixed command buffer (u-blox: 1024 bytes, more in hex). */
const MAX_LINE = 8192;

export class CommandLineReader {
  #buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
  }

  /** Drops everything buffered: what a modem that reboots or powers off does with its input. */
  discard(): void {
    this.#buffer = Buffer.alloc(0);
  }

  get buffered(): number {
    return this.#buffer.length;
  }

  /**
   * The next complete command line (latin1, terminator removed), or `undefined` if none yet. `A/`
   * needs no terminator (V.250 §6.2.2): it comes back as a line of its own at once.
   */
  takeLine(): string | undefined {
    let start = 0;
    while (start < this.#buffer.length && this.#buffer[start] === LF) start++;
    const end = this.#buffer.indexOf(CR, start);
    const pending = this.#buffer.subarray(start, end < 0 ? this.#buffer.length : end).toString('latin1');
    if (isRepeat(pending)) {
      const through = start + pending.search(/a\//i) + 2;
      const line = this.#buffer.subarray(start, through).toString('latin1');
      this.#buffer = this.#buffer.subarray(through);
      return line;
    }
    if (end < 0) {
      if (this.#buffer.length - start > MAX_LINE) this.#buffer = this.#buffer.subarray(this.#buffer.length - MAX_LINE);
      return undefined;
    }
    const raw = this.#buffer.subarray(start, end);
    this.#buffer = this.#buffer.subarray(end + 1);
    return applyBackspaces(raw).toString('latin1');
  }

  /** The body the last prompt asked for, or `undefined` while it is incomplete. */
  takeBody(spec: BodySpec): Body | undefined {
    if (spec.kind === 'length') {
      if (this.#buffer.length < spec.length) return undefined;
      const bytes = Buffer.from(this.#buffer.subarray(0, spec.length));
      this.#buffer = this.#buffer.subarray(spec.length);
      return { kind: 'data', bytes };
    }
    // The LF a host sends after the command's CR belongs to the command line, not the SMS body.
    let start = 0;
    while (start < this.#buffer.length && this.#buffer[start] === LF) start++;
    this.#buffer = this.#buffer.subarray(start);
    for (let i = 0; i < this.#buffer.length; i++) {
      const byte = this.#buffer[i];
      if (byte === CTRL_Z || byte === ESC) {
        const bytes = Buffer.from(this.#buffer.subarray(0, i));
        this.#buffer = this.#buffer.subarray(i + 1);
        return byte === ESC ? { kind: 'cancelled' } : { kind: 'data', bytes };
      }
    }
    return undefined;
  }
}

function applyBackspaces(raw: Buffer): Buffer {
  if (!raw.includes(BACKSPACE)) return raw;
  const out: number[] = [];
  for (const byte of raw) {
    if (byte === BACKSPACE) out.pop();
    else out.push(byte);
  }
  return Buffer.from(out);
}
