import { BehaviorSubject, distinctUntilChanged, type Observable, type SchedulerLike, type Unsubscribable } from '../rx';
import { logger } from '../logging';
import { fullJitterDelay, type BackoffOptions } from '../operators/backoff-options';

const log = logger('delivery');

/** Consecutive failed sends, across messages, that say the cloud or the link is down. */
export const CIRCUIT_THRESHOLD = 5;

/**
 * Whether sending goes on. One failed send delays only its message; `threshold` failures in a row
 * (no success between them) say the cloud or the link is down, and the circuit opens: nothing is
 * sent until its wait (the backoff, growing with each opening in a row) is over; then one send
 * probes, and its outcome closes or reopens the circuit.
 */
export type CircuitState =
  /** Sending; `failures` in a row so far. */
  | { readonly kind: 'closed'; readonly failures: number }
  /** Paused until the wait ends; `openings` in a row, the exponent of the wait. */
  | { readonly kind: 'open'; readonly openings: number }
  /** One send at a time until one settles the question. */
  | { readonly kind: 'probing'; readonly openings: number };

export type CircuitEvent = 'succeeded' | 'failed' | 'wait-over';

/** The circuit's transitions, pure. */
export function nextCircuitState(state: CircuitState, event: CircuitEvent, threshold: number): CircuitState {
  switch (event) {
    case 'succeeded':
      return state.kind === 'closed' && state.failures === 0 ? state : { kind: 'closed', failures: 0 };
    case 'failed':
      if (state.kind === 'closed') return state.failures + 1 >= threshold ? { kind: 'open', openings: 1 } : { kind: 'closed', failures: state.failures + 1 };
      return state.kind === 'probing' ? { kind: 'open', openings: state.openings + 1 } : state;
    case 'wait-over':
      return state.kind === 'open' ? { kind: 'probing', openings: state.openings } : state;
  }
}

/** A `CircuitState` with the timer of its wait (scheduler clock). */
export class CircuitBreaker {
  #state: CircuitState = { kind: 'closed', failures: 0 };
  #wait?: Unsubscribable;
  readonly #passing = new BehaviorSubject(true);
  /** Whether sends may start (not `open`): the current value at once, then every change. */
  readonly passing$: Observable<boolean> = this.#passing.pipe(distinctUntilChanged());

  readonly #backoff: BackoffOptions;
  readonly #scheduler: SchedulerLike;
  readonly #threshold: number;

  constructor(
    backoff: BackoffOptions,
    scheduler: SchedulerLike,
    threshold = CIRCUIT_THRESHOLD,
  ) {
    this.#backoff = backoff;
    this.#scheduler = scheduler;
    this.#threshold = threshold;
  }

  get state(): CircuitState {
    return this.#state;
  }

  /** Sends allowed at once: `concurrency`, or one while probing. */
  slots(concurrency: number): number {
    return this.#state.kind === 'probing' ? 1 : concurrency;
  }

  /** Counts an outcome: a send that delivered or was refused for good (`succeeded`), or `failed`. */
  record(event: 'succeeded' | 'failed'): void {
    this.#dispatch(event);
  }

  close(): void {
    this.#wait?.unsubscribe();
    this.#passing.complete();
  }

  #dispatch(event: CircuitEvent): void {
    const before = this.#state;
    const after = nextCircuitState(before, event, this.#threshold);
    if (after === before) return;
    this.#state = after;
    if (after.kind === 'open' && before.kind !== 'open') {
      const delayMs = fullJitterDelay(after.openings - 1, this.#backoff);
      log('%d sends failed in a row: sending pauses %d ms, then one send probes', this.#threshold, Math.round(delayMs));
      this.#wait = this.#scheduler.schedule(() => this.#dispatch('wait-over'), delayMs);
    } else if (after.kind === 'closed' && before.kind !== 'closed') {
      log('a send went through: sending resumes');
    }
    this.#passing.next(after.kind !== 'open');
  }
}
