import { defer, map, type Observable, type SchedulerLike, startWith, Subject } from '../rx';
import type { OutboxStoreStats } from '../outbox/outbox-store';
import type { DeliveryStats } from './delivery-event';

/** The totals a pipeline counts over its life. */
export type DeliveryCount = 'delivered' | 'failed' | 'dropped' | 'retries' | 'refused';

/**
 * A pipeline's counters (totals since it was created) and gauges (read from the outbox and the
 * sends under way when asked), as `stats()` and `stats$`. Kept apart from the pipeline so its
 * delivery logic does not mix with bookkeeping.
 */
export class DeliveryStatsAccount {
  readonly #counts: Record<DeliveryCount, number> = { delivered: 0, failed: 0, dropped: 0, retries: 0, refused: 0 };
  /** Ticks whenever something `stats()` reports may have changed. */
  readonly #changed = new Subject<void>();
  /** Gauges at close, served (with the counters, which still count refusals) once the store is gone. */
  #final?: Pick<DeliveryStats, 'pendingCount' | 'pendingBytes' | 'inFlight' | 'oldestPendingAgeMs'>;

  /** Stats now and after every change (not on the mere passing of time: call `stats()` for a fresh age). */
  readonly stats$: Observable<DeliveryStats>;

  readonly #gauges: () => { readonly store: OutboxStoreStats; readonly inFlight: number };
  readonly #scheduler: SchedulerLike;

  constructor(
    gauges: () => { readonly store: OutboxStoreStats; readonly inFlight: number },
    scheduler: SchedulerLike,
  ) {
    this.#gauges = gauges;
    this.#scheduler = scheduler;
    this.stats$ = defer(() => this.#changed.pipe(startWith(undefined), map(() => this.stats())));
  }

  /** One more of `kind` (does not announce it: call `changed()` once the step is done). */
  count(kind: DeliveryCount): void {
    this.#counts[kind]++;
  }

  /** Something `stats()` reports may have changed: `stats$` emits. */
  changed(): void {
    if (this.#changed.observed) this.#changed.next();
  }

  /** Counters and gauges right now (the ones taken at `freeze()` once frozen). */
  stats(): DeliveryStats {
    if (this.#final !== undefined) return { ...this.#final, ...this.#counts };
    const { store, inFlight } = this.#gauges();
    return {
      pendingCount: store.pendingCount,
      pendingBytes: store.pendingBytes,
      inFlight,
      ...this.#counts,
      oldestPendingAgeMs: store.oldestAcceptedAt === undefined ? undefined : this.#scheduler.now() - store.oldestAcceptedAt,
    };
  }

  /**
   * Keeps the stats as they are now, with nothing in flight (the pipeline closes its store);
   * `emptied` when the store keeps nothing across the close, so nothing is pending any more.
   */
  freeze({ emptied }: { readonly emptied: boolean }): void {
    const { pendingCount, pendingBytes, oldestPendingAgeMs } = this.stats();
    this.#final = emptied
      ? { inFlight: 0, pendingCount: 0, pendingBytes: 0, oldestPendingAgeMs: undefined }
      : { inFlight: 0, pendingCount, pendingBytes, oldestPendingAgeMs };
  }

  /** Completes `stats$`. */
  complete(): void {
    this.#changed.complete();
  }
}
