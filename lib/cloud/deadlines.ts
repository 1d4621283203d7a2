import { asyncScheduler, type SchedulerLike, type Unsubscribable } from '../rx';

/** One watched deadline: `expire` runs once the clock reaches `at`, unless it was cancelled first. */
export interface Deadline {
  /** Clock time it expires (scheduler clock); `move` changes it. */
  readonly at: number;
}

interface Watched extends Deadline {
  at: number;
  readonly expire: () => void;
}

/**
 * The deadlines of many exchanges on one timer: armed for the earliest, re-armed when it fires.
 * A timer per exchange would be the only timer of its duration, so Node would build and delete
 * its timer list on every message; here a steady stream of exchanges re-arms one timer once per
 * timeout period. On the real clock the timer is `unref`'d (an exchange's socket keeps the process
 * alive, an idle timer does not) and stays armed when nothing is watched; on an injected scheduler
 * it is cancelled then, so virtual time sees no action left behind.
 */
export class Deadlines {
  readonly #watched = new Set<Watched>();
  /** The armed timer and when it fires. */
  #timer?: { readonly at: number; readonly handle: Unsubscribable };

  constructor(private readonly scheduler: SchedulerLike = asyncScheduler) {}

  watch(at: number, expire: () => void): Deadline {
    const deadline: Watched = { at, expire };
    this.#watched.add(deadline);
    if (this.#timer === undefined || this.#timer.at > at) this.#arm(at);
    return deadline;
  }

  /** A new time for `deadline`: later costs nothing, earlier re-arms the timer if need be. */
  move(deadline: Deadline, at: number): void {
    (deadline as Watched).at = at;
    if (this.#watched.has(deadline as Watched) && (this.#timer === undefined || this.#timer.at > at)) this.#arm(at);
  }

  cancel(deadline: Deadline): void {
    this.#watched.delete(deadline as Watched);
    if (this.#watched.size === 0 && this.scheduler !== asyncScheduler) this.#disarm();
  }

  #fire(): void {
    this.#timer = undefined;
    const now = this.scheduler.now();
    let next = Number.POSITIVE_INFINITY;
    for (const deadline of [...this.#watched]) {
      if (deadline.at <= now) {
        this.#watched.delete(deadline);
        deadline.expire();
      } else if (deadline.at < next) next = deadline.at;
    }
    // What expired may have watched or moved deadlines meanwhile.
    for (const deadline of this.#watched) if (deadline.at < next) next = deadline.at;
    const armed = this.#timer as { readonly at: number } | undefined;
    if (next !== Number.POSITIVE_INFINITY && (armed === undefined || armed.at > next)) this.#arm(next);
  }

  #arm(at: number): void {
    this.#disarm();
    const delayMs = Math.max(0, at - this.scheduler.now());
    this.#timer = { at, handle: this.#schedule(delayMs) };
  }

  #disarm(): void {
    this.#timer?.handle.unsubscribe();
    this.#timer = undefined;
  }

  #schedule(delayMs: number): Unsubscribable {
    if (this.scheduler !== asyncScheduler) return this.scheduler.schedule(() => this.#fire(), delayMs);
    const timer = setTimeout(() => this.#fire(), delayMs);
    timer.unref();
    return { unsubscribe: () => clearTimeout(timer) };
  }
}
