import type { SchedulerLike, Unsubscribable } from '../rx';
import { logger } from '../logging';
import type { OutboxStore } from '../outbox/outbox-store';
import type { DeliveryReporter } from './delivery-reporter';
import type { Journeys } from './journeys';
import { endOfRunTask, type EndOfRunTask } from './end-of-run';
import type { Settled } from './settled';
import type { StoreHealth } from './store-health';

const log = logger('delivery');

/** The longest a removal waits for others to share its commit. */
const MAX_GROUP_WAIT_MS = 50;

/** Whether a removal of the settled entries is on its way. */
type RemovalState =
  | { readonly kind: 'idle' }
  /** Due at the end of this run, or a little later while other sends are under way (`handle` cancels it). */
  | { readonly kind: 'scheduled'; readonly handle: Unsubscribable }
  /** The last removal failed: the store's retry removes what settled meanwhile too. */
  | { readonly kind: 'blocked' };
const IDLE: RemovalState = { kind: 'idle' };
const BLOCKED: RemovalState = { kind: 'blocked' };

/**
 * The last stage: settled entries leave the outbox together, in one `remove` (one commit for a
 * durable outbox), and only then is each reported, so nothing reported delivered is ever sent
 * again, not even after a crash. A removal comes at the end of the run in which entries settled.
 * When removals from a durable outbox take time (a disk flush) and other sends are under way, it
 * waits a little (4 times the last removal, at most 50 ms): the flush then overlaps their exchanges
 * instead of holding them up, and what settles meanwhile shares its commit. An awaited message
 * alone is removed at once, and so is every removal from an outbox in memory (no flush to share;
 * a removal the millisecond clock happened to see as 1 ms long would otherwise hold up the next).
 */
export class Acknowledger {
  #state: RemovalState = IDLE;
  /** How long the last removal took (scheduler clock). */
  #lastTookMs = 0;
  /** The settled entries not yet removed, in the order they settled. */
  #batch: Settled[] = [];
  /** The removal at the end of the run, and the state it stands for (made once: asked for per message). */
  readonly #removeSoon: EndOfRunTask;
  readonly #scheduledAtEndOfRun: RemovalState;

  readonly #store: OutboxStore;
  readonly #journeys: Journeys;
  readonly #reporter: DeliveryReporter;
  readonly #health: StoreHealth;
  readonly #scheduler: SchedulerLike;
  readonly #buffered: (settled: Settled) => boolean;

  constructor(
    store: OutboxStore,
    journeys: Journeys,
    reporter: DeliveryReporter,
    health: StoreHealth,
    scheduler: SchedulerLike,
    /** Whether a settled message had waited for the link (for the log). */
    buffered: (settled: Settled) => boolean,
  ) {
    this.#store = store;
    this.#journeys = journeys;
    this.#reporter = reporter;
    this.#health = health;
    this.#scheduler = scheduler;
    this.#buffered = buffered;
    this.#removeSoon = endOfRunTask(scheduler, () => this.#removeOrWait());
    this.#scheduledAtEndOfRun = { kind: 'scheduled', handle: this.#removeSoon };
  }

  /** `settled` is never sent again; it leaves the outbox with the next removal. */
  settle(settled: Settled): void {
    this.#journeys.move(settled.entry.id, { kind: 'settled', settled });
    this.#batch.push(settled);
    if (this.#state.kind !== 'idle') return;
    if (this.#health.retrying) {
      this.#state = BLOCKED; // a store retry waits: it removes these too
      return;
    }
    this.#removeSoon.request();
    this.#state = this.#scheduledAtEndOfRun;
  }

  /** At the end of the run (after the next sends started): remove now, or a little later while others are under way. */
  #removeOrWait(): void {
    const waitMs = this.#store.durable ? Math.min(MAX_GROUP_WAIT_MS, 4 * this.#lastTookMs) : 0;
    if (waitMs === 0 || this.#journeys.count('sending') === 0) {
      this.flush();
      return;
    }
    this.#state = { kind: 'scheduled', handle: this.#scheduler.schedule(() => this.flush(), waitMs) };
  }

  /**
   * Removes every settled entry in one `remove`, then reports them. If the removal fails they
   * stay settled (never sent again in this run, not reported yet) and the store's retry calls
   * this again.
   */
  flush(): void {
    if (this.#state.kind === 'scheduled') this.#state.handle.unsubscribe();
    this.#state = IDLE;
    const settled = this.#batch;
    if (settled.length === 0) return;
    const startedAt = this.#scheduler.now();
    try {
      this.#store.remove(settled.map(({ entry }) => entry.id));
    } catch (error) {
      log('could not remove %d settled messages; they are not sent again and their removal is retried', settled.length);
      this.#state = BLOCKED;
      this.#health.failed(error);
      return;
    }
    this.#batch = [];
    this.#lastTookMs = this.#scheduler.now() - startedAt;
    this.#health.ok();
    for (const each of settled) {
      this.#journeys.move(each.entry.id, undefined);
      this.#reporter.settled(each, this.#buffered(each));
    }
    this.#reporter.account.changed();
  }

  /** Cancels a scheduled removal (the pipeline closes; it calls `flush` once more itself). */
  cancel(): void {
    if (this.#state.kind === 'scheduled') this.#state.handle.unsubscribe();
    this.#state = IDLE;
  }
}
