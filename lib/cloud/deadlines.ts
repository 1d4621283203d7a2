import { asyncScheduler, type SchedulerLike, type Unsubscribable } from '../rx';

/** One watched deadline: `expire` runs once the clock reaches `at`, unless it was cancelled first. */
export interface Deadline {
  /** Clock time it expires (scheduler clock); `move` changes it. */
  readonly at: number;
}

interface Watched extends Deadline {
  at: number;
  readonly expire: () => void;
  /** Still watched: not yet expired or cancelled. */
  watched: boolean;
}

/** Cancelled deadlines past which the list is compacted (when they are also half of it). */
const COMPACT_AFTER = 32;

/**
 * The deadlines of many exchanges on one timer: armed for the earliest, re-armed when it fires.
 * A timer per exchange would be the only timer of its duration, so Node would build and delete
 * its timer list on every message; here a steady stream of exchanges re-arms one timer once per
 * timeout period. The deadlines are a list from which cancelled ones are dropped in place now and
 * then: a `Set` would reallocate its table each time it empties, after every message when they go
 * one at a time. On the real clock the timer is `unref`'d (an exchange's socket keeps the process
 * alive, an idle timer does not) and stays armed when nothing is watched; on an injected scheduler
 * it is cancelled then, so virtual time sees no action left behind.
 */
export class Deadlines {
  /** Every watched deadline, and cancelled ones not yet dropped. */
  readonly #list: Watched[] = [];
  /** How many of `#list` are still watched. */
  #watching = 0;
  /** The armed timer and when it fires. */
  #timer?: { readonly at: number; readonly handle: Unsubscribable };

  readonly #scheduler: SchedulerLike;

  constructor(scheduler: SchedulerLike = asyncScheduler) {
    this.#scheduler = scheduler;
  }

  watch(at: number, expire: () => void): Deadline {
    const deadline: Watched = { at, expire, watched: true };
    this.#list.push(deadline);
    this.#watching += 1;
    if (this.#timer === undefined || this.#timer.at > at) this.#arm(at);
    return deadline;
  }

  /** A new time for `deadline`: later costs nothing, earlier re-arms the timer if need be. */
  move(deadline: Deadline, at: number): void {
    const watched = deadline as Watched;
    watched.at = at;
    if (watched.watched && (this.#timer === undefined || this.#timer.at > at)) this.#arm(at);
  }

  cancel(deadline: Deadline): void {
    const watched = deadline as Watched;
    if (!watched.watched) return;
    watched.watched = false;
    this.#watching -= 1;
    const cancelled = this.#list.length - this.#watching;
    if (cancelled > COMPACT_AFTER && cancelled * 2 > this.#list.length) this.#compact();
    if (this.#watching === 0 && this.#scheduler !== asyncScheduler) this.#disarm();
  }

  #fire(): void {
    this.#timer = undefined;
    const now = this.#scheduler.now();
    const expired: Watched[] = [];
    for (const deadline of this.#list) {
      if (deadline.watched && deadline.at <= now) {
        deadline.watched = false;
        this.#watching -= 1;
        expired.push(deadline);
      }
    }
    this.#compact();
    for (const deadline of expired) deadline.expire();
    // What expired may have watched or moved deadlines meanwhile.
    let next = Number.POSITIVE_INFINITY;
    for (const deadline of this.#list) if (deadline.watched && deadline.at < next) next = deadline.at;
    const armed = this.#timer as { readonly at: number } | undefined;
    if (next !== Number.POSITIVE_INFINITY && (armed === undefined || armed.at > next)) this.#arm(next);
  }

  /** Drops the deadlines no longer watched, in place. */
  #compact(): void {
    const list = this.#list;
    let kept = 0;
    for (const deadline of list) if (deadline.watched) list[kept++] = deadline;
    list.length = kept;
  }
  #arm(at: number): void {
    this.#disarm();
    const delayMs = Math.max(0, at - this.#scheduler.now());
    this.#timer = { at, handle: this.#schedule(delayMs) };
  }

  #disarm(): void {
    this.#timer?.handle.unsubscribe();
    this.#timer = undefined;
  }

  #schedule(delayMs: number): Unsubscribable {
    if (this.#scheduler !== asyncScheduler) return this.#scheduler.schedule(() => this.#fire(), delayMs);
    const timer = setTimeout(() => this.#fire(), delayMs);
    timer.unref();
    return { unsubscribe: () => clearTimeout(timer) };
  }
}
