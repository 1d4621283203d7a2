import type { SchedulerLike, Subscription } from '../rx';
import type { OutboundMessage } from '../cloud/outbound-message';
import type { DeliveryWaiter } from './delivery-waiter';

/** A message on its way into the outbox, with whoever waits for it. */
export interface IntakeItem {
  readonly message: OutboundMessage;
  /** Absent for fire-and-forget messages (`enqueue`). */
  waiter?: DeliveryWaiter;
  /** Set once the outbox accepted it. */
  id?: number;
  /** Its submitter unsubscribed before it was accepted: leave it out. */
  withdrawn?: boolean;
}

/**
 * Gathers the messages submitted in one burst (one tick) and hands them over together, so the
 * outbox writes a burst in one transaction instead of one per message: what makes a durable
 * outbox keep up with a fast producer.
 */
export class DeliveryIntake {
  #items: IntakeItem[] = [];
  /** The scheduled `flush`, one per burst. */
  #scheduledFlush?: Subscription;

  constructor(
    private readonly scheduler: SchedulerLike,
    /** Writes a burst (never empty) to the outbox. */
    private readonly accept: (items: readonly IntakeItem[]) => void,
  ) {}

  /** Adds a message to the current burst; the burst is flushed on the next tick. */
  add(item: IntakeItem): void {
    this.#items.push(item);
    if (this.#scheduledFlush === undefined) {
      // One schedule per burst: every message submitted before it fires shares one transaction.
      this.#scheduledFlush = this.scheduler.schedule(() => {
        this.#scheduledFlush = undefined;
        this.flush();
      });
    }
  }

  /** Hands the current burst over now (withdrawn messages left out). */
  flush(): void {
    this.#scheduledFlush?.unsubscribe();
    this.#scheduledFlush = undefined;
    const items = this.#items.filter((item) => !item.withdrawn);
    this.#items = [];
    if (items.length > 0) this.accept(items);
  }

  /** Cancels a scheduled flush (the pipeline is closing). */
  cancel(): void {
    this.#scheduledFlush?.unsubscribe();
  }
}
