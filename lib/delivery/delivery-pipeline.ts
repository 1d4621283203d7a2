import {
  asyncScheduler,
  BehaviorSubject,
  catchError,
  defer,
  distinctUntilChanged,
  map,
  Observable,
  Subject,
  type SchedulerLike,
  type Subscriber,
  Subscription,
  throwError,
  type Unsubscribable,
} from '../rx';
import { combineLatest, concat, concatMap, mergeMap, NEVER, of, share, ReplaySubject, tap } from '../rx-extra';
import type { OutboundMessage } from '../cloud/outbound-message';
import { ERR_UNKNOWN, resultForCode } from '../cloud/result-codes';
import type { SendResult } from '../cloud/send-result';
import { InvalidArgumentError } from '../errors';
import { logger } from '../logging';
import { Backoff } from '../operators/backoff';
import { DEFAULT_BACKOFF, type BackoffOptions } from '../operators/backoff-options';
import { boundedHold } from '../operators/bounded-hold';
import { OutboxOverflowError } from '../operators/outbox-overflow-error';
import { retryWithBackoff } from '../operators/retry-with-backoff';
import { MemoryOutboxStore } from '../outbox/memory-outbox-store';
import { checkOutboundMessage } from '../outbox/outbox-limits';
import type { AppendOutcome, OutboxEntry, OutboxStore } from '../outbox/outbox-store';
import { OutboxStoreError } from '../outbox/outbox-store-error';
import type { DeliveryEvent, DeliveryResult, DeliveryStats } from './delivery-event';
import { DeliveryIntake } from './delivery-intake';
import { deliveryClosed } from './delivery-closed';
import { DeliveryStatsAccount } from './delivery-stats-account';
import { endOfRun, type EndOfRun } from './end-of-run';
import { batchWaiter, singleMessageWaiter, type DeliveryWaiter } from './delivery-waiter';
import { MessageAttemptsExhaustedError } from './message-attempts-exhausted-error';
import { MessageDroppedError, type DropReason } from './message-dropped-error';
import { MessageFailedError } from './message-failed-error';
import { NoSendResultError } from './no-send-result-error';
import { OUTBOX_OK, type OutboxHealth } from './outbox-health';
import { TransientSendError } from './transient-send-error';

const log = logger('delivery');

export interface DeliveryPipelineOptions {
  /** Where accepted messages wait; the pipeline owns it and closes it. Default: a `MemoryOutboxStore`. */
  readonly store?: OutboxStore;
  /** Whether messages may flow now. Nothing is sent until it emits `true`. */
  readonly connected$: Observable<boolean>;
  /**
   * Sends one message: a cold Observable whose first value is the cloud's answer. An error (or
   * completing without a value) counts as a transport failure and is retried.
   */
  readonly send: (message: OutboundMessage) => Observable<SendResult>;
  /** Sends under way at once (default 1, which keeps the order of messages). */
  readonly concurrency?: number;
  /** Waits between failed sends, and between failed store operations (defaults: `DEFAULT_BACKOFF`). */
  readonly backoff?: Partial<BackoffOptions>;
  /**
   * Sends of one message before it is given up as undelivered (default `Infinity`: retry until
   * delivered, what a device that must not lose data wants). For one-shot scripts: after this many
   * transient failures the message fails with its last result (`MessageAttemptsExhaustedError`)
   * and leaves the outbox. Counted per run: a durable outbox's messages start again from 0.
   */
  readonly maxAttempts?: number;
  /** Clock and timers (default `asyncScheduler`). */
  readonly scheduler?: SchedulerLike;
}

/** How one message's delivery ended. */
type Settled =
  /** The cloud answered a delivered code (0 or 1). */
  | { readonly kind: 'delivered'; readonly entry: OutboxEntry; readonly result: SendResult }
  /** The cloud answered a permanent code. */
  | { readonly kind: 'failed'; readonly entry: OutboxEntry; readonly result: SendResult }
  /** `maxAttempts` sends failed transiently; `result` is the last answer (or stands for no answer). */
  | { readonly kind: 'exhausted'; readonly entry: OutboxEntry; readonly result: SendResult; readonly attempts: number };

/** The pipeline's life: sending only while `running`; `closed` for good. */
type PipelineState =
  | { readonly kind: 'created' }
  | { readonly kind: 'running'; readonly delivery: Subscription }
  | { readonly kind: 'closed' };

/**
 * Takes every outbound message into an outbox first and sends it from there: the outbox is the
 * buffer, and the way out of it is one RxJS pipeline (`#deliver$`), read top to bottom:
 *
 * 1. wake-ups (a message was accepted, a delivery settled, a store retry is due) are **held while
 *    the link is down or sending backs off** (`boundedHold`; one held wake-up stands for any number);
 * 2. each wake-up **takes the oldest pending entries**, as many as there are free slots of
 *    `concurrency` (never one already on its way);
 * 3. each entry is **sent** (`mergeMap`, at most `concurrency` at once); only a send that does
 *    not deliver goes on to be **retried with backoff** (`retryWithBackoff` on a `Backoff` shared
 *    by all sends, so a failure pauses every new send), and **waits for the link** before each
 *    retry (`retryWithBackoff`'s `connected$`, a `holdUntilConnected` on the wake-up);
 * 4. a settled entry is **acknowledged**: every entry settled in one synchronous run leaves the
 *    outbox in one `remove` (one commit for a durable outbox), and only then is its result
 *    reported.
 *
 * Rules it keeps:
 * - Transient answers (`retryable`) and transport errors keep the message queued; a permanent
 *   answer fails only that message. With `concurrency` 1 messages go out in order; with n, up to
 *   n at once, oldest first, never the same message twice at once.
 * - A send under way when the link drops is not cancelled: its answer still counts.
 * - Store faults are never taken for success: a message that cannot be stored is refused and
 *   reported (`dropped` with reason `storage`, or the submitter's `OutboxStoreError`); a message
 *   delivered whose removal failed is remembered, never sent again in this run, and its removal
 *   retried with backoff. `health$` tells which.
 * - Messages found in a durable outbox at start (a previous run) are sent like any other; their
 *   results appear on `results$`.
 *
 * Call `start()` after subscribing to `results$` / `events$`; `close()` releases everything.
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

  private readonly store: OutboxStore;
  private readonly send: (message: OutboundMessage) => Observable<SendResult>;
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly scheduler: SchedulerLike;

  #state: PipelineState = { kind: 'created' };
  /** The link, shared by every stage (latest value replayed; an error counts as down for good). */
  readonly #connected$: Observable<boolean>;
  /** True while sends may start: connected and not backing off. */
  readonly #ready$: Observable<boolean>;
  /** Latest value of `#ready$`, for the `held` flag of `buffered`. */
  #ready = false;
  /** Clock time the link last came up; messages accepted before it were held for it. */
  #connectedSince = Number.POSITIVE_INFINITY;
  /** The pause after failed sends, shared by every send. */
  readonly #backoff: Backoff;
  /** The pause after failed store operations. */
  readonly #storeBackoff: Backoff;
  /** Something may be sendable: a message was accepted, a slot freed, a store retry is due. */
  readonly #wake = new Subject<void>();
  /** Entries on their way (being sent, or waiting to be retried), by id. */
  readonly #taken = new Set<number>();
  /** Sends under way right now. */
  #sending = 0;
  /** Settled deliveries not yet removed from the outbox (nor reported), by id; never sent again. */
  readonly #settled = new Map<number, Settled>();
  /** Runs work when this synchronous run ends (see `endOfRun`). */
  readonly #endOfRun: EndOfRun;
  /** Removal of `#settled` and the next wake-up, scheduled for the end of this run; released by `close()`. */
  #afterSettle?: Unsubscribable;
  /** A store operation to retry after `#storeBackoff`; released by `close()`. */
  #storeRetry?: Subscription;
  /** Set by `close()`: resolves once the outbox is closed. */
  #closed?: Promise<void>;
  readonly #health = new BehaviorSubject<OutboxHealth>(OUTBOX_OK);
  /** Waiters by outbox id, only for messages somebody awaits. */
  readonly #waiters = new Map<number, DeliveryWaiter>();
  readonly #results = new Subject<DeliveryResult>();
  readonly #events = new Subject<DeliveryEvent>();
  readonly #account: DeliveryStatsAccount;
  /** Fire-and-forget messages of the current synchronous run, stored together. */
  readonly #intake: DeliveryIntake;

  constructor(options: DeliveryPipelineOptions) {
    const concurrency = options.concurrency ?? 1;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new InvalidArgumentError('concurrency', `concurrency must be a whole number >= 1, got ${String(concurrency)}`);
    }
    const maxAttempts = options.maxAttempts ?? Number.POSITIVE_INFINITY;
    if (!(maxAttempts === Number.POSITIVE_INFINITY || (Number.isInteger(maxAttempts) && maxAttempts >= 1))) {
      throw new InvalidArgumentError('maxAttempts', `maxAttempts must be a whole number >= 1 or Infinity, got ${String(maxAttempts)}`);
    }
    if (typeof options.send !== 'function') {
      throw new InvalidArgumentError('send', 'send must be a function returning an Observable of SendResult');
    }
    this.scheduler = options.scheduler ?? asyncScheduler;
    this.#endOfRun = endOfRun(this.scheduler);
    const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.#backoff = new Backoff(backoff, this.scheduler);
    this.#storeBackoff = new Backoff(backoff, this.scheduler);
    this.store = options.store ?? new MemoryOutboxStore();
    this.send = options.send;
    this.concurrency = concurrency;
    this.maxAttempts = maxAttempts;
    // Never ends: a link that stops reporting keeps its last state; one that fails is down.
    this.#connected$ = concat(options.connected$, NEVER).pipe(
      catchError((error: unknown) => {
        log('connection state failed, holding messages from now on: %s', String(error));
        return concat(of(false), NEVER);
      }),
      distinctUntilChanged(),
      tap((connected) => this.#onConnectionChange(connected)),
      share({ connector: () => new ReplaySubject<boolean>(1) }),
    );
    this.#ready$ = combineLatest([this.#connected$, this.#backoff.waiting$]).pipe(
      map(([connected, waiting]) => connected && !waiting),
      distinctUntilChanged(),
      tap((ready) => (this.#ready = ready)),
      share({ connector: () => new ReplaySubject<boolean>(1) }),
    );
    this.#account = new DeliveryStatsAccount(() => this.#gauges(), this.scheduler);
    this.#intake = new DeliveryIntake(this.#endOfRun, (messages) => this.#accept(messages, undefined, { atomic: false }));
    this.results$ = this.#results.asObservable();
    this.events$ = this.#events.asObservable();
    this.stats$ = this.#account.stats$;
    this.health$ = this.#health.pipe(distinctUntilChanged((a, b) => a.kind === b.kind));
  }

  /** The outbox's health now (when failing: with the newest error). */
  get health(): OutboxHealth {
    return this.#health.value;
  }

  /** Starts sending, including what a durable outbox kept from a previous run. */
  start(): void {
    if (this.#state.kind === 'closed') throw deliveryClosed();
    if (this.#state.kind === 'running') return;
    const waiting = this.store.stats().pendingCount;
    if (waiting > 0) log('resuming %d pending messages from the outbox', waiting);
    const delivery = new Subscription();
    this.#state = { kind: 'running', delivery };
    delivery.add(this.#deliver$().subscribe((settled) => this.#settle(settled)));
    this.#wake.next(); // what a previous run left
  }

  /**
   * Sends one message. Cold: on subscribe the message is stored in the outbox at once (after any
   * fire-and-forget messages of the same run, which keep their place in line); unsubscribing
   * later only stops waiting (it is still delivered). Emits the final `SendResult` once the
   * message is delivered, also after any number of reconnects, then completes; errors with
   * `MessageFailedError` on a permanent code, `MessageDroppedError` if the overflow policy
   * dropped it, `OutboxOverflowError` if the outbox refused it, `OutboxStoreError` if it could
   * not be stored.
   */
  submit$(message: OutboundMessage): Observable<SendResult> {
    return this.#submitted([message], singleMessageWaiter);
  }

  /**
   * `submit$` as a Promise: the message is stored at once, and the promise settles as `submit$`
   * would emit or error. No Observable on the way: it is the path of every awaited `sendMessage`.
   */
  submit(message: OutboundMessage): Promise<SendResult> {
    return new Promise<SendResult>((resolve, reject) => {
      this.#storeFor([message], { delivered: resolve, failed: (_result, error) => reject(error), gaveUp: reject });
    });
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
   * `events$`. For a `send$`-style sink; costs nothing per message beyond its outbox entry.
   * Throws `InvalidArgumentError` for a malformed message.
   */
  enqueue(message: OutboundMessage): void {
    if (this.#state.kind === 'closed') throw deliveryClosed();
    checkOutboundMessage(message, 0);
    this.#intake.add(message);
  }

  /** Counters and gauges right now. */
  stats(): DeliveryStats {
    return this.#account.stats();
  }

  /**
   * Stores the current burst, removes what was delivered, stops sending (sends under way are
   * cancelled; their messages stay in the outbox), closes the outbox, and errors every waiter with
   * `ClosedError` (`delivery`). A durable outbox resumes all of it on the next start; an
   * outbox in memory loses it, and each message is reported `dropped` (reason `closed`).
   * Resolves once the outbox is closed and every stream completed (again for a second call).
   */
  close(): Promise<void> {
    if (this.#state.kind === 'closed') return this.#closed ?? Promise.resolve();
    try {
      this.#intake.flush();
    } catch (error) {
      log('could not store the last burst while closing: %s', String(error));
    }
    if (this.#state.kind === 'running') this.#state.delivery.unsubscribe();
    this.#state = { kind: 'closed' };
    this.#intake.cancel();
    this.#storeRetry?.unsubscribe();
    this.#afterSettle?.unsubscribe();
    this.#removeSettled();
    this.#backoff.close();
    this.#storeBackoff.close();
    const emptied = this.store.durable === false;
    if (emptied) this.#reportLostAtClose();
    this.#account.freeze({ emptied });
    for (const [id, waiter] of this.#waiters) waiter.gaveUp(deliveryClosed(id));
    this.#waiters.clear();
    this.#closed = this.store.close();
    this.#account.complete();
    this.#results.complete();
    this.#events.complete();
    this.#health.complete();
    this.#wake.complete();
    return this.#closed;
  }

  /**
   * A store that keeps nothing across a close loses what still waits in it (sends under way are
   * cancelled with it): each message is reported dropped (`closed`), so none vanishes unseen.
   */
  #reportLostAtClose(): void {
    let waiting: readonly OutboxEntry[];
    try {
      waiting = this.store.pending(Number.POSITIVE_INFINITY);
    } catch (error) {
      log('could not list the messages lost at close: %s', String(error));
      return;
    }
    const lost = waiting.filter((entry) => !this.#settled.has(entry.id));
    if (lost.length > 0) log('closing an outbox in memory: %d waiting messages are lost', lost.length);
    for (const entry of lost) {
      this.#account.count('dropped');
      this.#events.next({ type: 'dropped', message: entry.message, id: entry.id, reason: 'closed' });
    }
  }

  /** The way out of the outbox: from wake-ups to settled deliveries (see the class comment). */
  #deliver$(): Observable<Settled> {
    return this.#wake.pipe(
      boundedHold(this.#ready$, { maxMessages: 1, overflow: 'drop-newest' }), // held while offline or backing off
      concatMap(() => this.#takePending()), // the oldest entries not on their way, one per free slot
      mergeMap((entry) => this.#delivery$(entry), this.concurrency), // sent, retried, settled
    );
  }

  /**
   * One entry's delivery: sent (the link is up: it was just taken); a send that does not deliver
   * goes on as retries with backoff until the entry settles (`#retries$`).
   */
  #delivery$(entry: OutboxEntry): Observable<Settled> {
    return this.#send$(entry, (error) => this.#retries$(entry, error));
  }

  /**
   * What follows a first send that failed with `error`: attempts retried with backoff (the shared
   * `Backoff`: a failure pauses every new send), each held until the link is up, until one
   * settles; after `maxAttempts` the entry settles as exhausted. The first failure enters
   * `retryWithBackoff` as its own first attempt, so it is counted, reported and waited out as
   * every later one is.
   */
  #retries$(entry: OutboxEntry, error: unknown): Observable<Settled> {
    let failedFirst = true;
    const attempt$ = defer(() => {
      if (!failedFirst) return this.#send$(entry);
      failedFirst = false;
      return throwError(() => error);
    });
    return attempt$.pipe(
      retryWithBackoff({
        backoff: this.#backoff,
        connected$: this.#connected$, // a retry waits for the link
        maxRetries: this.maxAttempts - 1,
        scheduler: this.scheduler,
        onRetry: ({ error: cause, attempt, delayMs }) => this.#onRetry(entry, cause, attempt, delayMs),
      }),
      catchError((lastError: unknown) => of(this.#exhausted(entry, lastError))),
    );
  }

  /**
   * One send. A delivered or permanent answer settles the entry. A transient answer, a transport
   * fault, a send that throws or ends without an answer does not: the output then goes on with
   * `otherwise(error)` if given, else errors with it (so `retryWithBackoff` retries it). Written
   * out rather than as `take(1)`, `throwIfEmpty`, `map`, `catchError`, `finalize`: it runs once
   * per message, and the first send of a message is all that almost every message needs.
   */
  #send$(entry: OutboxEntry, otherwise?: (error: unknown) => Observable<Settled>): Observable<Settled> {
    return new Observable<Settled>((subscriber) => {
      /** Whether the answer is still awaited: the first answer counts, and it ends the send. */
      let sending = true;
      this.#sending++;
      this.#account.changed();
      const answered = (): boolean => {
        if (!sending) return false;
        sending = false;
        this.#sending--;
        return true;
      };
      /** What `otherwise` went on with after a send that did not deliver. */
      let then: Subscription | undefined;
      const notDelivered = (error: unknown): void => {
        if (!answered()) return;
        if (otherwise === undefined) subscriber.error(error);
        else then = otherwise(error).subscribe(subscriber);
      };
      let answer: Subscription | undefined;
      try {
        answer = this.send(entry.message).subscribe({
          next: (result) => {
            if (!result.ok && result.retryable) notDelivered(new TransientSendError(result));
            else if (answered()) {
              subscriber.next({ kind: result.ok ? 'delivered' : 'failed', entry, result });
              subscriber.complete();
            }
          },
          error: notDelivered,
          complete: () => notDelivered(new NoSendResultError(entry.id)),
        });
      } catch (error) {
        notDelivered(error);
      }
      return () => {
        answered();
        answer?.unsubscribe();
        then?.unsubscribe();
      };
    });
  }

  /** The oldest pending entries not on their way yet, at most one per free slot (now taken). */
  #takePending(): readonly OutboxEntry[] {
    const free = this.concurrency - this.#taken.size;
    if (free <= 0 || this.#state.kind !== 'running') return [];
    let oldest: readonly OutboxEntry[];
    try {
      oldest = this.store.pending(this.#taken.size + this.#settled.size + free);
    } catch (error) {
      this.#storeFailed(error);
      return [];
    }
    const next = oldest.filter((entry) => !this.#taken.has(entry.id) && !this.#settled.has(entry.id)).slice(0, free);
    for (const entry of next) this.#taken.add(entry.id);
    return next;
  }

  #onRetry(entry: OutboxEntry, error: unknown, attempt: number, delayMs: number): void {
    this.#account.count('retries');
    const cause = error instanceof TransientSendError ? { result: error.result } : { error };
    log('message %d not delivered (%s), sending pauses %d ms', entry.id, describe(error), Math.round(delayMs));
    this.#events.next({ type: 'retry', entry, attempt, delayMs, ...cause });
  }

  /** `maxAttempts` sends failed: the message fails with its last answer, and sending still pauses. */
  #exhausted(entry: OutboxEntry, error: unknown): Settled {
    this.#backoff.failed();
    const result =
      error instanceof TransientSendError ? error.result : { ...resultForCode(ERR_UNKNOWN), description: `No reply: ${describe(error)}` };
    return { kind: 'exhausted', entry, result, attempts: this.maxAttempts };
  }

  /**
   * A delivery settled: its slot is free at once, it is never sent again, and it leaves the outbox
   * with every other entry settled in this synchronous run, in one `remove`.
   */
  #settle(settled: Settled): void {
    this.#taken.delete(settled.entry.id);
    this.#settled.set(settled.entry.id, settled);
    // Once per run, and not from inside the send that just settled (no recursion however fast sends are).
    this.#afterSettle ??= this.#endOfRun(() => {
      this.#afterSettle = undefined;
      // None while a failed removal waits to be retried: that retry takes these along.
      if (this.#storeRetry === undefined) this.#removeSettled();
      this.#wake.next();
    });
  }

  /**
   * Removes every settled entry in one `remove`, then reports them: a result is only reported once
   * its message left the outbox, so nothing reported delivered is sent again, not even after a
   * crash. If the removal fails they stay settled (never sent again in this run, not reported
   * yet) and the removal is retried with backoff.
   */
  #removeSettled(): void {
    if (this.#settled.size === 0) return;
    const settled = [...this.#settled.values()];
    try {
      this.store.remove(settled.map(({ entry }) => entry.id));
    } catch (error) {
      log('could not remove %d settled messages; they are not sent again and their removal is retried', settled.length);
      this.#storeFailed(error);
      return;
    }
    this.#settled.clear();
    this.#setHealth(OUTBOX_OK);
    for (const each of settled) this.#report(each);
    this.#account.changed();
  }

  /** Tells everybody how a delivery ended: results$, events$, stats, and its waiter if any. */
  #report(settled: Settled): void {
    const { entry, result } = settled;
    const waiter = this.#waiters.get(entry.id);
    this.#waiters.delete(entry.id);
    if (this.#results.observed) this.#results.next({ id: entry.id, message: entry.message, result });
    switch (settled.kind) {
      case 'delivered':
        this.#account.count('delivered');
        if (entry.acceptedAt < this.#connectedSince) {
          log('A buffered message has been sent since an active connection is established (message %d)', entry.id);
        } else {
          log('message %d delivered: %s', entry.id, result.name);
        }
        this.#events.next({ type: 'sent', entry, result });
        waiter?.delivered(result);
        break;
      case 'failed':
        this.#account.count('failed');
        log('message %d failed permanently: %s (%d)', entry.id, result.name, result.code);
        this.#events.next({ type: 'failed', entry, result });
        waiter?.failed(result, new MessageFailedError(result, entry.message, entry.id));
        break;
      case 'exhausted':
        this.#account.count('failed');
        log('message %d given up after %d attempts: %s (%d)', entry.id, settled.attempts, result.name, result.code);
        this.#events.next({ type: 'failed', entry, result, attempts: settled.attempts });
        waiter?.failed(result, new MessageAttemptsExhaustedError(result, entry.message, entry.id, settled.attempts));
        break;
    }
  }

  /** Subscribes `messages` to the outbox at once, with a waiter made by `waiterFor`. */
  #submitted(messages: readonly OutboundMessage[], waiterFor: (subscriber: Subscriber<SendResult>) => DeliveryWaiter): Observable<SendResult> {
    return new Observable<SendResult>((subscriber) => {
      const waiter = waiterFor(subscriber);
      let ids: readonly number[];
      try {
        ids = this.#storeFor(messages, waiter);
      } catch (error) {
        subscriber.error(error);
        return;
      }
      if (messages.length === 0) subscriber.complete();
      return () => {
        for (const id of ids) if (this.#waiters.get(id) === waiter) this.#waiters.delete(id);
      };
    });
  }

  /**
   * Stores `messages` at once for `waiter`, after this run's fire-and-forget messages (which keep
   * their place in line); the ids accepted. Throws, storing nothing, when closed or for a
   * malformed message.
   */
  #storeFor(messages: readonly OutboundMessage[], waiter: DeliveryWaiter): readonly number[] {
    if (this.#state.kind === 'closed') throw deliveryClosed();
    messages.forEach(checkOutboundMessage);
    if (messages.length === 0) return [];
    this.#intake.flush();
    return this.#accept(messages, waiter, { atomic: true });
  }

  /**
   * Stores `messages` in one append and returns the ids accepted. Unrelated fire-and-forget
   * messages (`atomic: false`) refused together by the `error` policy are retried one by one, so
   * each is accepted if it fits.
   */
  #accept(messages: readonly OutboundMessage[], waiter: DeliveryWaiter | undefined, { atomic }: { atomic: boolean }): number[] {
    let outcome: AppendOutcome;
    try {
      outcome = this.store.append(messages, { acceptedAt: this.scheduler.now(), keep: this.#kept() });
    } catch (error) {
      if (error instanceof OutboxOverflowError && !atomic && messages.length > 1) {
        return messages.flatMap((message) => this.#accept([message], waiter, { atomic: true }));
      }
      this.#refuse(messages, waiter, error);
      return [];
    }
    this.#setHealth(OUTBOX_OK);
    return this.#accepted(messages, waiter, outcome);
  }

  /** Ids the overflow policy must not evict: entries on their way, and settled ones not yet removed. */
  #kept(): ReadonlySet<number> {
    if (this.#settled.size === 0) return this.#taken;
    return new Set([...this.#taken, ...this.#settled.keys()]);
  }

  #accepted(messages: readonly OutboundMessage[], waiter: DeliveryWaiter | undefined, outcome: AppendOutcome): number[] {
    const ids: number[] = [];
    const held = !this.#ready;
    outcome.entries.forEach((entry, index) => {
      if (entry === null) {
        this.#reportDrop(messages[index], undefined, 'drop-newest', waiter);
        return;
      }
      ids.push(entry.id);
      if (waiter !== undefined) this.#waiters.set(entry.id, waiter);
      this.#events.next({ type: 'buffered', entry, held });
    });
    for (const entry of outcome.evicted) {
      const evictedWaiter = this.#waiters.get(entry.id);
      this.#waiters.delete(entry.id);
      this.#reportDrop(entry.message, entry.id, 'drop-oldest', evictedWaiter);
    }
    log('accepted %d messages into the outbox%s', outcome.entries.length, held ? ', held until they can be sent' : '');
    this.#account.changed();
    if (this.#state.kind === 'running') this.#wake.next();
    return ids;
  }

  /** The outbox refused the whole batch: full with policy `error`, or it could not store it. */
  #refuse(messages: readonly OutboundMessage[], waiter: DeliveryWaiter | undefined, error: unknown): void {
    const overflow = error instanceof OutboxOverflowError;
    const reason: DropReason = overflow ? 'refused' : 'storage';
    const cause = overflow ? error : this.#storeFailed(error);
    log('outbox refused %d messages: %s', messages.length, cause.message);
    for (const message of messages) {
      this.#account.count('dropped');
      this.#events.next({ type: 'dropped', message, reason });
    }
    waiter?.gaveUp(cause);
    this.#account.changed();
  }

  #reportDrop(message: OutboundMessage, id: number | undefined, reason: DropReason, waiter: DeliveryWaiter | undefined): void {
    this.#account.count('dropped');
    log('message %s dropped from the outbox (%s)', id ?? '(new)', reason);
    this.#events.next(id === undefined ? { type: 'dropped', message, reason } : { type: 'dropped', message, id, reason });
    waiter?.gaveUp(new MessageDroppedError(reason, message, id));
  }

  /**
   * A store operation threw: the outbox is failing, and what failed (removals, reads) is tried
   * again after a backoff wait, never in a tight loop. Returns the error as an `OutboxStoreError`.
   */
  #storeFailed(error: unknown): OutboxStoreError {
    const storeError = error instanceof OutboxStoreError ? error : new OutboxStoreError(`Outbox operation failed: ${describe(error)}`, storePath(this.store), { cause: error });
    this.#setHealth({ kind: 'failing', error: storeError });
    if (this.#storeRetry === undefined && this.#state.kind !== 'closed') {
      const { delayMs } = this.#storeBackoff.failed();
      log('outbox failing (%s), trying again in %d ms', storeError.message, Math.round(delayMs));
      this.#storeRetry = this.#storeBackoff.over$().subscribe(() => {
        this.#storeRetry = undefined;
        this.#removeSettled();
        this.#wake.next();
      });
    }
    return storeError;
  }

  /** The one place the health changes: announced once per change of kind; `health` keeps the newest cause. */
  #setHealth(health: OutboxHealth): void {
    const changed = this.#health.value.kind !== health.kind;
    if (!changed && health.kind === 'ok') return;
    this.#health.next(health);
    if (!changed) return;
    if (health.kind === 'failing') log('outbox failing: %s', health.error.message);
    else log('outbox works again');
    this.#events.next({ type: 'health', health });
  }

  #onConnectionChange(connected: boolean): void {
    if (connected) {
      this.#connectedSince = this.scheduler.now();
      this.#backoff.markHealthy();
      log('connection established, %d messages waiting', this.#gauges().store.pendingCount);
    } else {
      log('connection lost, holding messages (%d sends under way finish)', this.#sending);
    }
  }

  /** What the stats read from the outbox and the sends: settled entries awaiting removal do not count as pending. */
  #gauges(): ReturnType<ConstructorParameters<typeof DeliveryStatsAccount>[0]> {
    const store = this.store.stats();
    let settledBytes = 0;
    for (const { entry } of this.#settled.values()) settledBytes += entry.bytes;
    return {
      store: { ...store, pendingCount: store.pendingCount - this.#settled.size, pendingBytes: store.pendingBytes - settledBytes },
      inFlight: this.#sending,
    };
  }
}

function describe(error: unknown): string {
  if (error instanceof TransientSendError) return `${error.result.name} (${error.result.code})`;
  return error instanceof Error ? error.message : String(error);
}

/** The file of a durable store, for errors; `memory` for a store in memory. */
function storePath(store: OutboxStore): string {
  const path = (store as { readonly path?: unknown }).path;
  return typeof path === 'string' ? path : 'memory';
}
