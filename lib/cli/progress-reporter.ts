import { asyncScheduler, interval, type SchedulerLike, type Subscription } from '../rx';
import { formatProgress, type ProgressStatus } from './progress-format';

/** Where progress goes: a terminal stream (stderr by default). */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * One redrawn status line for long waits (connecting, registering, draining buffered messages).
 * Quiet unless `enabled` (the CLI enables it when the output is a terminal and `--json` is off),
 * so scripts and pipes never see it. `clear()` erases the line before normal output is printed.
 */
export class ProgressReporter {
  #status: ProgressStatus | undefined;
  #since = 0;
  #frame = 0;
  #ticker: Subscription | undefined;
  #drawn = false;

  constructor(
    private readonly stream: ProgressStream,
    readonly enabled: boolean,
    private readonly scheduler: SchedulerLike = asyncScheduler,
  ) {}

  /** Progress on a terminal's stderr, unless `json` or stderr is not a terminal. */
  static forTerminal(json: boolean): ProgressReporter {
    return new ProgressReporter(process.stderr, process.stderr.isTTY === true && !json);
  }

  /** Shows `status` (the elapsed time restarts when the kind of wait changes) and keeps it ticking. */
  show(status: ProgressStatus): void {
    if (!this.enabled) return;
    if (this.#status?.kind !== status.kind) this.#since = this.scheduler.now();
    this.#status = status;
    this.#ticker ??= interval(200, this.scheduler).subscribe(() => {
      this.#frame += 1;
      this.#draw();
    });
    this.#draw();
  }

  /** Erases the line and stops ticking; `show()` starts again. */
  clear(): void {
    this.#ticker?.unsubscribe();
    this.#ticker = undefined;
    this.#status = undefined;
    if (this.#drawn) this.stream.write('\r\x1b[K');
    this.#drawn = false;
  }

  #draw(): void {
    if (this.#status === undefined) return;
    this.stream.write(`\r\x1b[K${formatProgress(this.#status, this.scheduler.now() - this.#since, this.#frame)}`);
    this.#drawn = true;
  }
}
