import { createInterface, type Interface } from 'node:readline';
import { Writable } from 'node:stream';

/** The input: not read yet (`unread`: nothing asked), `reading` through its reader, or `ended`. */
type InputPhase = { readonly kind: 'unread' } | { readonly kind: 'reading'; readonly reader: Interface } | { readonly kind: 'ended' };

/**
 * Asks questions on a terminal or over a pipe, one answer a line: answers a script writes ahead
 * of time are kept in order, not lost between questions. On a terminal a secret (a password) is
 * not echoed. Nothing is read from the input until the first question, so commands that ask
 * nothing never hold stdin open.
 */
export class LinePrompter {
  readonly #input: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly #output: NodeJS.WritableStream;
  /** Lines read before a question wanted them. */
  readonly #lines: string[] = [];
  /** Questions waiting for a line (undefined at the end of the input). */
  readonly #waiting: Array<(line: string | undefined) => void> = [];
  /** Changed by `#open` and the reader's `close` only. */
  #phase: InputPhase = { kind: 'unread' };
  /** While true, what the terminal echoes is swallowed (a secret is being typed). */
  #muted = false;

  constructor(input: NodeJS.ReadableStream & { readonly isTTY?: boolean } = process.stdin, output: NodeJS.WritableStream = process.stdout) {
    this.#input = input;
    this.#output = output;
  }

  /** Prints `question` and resolves with the next line, or undefined once the input has ended. */
  async ask(question: string, options: { readonly secret?: boolean } = {}): Promise<string | undefined> {
    this.#open();
    this.#output.write(question);
    const secret = options.secret === true && this.#input.isTTY === true;
    this.#muted = secret;
    try {
      const line = this.#lines.shift() ?? (this.#phase.kind === 'ended' ? undefined : await new Promise<string | undefined>((resolve) => this.#waiting.push(resolve)));
      // Without a terminal nothing echoes the answer: end the question's line so output stays readable.
      if (secret || this.#input.isTTY !== true) this.#output.write('\n');
      return line;
    } finally {
      this.#muted = false;
    }
  }

  /** Stops reading the input. */
  close(): void {
    if (this.#phase.kind === 'reading') this.#phase.reader.close();
  }

  #open(): void {
    if (this.#phase.kind !== 'unread') return;
    const echo = new Writable({
      write: (chunk, _encoding, done) => {
        if (!this.#muted) this.#output.write(chunk);
        done();
      },
    });
    const reader = createInterface({ input: this.#input, output: echo, terminal: this.#input.isTTY === true });
    reader.on('line', (line) => {
      const waiter = this.#waiting.shift();
      if (waiter === undefined) this.#lines.push(line);
      else waiter(line);
    });
    reader.on('close', () => {
      this.#phase = { kind: 'ended' };
      for (const waiter of this.#waiting.splice(0)) waiter(undefined);
    });
    // Ctrl-C at a question ends the command as it would anywhere else (nothing is ordered yet).
    reader.on('SIGINT', () => {
      this.#output.write('\n');
      process.exit(130);
    });
    this.#phase = { kind: 'reading', reader };
  }
}
