import { asyncScheduler, Observable, type SchedulerLike, type Subscriber, Subscription } from '../rx';
import type { OutboundMessage } from '../cloud/outbound-message';
import type { SendResult } from '../cloud/send-result';
import { InvalidArgumentError } from '../errors';
import { logger } from '../logging';
import { Backoff } from '../operators/backoff';
import { checkBackoffOptions, DEFAULT_BACKOFF } from '../operators/backoff-options';
import { boundedHold } from '../operators/bounded-hold';
import { emitEach } from '../operators/emit-each';
import { MemoryOutboxStore } from '../outbox/memory-outbox-store';
import { checkOutboundMessage } from '../outbox/outbox-limits';
import type { OutboxEntry, OutboxStore } from '../outbox/outbox-store';
import { Acknowledger } from './acknowledger';
import { CircuitBreaker } from './circuit-breaker';
import { deliveryClosed } from './delivery-closed';
import type { DeliveryEvent, DeliveryResult, DeliveryStats } from './delivery-event';
import { DeliveryIntake } from './delivery-intake';
import { checkDeliveryOptions, type DeliveryPipelineOptions } from './delivery-options';
import { DeliveryReporter } from './delivery-reporter';
import { DeliveryStatsAccount } from './delivery-stats-account';
import { batchWaiter, SingleMessageWaiter, waitLimit, type DeliveryWaiter, type SubmitOptions } from './delivery-waiter';
import { endOfRunTask, type EndOfRunTask } from './end-of-run';
import { Journeys } from './journeys';
import { LinkGate } from './link-gate';
import { reportLostAtClose } from './lost-at-close';
import { MessageBackoff } from './message-backoff';
import type { MessageResult } from './message-result';
import type { OutboxHealth } from './outbox-health';
import { sendAttempts, type MessageSend } from './send-attempt';
import type { AttemptOutcome } from './settled';
import { StoreHealth } from './store-health';
import { WakeUps } from './wake-ups';

export type { DeliveryPipelineOptions } from './delivery-options';
export type { SubmitOptions } from './delivery-waiter';

const log = logger('delivery');

/** The pipeline's life: sending only while `running`; `closed` for good. */
type PipelineState =
  | { readonly kind: 'created' }
  | { readonly kind: 'running'; readonly delivery: Subscription }
  | { readonly kind: 'closed'; readonly released: Promise<void> };

/**
 * Takes every outbound message into an outbox first and sends it from there. The outbox is the
 * buffer; the way out of it is one RxJS pipeline (`#deliver$`), read top to bottom:
 *
 * 1. **intake** (`DeliveryIntake`): a message is stored (a burst of `send$` in one transaction),
 *    reported `buffered`, and wakes the pipeline;
 * 2. wake-ups are **held while the link is down or the circuit is open** (`boundedHold`; one held
 *    wake-up stands for any number);
 * 3. each wake-up **takes** (`emitEach`, `Journeys.take`) the retries that are due, then the
 *    oldest entries of the outbox, one per free slot of `concurrency`, never one on its way;
 * 4. each is **sent** once (`sendAttempts`): the outcome is delivered, failed for good, or
 *    transient;
 * 5. a transient one **backs off**: that message alone waits (`backoff`, growing with its own
 *    failures), then is due again; failures in a row across messages open the `CircuitBreaker`,
 *    which pauses every send and probes; after `maxAttempts` the message is given up;
 * 6. a settled one is **acknowledged** (`Acknowledger`): the entries settled together leave the
 *    outbox in one `remove`, and only then are their results reported (`DeliveryReporter`).
 *
 * With `concurrency` 1 messages go out in order (a retry keeps its place); with n, up to n at
 * once, oldest first. A send under way when the link drops is not cancelled: its answer counts.
 * Store faults are never taken for success (`StoreHealth`). Call `start()` after subscribing to
 * `results$` / `events$`; `close()` releases everything.
 */
export class DeliveryPipeline {
  /** Final results, one per delivered or permanently failed message, in order of completion. */
  readonly results$: Observable<DeliveryResult>;
  /** Buffered / sent / failed / dropped / retry / health notifications. */
  readonly events$: Observable<DeliveryEvent>;
  /** Stats now and after every change (not on the mere passing of time: call `stats()` for a fresh age). */
  readonly stats$: Observable<DeliveryStats>;
  /** The outbox's health: the current one at once, then every change between `ok` and `failing`. */
  readonly health$: Observable<OutboxHealth>;

  #state: PipelineState = { kind: 'created' };
  readonly #store: OutboxStore;
  readonly #send: MessageSend;
  readonly #concurrency: number;
  readonly #scheduler: SchedulerLike;
  /** Sends may start: the link is up and the circuit closed. */
  readonly #gate: LinkGate;
  /** Something may be sendable: a message was accepted, a slot freed, a retry is due. */
  readonly #wake = new WakeUps();
  /** A wake-up at the end of this run (after a settle). */
  readonly #wakeSoon: EndOfRunTask;
  readonly #journeys = new Journeys();
  readonly #circuit: CircuitBreaker;
  readonly #reporter: DeliveryReporter;
  readonly #health: StoreHealth;
  readonly #intake: DeliveryIntake;
  readonly #acknowledger: Acknowledger;
  readonly #messageBackoff: MessageBackoff;

  constructor(options: DeliveryPipelineOptions) {
    const { concurrency, maxAttempts } = checkDeliveryOptions(options);
    this.#concurrency = concurrency;
    const scheduler = (this.#scheduler = options.scheduler ?? asyncScheduler);
    const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    checkBackoffOptions(backoff);
    this.#circuit = new CircuitBreaker(backoff, scheduler);
    const store = (this.#store = options.store ?? new MemoryOutboxStore());
    this.#send = options.send;
    this.#gate = new LinkGate(options.connected$, this.#circuit.passing$, scheduler, (connected) => this.#logLink(connected));
    this.#wakeSoon = endOfRunTask(scheduler, () => this.#wake.wake());
    const account = new DeliveryStatsAccount(() => this.#journeys.gauges(store.stats()), scheduler);
    const reporter = (this.#reporter = new DeliveryReporter(account, options.listens));
    this.#health = new StoreHealth(
      store,
      new Backoff(backoff, scheduler),
      () => {
        this.#acknowledger.flush();
        this.#wake.wake();
      },
      (health) => reporter.event({ type: 'health', health }),
    );
    const health = this.#health;
    this.#intake = new DeliveryIntake({
      store,
      reporter,
      health,
      scheduler,
      onTheirWay: this.#journeys.ids,
      ready: () => this.#gate.ready,
      accepted: () => {
        if (this.#state.kind === 'running') this.#wake.wake();
      },
    });
    this.#acknowledger = new Acknowledger(store, this.#journeys, reporter, health, scheduler, ({ entry }) => this.#gate.waitedForLink(entry.acceptedAt));
    this.#messageBackoff = new MessageBackoff(backoff, maxAttempts, this.#journeys, this.#acknowledger, reporter, scheduler, () => this.#wake.wake());
    this.results$ = reporter.results$;
    this.events$ = reporter.events$;
    this.stats$ = account.stats$;
    this.health$ = health.health$;
  }

  /** The outbox's health now (when failing: with the newest error). */
  get health(): OutboxHealth {
    return this.#health.health;
  }

  /** Starts sending, including what a durable outbox kept from a previous run. */
  start(): void {
    if (this.#state.kind === 'closed') throw deliveryClosed();
    if (this.#state.kind === 'running') return;
    const waiting = this.#store.stats().pendingCount;
    if (waiting > 0) log('resuming %d pending messages from the outbox', waiting);
    const delivery = new Subscription();
    this.#state = { kind: 'running', delivery };
    delivery.add(this.#deliver$().subscribe((outcome) => this.#arrive(outcome)));
    this.#wake.wake(); // what a previous run left
  }

  /**
   * Sends one message. Cold: on subscribe the message is stored in the outbox at once (after any
   * fire-and-forget messages of the same run, which keep their place in line); unsubscribing
   * later only stops waiting (it is still delivered). Emits the final `SendResult` once the
   * message is delivered, also after any number of reconnects, then completes; errors with
   * `MessageFailedError` on a permanent code, `MessageDroppedError` if the overflow policy
   * dropped it, `OutboxOverflowError` if the outbox refused it, `OutboxStoreError` if it could
   * not be stored, and with `timeoutMs` a `MessageTimeoutError` (carrying the last failure's
   * cause) once that passed without delivery.
   */
  submit$(message: OutboundMessage, options?: SubmitOptions): Observable<MessageResult> {
    const timeout = waitLimit(options, this.#scheduler);
    return this.#submitted([message], (subscriber) => new SingleMessageWaiter(message, (result) => {
      subscriber.next(result);
      subscriber.complete();
    }, (error) => subscriber.error(error), timeout));
  }

  /** `submit$` as a Promise: the same intake, one waiter object and no Observable per message. */
  submit(message: OutboundMessage, options?: SubmitOptions): Promise<MessageResult> {
    return new Promise((resolve, reject) => void this.#accept([message], new SingleMessageWaiter(message, resolve, reject, waitLimit(options, this.#scheduler))));
  }

  /**
   * Sends messages that belong together: on subscribe they are stored at once, in one
   * transaction. Emits one `SendResult` per message as each is delivered or fails permanently
   * (failures are results here, not errors), completes after the last. Errors if the batch was
   * refused (`OutboxOverflowError`, `OutboxStoreError`: nothing accepted) or one of its messages
   * was dropped (`MessageDroppedError`).
   */
  submitMany$(messages: readonly OutboundMessage[]): Observable<SendResult> {
    if (!Array.isArray(messages)) {
      return new Observable((subscriber) => subscriber.error(new InvalidArgumentError('messages', 'messages must be an array')));
    }
    return this.#submitted(messages, (subscriber) => batchWaiter(subscriber, messages.length));
  }

  /**
   * Fire-and-forget: the message joins the other fire-and-forget messages of this synchronous
   * run, stored together in one transaction at its end; its result appears only on `results$` /
   * `events$`. Throws `InvalidArgumentError` for a malformed message, `ClosedError` once closed.
   */
  enqueue(message: OutboundMessage): void {
    if (this.#state.kind === 'closed') throw deliveryClosed();
    checkOutboundMessage(message, 0);
    this.#intake.add(message);
  }

  /** A message a sink refused before it reached the outbox (malformed, or after close): counted in `stats().refused`. */
  refused(): void {
    this.#reporter.account.count('refused');
    this.#reporter.account.changed();
  }

  /** Counters and gauges right now. */
  stats(): DeliveryStats {
    return this.#reporter.account.stats();
  }

  /**
   * Stores the current burst, removes what was delivered, stops sending (sends under way are
   * cancelled; their messages stay in the outbox), closes the outbox, and errors every waiter with
   * `ClosedError` (`delivery`). A durable outbox resumes all of it on the next start; an
   * outbox in memory loses it, and each message is reported `dropped` (reason `closed`).
   * Resolves once the outbox is closed and every stream completed (again for a second call).
   */
  close(): Promise<void> {
    if (this.#state.kind === 'closed') return this.#state.released;
    try {
      this.#intake.flush();
    } catch (error) {
      log('could not store the last burst while closing: %s', String(error));
    }
    if (this.#state.kind === 'running') this.#state.delivery.unsubscribe();
    this.#intake.cancel();
    this.#wakeSoon.unsubscribe();
    this.#acknowledger.cancel();
    const retryWaited = this.#health.retrying;
    this.#health.close();
    if (!retryWaited) this.#acknowledger.flush();
    this.#circuit.close();
    const emptied = this.#store.durable === false;
    if (emptied) reportLostAtClose(this.#store, this.#journeys, this.#reporter);
    this.#reporter.account.freeze({ emptied });
    this.#journeys.clear();
    this.#state = { kind: 'closed', released: this.#store.close() };
    this.#reporter.close(deliveryClosed);
    this.#reporter.account.complete();
    this.#wake.complete();
    return this.#state.released;
  }

  /** The way out of the outbox: from wake-ups to the outcome of each send (see the class comment). */
  #deliver$(): Observable<AttemptOutcome> {
    return this.#wake.wakeUps$.pipe(
      boundedHold(this.#gate.ready$, { maxMessages: 1, overflow: 'drop-newest' }), // held while offline or the circuit is open
      emitEach(() => this.#take()), // due retries, then the oldest waiting entries, one per free slot
      sendAttempts(this.#send), // at most `concurrency` at once: `#take` gives no more
    );
  }

  #take(): readonly OutboxEntry[] {
    if (this.#state.kind !== 'running') return [];
    const slots = this.#circuit.slots(this.#concurrency);
    try {
      const taken = this.#journeys.take(slots, this.#concurrency === 1, this.#store);
      if (taken.length > 0) this.#reporter.account.changed();
      return taken;
    } catch (error) {
      this.#health.failed(error); // its retry wakes the pipeline again
      return [];
    }
  }

  /** Where an outcome goes: settled ones to the acknowledger, transient ones to their backoff. */
  #arrive(outcome: AttemptOutcome): void {
    // The next send starts at the end of this run, before the removal that a settle schedules (a
    // disk flush then overlaps the next exchange); not from inside the send that just ended, so
    // there is no recursion however fast sends are.
    this.#wakeSoon.request();
    const { entry } = outcome;
    const journey = this.#journeys.get(entry.id);
    const failures = journey?.kind === 'sending' ? journey.failures : 0;
    if (outcome.kind !== 'transient') {
      this.#circuit.record('succeeded');
      this.#acknowledger.settle(outcome);
    } else {
      this.#circuit.record('failed');
      this.#messageBackoff.failed(entry, failures + 1, outcome.cause);
    }
  }

  /** Stores awaited `messages` at once (after this run's burst); the ids accepted. */
  #accept(messages: readonly OutboundMessage[], waiter: DeliveryWaiter): number[] {
    if (this.#state.kind === 'closed') throw deliveryClosed();
    messages.forEach(checkOutboundMessage);
    return messages.length === 0 ? [] : this.#intake.storeNow(messages, waiter);
  }

  /** Subscribes `messages` to the outbox at once, with a waiter made by `waiterFor`. */
  #submitted<R extends SendResult>(messages: readonly OutboundMessage[], waiterFor: (subscriber: Subscriber<R>) => DeliveryWaiter): Observable<R> {
    return new Observable<R>((subscriber) => {
      const waiter = waiterFor(subscriber);
      const ids = this.#accept(messages, waiter);
      if (messages.length === 0) subscriber.complete();
      return () => {
        waiter.release?.();
        for (const id of ids) this.#reporter.forget(id, waiter);
      };
    });
  }

  #logLink(connected: boolean): void {
    if (connected) log('connection established, %d messages waiting', this.#journeys.gauges(this.#store.stats()).store.pendingCount);
    else log('connection lost, holding messages (%d sends under way finish)', this.#journeys.count('sending'));
  }

  /** Promise form of `submitMany$()`: every message's result, in the order they settled. */
  submitMany(messages: readonly OutboundMessage[]): Promise<SendResult[]> {
    return new Promise((resolve, reject) => {
      const results: SendResult[] = [];
      this.submitMany$(messages).subscribe({ next: (result) => results.push(result), error: reject, complete: () => resolve(results) });
    });
  }
}
