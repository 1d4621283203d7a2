import { BehaviorSubject, defer, distinctUntilChanged, firstValueFrom, type Observable, type SchedulerLike, Subject, type Subscription, take } from '../rx';
import { of } from '../rx-extra';
import { checkBackoffOptions, fullJitterDelay, type BackoffOptions } from './backoff-options';

/** Whether a `Backoff` lets work go ahead, or waits until `until` (scheduler clock). */
type BackoffState = { readonly kind: 'clear' } | { readonly kind: 'waiting'; readonly until: number; readonly timer: Subscription };

/**
 * The one backoff policy of the SDK: counts consecutive failures, waits a delay with full jitter
 * that doubles with each (capped at `maxMs`), and starts again from the first step once things
 * went well for `resetAfterMs`. `retryWithBackoff` keeps one per subscription (or shares one
 * passed in, so subscriptions failing side by side wait once instead of stacking waits); the
 * delivery pipeline retries its failed store operations on one.
 *
 * A failure during a wait joins that wait (the delay does not grow); it is still a failure the
 * caller counts and reports.
 */
export class Backoff {
  /** Consecutive failures since things were last fine for `resetAfterMs` (the next delay's exponent). */
  #failures = 0;
  /** Clock time since which nothing has failed (start, end of the last wait, or `markHealthy`). */
  #healthySince: number;
  #state: BackoffState = { kind: 'clear' };
  /** Tells those waiting that the wait is over (before `waiting$` says so, so they go first). */
  readonly #over = new Subject<void>();
  readonly #waiting = new BehaviorSubject(false);

  /** True while a wait is in progress; the current value at once, then every change. */
  readonly waiting$: Observable<boolean>;

  readonly #options: BackoffOptions;
  readonly #scheduler: SchedulerLike;

  constructor(
    options: BackoffOptions,
    scheduler: SchedulerLike,
  ) {
    this.#options = options;
    this.#scheduler = scheduler;
    checkBackoffOptions(options);
    this.#healthySince = scheduler.now();
    this.waiting$ = this.#waiting.pipe(distinctUntilChanged());
  }

  /** Whether a wait is in progress. */
  get waiting(): boolean {
    return this.#state.kind === 'waiting';
  }

  /**
   * Counts a failure now and starts a wait unless one is in progress. Returns the failure's number
   * (from 1, the backoff exponent + 1) and how long until the wait ends.
   */
  failed(): { readonly attempt: number; readonly delayMs: number } {
    const now = this.#scheduler.now();
    if (this.#state.kind === 'waiting') return { attempt: this.#failures, delayMs: this.#state.until - now };
    if (now - this.#healthySince >= this.#options.resetAfterMs) this.#failures = 0;
    const delayMs = fullJitterDelay(this.#failures, this.#options);
    this.#failures++;
    const timer = this.#scheduler.schedule(() => this.#end(), delayMs);
    this.#state = { kind: 'waiting', until: now + delayMs, timer };
    this.#waiting.next(true);
    return { attempt: this.#failures, delayMs };
  }

  /**
   * Emits once the wait in progress on subscribe is over (at once if none), then completes; a wait
   * cancelled by `close()` completes it without a value.
   */
  over$(): Observable<void> {
    return defer(() => (this.#state.kind === 'waiting' ? this.#over.pipe(take(1)) : of(undefined)));
  }

  /** Promise form of `over$()`: resolves once the wait in progress is over, or cancelled by `close()`. */
  over(): Promise<void> {
    return firstValueFrom(this.over$(), { defaultValue: undefined });
  }

  /** Things are fine from now on (e.g. a link came back): ignored during a wait. */
  markHealthy(): void {
    if (this.#state.kind === 'clear') this.#healthySince = this.#scheduler.now();
  }

  /**
   * Cancels a wait in progress (nothing waiting on `over$()` is told) and completes `waiting$`;
   * resolves once done (again for a second call).
   */
  close(): Promise<void> {
    if (this.#state.kind === 'waiting') this.#state.timer.unsubscribe();
    this.#state = { kind: 'clear' };
    this.#over.complete();
    this.#waiting.complete();
    return Promise.resolve();
  }

  #end(): void {
    this.#state = { kind: 'clear' };
    this.#healthySince = this.#scheduler.now();
    this.#over.next();
    // Whoever was told may have failed again at once and started a new wait.
    this.#waiting.next(this.waiting);
  }
}
