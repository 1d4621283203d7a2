import { asyncScheduler, interval, type SchedulerLike, type Subscription } from '../rx';
import { formatProgress, type ProgressStatus } from './progress-format';

/** Where progress goes: a terminal stream (stderr by default). */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/** The status line: `hidden`, or `shown` (drawn at once) with what it says since when, ticking. */
type ProgressPhase =
  | { readonly kind: 'hidden' }
  | { readonly kind: 'shown'; readonly status: ProgressStatus; readonly since: number; readonly ticker: Subscription };

/**
 * One redrawn status line for long waits (connecting, registering, draining buffered messages).
 * Quiet unless `enabled` (the CLI enables it when the output is a terminal and `--json` is off),
 * so scripts and pipes never see it. `clear()` erases the line before normal output is printed.
 */
export class ProgressReporter {
  /** Changed by `show` and `clear` only. */
  #phase: ProgressPhase = { kind: 'hidden' };
  #frame = 0;

  readonly #stream: ProgressStream;
  readonly #scheduler: SchedulerLike;

  constructor(
    stream: ProgressStream,
    readonly enabled: boolean,
    scheduler: SchedulerLike = asyncScheduler,
  ) {
    this.#stream = stream;
    this.#scheduler = scheduler;
  }

  /** Progress on a terminal's stderr, unless `json` or stderr is not a terminal. */
  static forTerminal(json: boolean): ProgressReporter {
    return new ProgressReporter(process.stderr, process.stderr.isTTY === true && !json);
  }

  /** Shows `status` (the elapsed time restarts when the kind of wait changes) and keeps it ticking. */
  show(status: ProgressStatus): void {
    if (!this.enabled) return;
    const phase = this.#phase;
    if (phase.kind === 'hidden') {
      const ticker = interval(200, this.#scheduler).subscribe(() => {
        this.#frame += 1;
        this.#draw();
      });
      this.#phase = { kind: 'shown', status, since: this.#scheduler.now(), ticker };
    } else {
      this.#phase = { ...phase, status, since: phase.status.kind === status.kind ? phase.since : this.#scheduler.now() };
    }
    this.#draw();
  }

  /** Erases the line and stops ticking; `show()` starts again. */
  clear(): void {
    const phase = this.#phase;
    if (phase.kind === 'hidden') return;
    this.#phase = { kind: 'hidden' };
    phase.ticker.unsubscribe();
    this.#stream.write('\r\x1b[K');
  }

  #draw(): void {
    const phase = this.#phase;
    if (phase.kind === 'hidden') return;
    this.#stream.write(`\r\x1b[K${formatProgress(phase.status, this.#scheduler.now() - phase.since, this.#frame)}`);
  }
}
