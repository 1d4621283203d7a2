/**
 * Scripted failures: the next `times` commands matching a pattern answer `+CME ERROR: <code>`
 * instead of running. A string pattern matches as a case-insensitive prefix of the command line
 * (`'AT+CSQ'`), a RegExp is tested against the whole line. Pure bookkeeping.
 */
export interface ScheduledFailure {
  readonly pattern: string | RegExp;
  readonly cmeCode: number;
  remaining: number;
}

export class FailureSchedule {
  readonly #failures: ScheduledFailure[] = [];

  add(pattern: string | RegExp, cmeCode: number, times: number): void {
    this.#failures.push({ pattern, cmeCode, remaining: times });
  }

  /** The CME code to answer `line` with, consuming one use of the first matching failure. */
  take(line: string): number | undefined {
    const index = this.#failures.findIndex((failure) => matches(failure.pattern, line));
    if (index < 0) return undefined;
    const failure = this.#failures[index];
    failure.remaining -= 1;
    if (failure.remaining <= 0) this.#failures.splice(index, 1);
    return failure.cmeCode;
  }

  get pending(): number {
    return this.#failures.length;
  }
}

function matches(pattern: string | RegExp, line: string): boolean {
  if (typeof pattern === 'string') return line.toUpperCase().startsWith(pattern.toUpperCase());
  pattern.lastIndex = 0;
  return pattern.test(line);
}
