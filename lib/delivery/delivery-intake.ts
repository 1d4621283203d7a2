import type { SchedulerLike } from '../rx';
import type { OutboundMessage } from '../cloud/outbound-message';
import { logger } from '../logging';
import { OutboxOverflowError } from '../operators/outbox-overflow-error';
import type { AppendOutcome, KeptIds, OutboxStore } from '../outbox/outbox-store';
import type { DeliveryReporter } from './delivery-reporter';
import type { DeliveryWaiter } from './delivery-waiter';
import { endOfRunTask, type EndOfRunTask } from './end-of-run';
import type { StoreHealth } from './store-health';

const log = logger('delivery');

/** What the intake needs besides the store: the rest of the pipeline, handed over once. */
export interface IntakeContext {
  readonly store: OutboxStore;
  readonly reporter: DeliveryReporter;
  readonly health: StoreHealth;
  readonly scheduler: SchedulerLike;
  /** Entries on their way, which the overflow policy must not evict. */
  readonly onTheirWay: KeptIds;
  /** Whether sends can start now (else an accepted message is `held`). */
  readonly ready: () => boolean;
  /** Something was accepted: the pipeline may send. */
  readonly accepted: () => void;
}

/**
 * The first stage: every message enters the outbox here. Fire-and-forget messages (`send$`,
 * periodic messages) that arrive in one synchronous run are stored together at the end of it, in
 * one transaction (what makes a durable outbox keep up with a fast producer); awaited messages are
 * stored at once, after that burst. Each message is reported `buffered`, or `dropped` with why.
 */
export class DeliveryIntake {
  #burst: OutboundMessage[] = [];
  /** The flush of the burst at the end of the run. */
  readonly #flushSoon: EndOfRunTask;

  readonly #context: IntakeContext;

  constructor(context: IntakeContext) {
    this.#context = context;
    this.#flushSoon = endOfRunTask(context.scheduler, () => this.flush());
  }

  /** Adds a fire-and-forget message to the current burst, stored when the run ends. */
  add(message: OutboundMessage): void {
    this.#burst.push(message);
    this.#flushSoon.request();
  }

  /** Stores the current burst now. */
  flush(): void {
    this.#flushSoon.unsubscribe();
    const burst = this.#burst;
    if (burst.length === 0) return;
    this.#burst = [];
    this.#store(burst, undefined, false);
  }

  /** Stores `messages` at once, after this run's burst (which keeps its place); the ids accepted. */
  storeNow(messages: readonly OutboundMessage[], waiter: DeliveryWaiter): number[] {
    this.flush();
    return this.#store(messages, waiter, true);
  }

  /** Drops a scheduled flush (the pipeline closes). */
  cancel(): void {
    this.#flushSoon.unsubscribe();
  }

  /**
   * One append. Unrelated fire-and-forget messages (`atomic` false) refused together by the
   * `error` policy are tried one by one, so each is accepted if it fits.
   */
  #store(messages: readonly OutboundMessage[], waiter: DeliveryWaiter | undefined, atomic: boolean): number[] {
    const { store, scheduler, onTheirWay, health } = this.#context;
    let outcome: AppendOutcome;
    try {
      outcome = store.append(messages, { acceptedAt: scheduler.now(), keep: onTheirWay });
    } catch (error) {
      if (error instanceof OutboxOverflowError && !atomic && messages.length > 1) {
        return messages.flatMap((message) => this.#store([message], waiter, true));
      }
      this.#refuse(messages, waiter, error);
      return [];
    }
    health.ok();
    return this.#accepted(messages, waiter, outcome);
  }

  #accepted(messages: readonly OutboundMessage[], waiter: DeliveryWaiter | undefined, outcome: AppendOutcome): number[] {
    const { reporter } = this.#context;
    const ids: number[] = [];
    const held = !this.#context.ready();
    for (let index = 0; index < outcome.entries.length; index += 1) {
      const entry = outcome.entries[index];
      if (entry === null) {
        reporter.dropped(messages[index], undefined, 'drop-newest', waiter);
        continue;
      }
      ids.push(entry.id);
      if (waiter !== undefined) reporter.wait(entry.id, waiter);
      if (reporter.hears('buffered')) reporter.event({ type: 'buffered', entry, held });
    }
    for (const entry of outcome.evicted) reporter.dropped(entry.message, entry.id, 'drop-oldest', reporter.takeWaiter(entry.id));
    if (log.enabled) log('accepted %d messages into the outbox%s', outcome.entries.length, held ? ', held until they can be sent' : '');
    reporter.account.changed();
    this.#context.accepted();
    return ids;
  }

  /** The outbox refused the whole batch: full with policy `error`, or it could not store it. */
  #refuse(messages: readonly OutboundMessage[], waiter: DeliveryWaiter | undefined, error: unknown): void {
    const { reporter } = this.#context;
    const overflow = error instanceof OutboxOverflowError;
    const cause = overflow ? error : this.#context.health.failed(error);
    log('outbox refused %d messages: %s', messages.length, cause.message);
    for (const message of messages) {
      reporter.account.count('dropped');
      reporter.event({ type: 'dropped', message, reason: overflow ? 'refused' : 'storage' });
    }
    waiter?.gaveUp(cause);
    reporter.account.changed();
  }
}
