import type { Duplex } from 'node:stream';

/**
 * The host side of a simulated modem line for tests: writes raw AT text and waits for patterns in
 * what comes back. Consumed output is removed, so each wait sees only what came after the last one.
 * The guard timeout only turns a hang into a readable failure; no test asserts on timing.
 */
export class AtTerminal {
  /** Output not yet consumed by a wait. */
  pending = '';
  /** Everything received, for assertions on exact bytes. */
  all = '';
  ended = false;
  private waiter?: () => void;

  constructor(readonly stream: Duplex) {
    stream.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      this.pending += text;
      this.all += text;
      this.waiter?.();
    });
    stream.on('end', () => {
      this.ended = true;
      this.waiter?.();
    });
  }

  write(data: string | Buffer): void {
    this.stream.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
  }

  /** Resolves with the output up to and including the first match of `pattern`, consuming it. */
  waitFor(pattern: string | RegExp, guardMs = 5000): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const check = (): boolean => {
        let end = -1;
        if (typeof pattern === 'string') {
          const at = this.pending.indexOf(pattern);
          if (at >= 0) end = at + pattern.length;
        } else {
          const match = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(this.pending);
          if (match) end = match.index + match[0].length;
        }
        if (end < 0) return false;
        const taken = this.pending.slice(0, end);
        this.pending = this.pending.slice(end);
        this.waiter = undefined;
        clearTimeout(guard);
        resolve(taken);
        return true;
      };
      const guard = setTimeout(() => {
        this.waiter = undefined;
        reject(new Error(`no ${String(pattern)} in ${JSON.stringify(this.pending)}`));
      }, guardMs);
      this.waiter = () => void check();
      check();
    });
  }

  /** Sends a command line and resolves with everything up to its final result. */
  command(line: string): Promise<string> {
    this.write(`${line}\r`);
    return this.waitFor(/(\r\n(OK|ERROR|SEND OK|SEND FAIL|NO CARRIER|CONNECT|\+CM[ES] ERROR: [^\r]*)\r\n|(^|[\r\n])[0-9]\r)/);
  }
}
