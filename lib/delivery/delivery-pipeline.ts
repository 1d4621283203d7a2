import { asapScheduler, asyncScheduler, distinctUntilChanged, Observable, Subject, Subscription, take, type SchedulerLike } from '../rx';
import type { OutboundMessage } from '../cloud/outbound-message';
import { ERR_UNKNOWN, resultForCode } from '../cloud/result-codes';
import type { SendResult } from '../cloud/send-result';
import { InvalidArgumentError } from '../errors';
import { logger } from '../logging';
import { DEFAULT_BACKOFF, type BackoffOptions } from '../operators/backoff-options';
import { OutboxOverflowError } from '../operators/outbox-overflow-error';
import { MemoryOutboxStore } from '../outbox/memory-outbox-store';
import { checkOutboundMessage } from '../outbox/outbox-limits';
import type { AppendOutcome, OutboxEntry, OutboxStore } from '../outbox/outbox-store';
import { BackoffCounter } from './backoff-counter';
import { DeliveryAttempts } from './delivery-attempts';
import type { DeliveryEvent, DeliveryResult, DeliveryStats } from './delivery-event';
import { DeliveryPipelineClosedError } from './delivery-pipeline-closed-error';
import { DeliveryIntake, type IntakeItem } from './delivery-intake';
import { DeliveryStatsAccount } from './delivery-stats-account';
import { batchWaiter, singleMessageWaiter, type DeliveryWaiter } from './delivery-waiter';
import { MessageDroppedError, type DropReason } from './message-dropped-error';
import { MessageAttemptsExhaustedError } from './message-attempts-exhausted-error';
import { MessageFailedError } from './message-failed-error';
import { NoSendResultError } from './no-send-result-error';

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
  /** Waits between failed sends (defaults: `DEFAULT_BACKOFF`). */
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

/**
 * Takes every outbound message into an outbox first, holds it while disconnected, sends it when
 * connected, and removes it only after the cloud answered a delivered code (0 or 1).
 *
 * - Transient answers (`retryable`) and transport errors keep the message queued; sending pauses
 *   with exponential backoff and full jitter, and resumes with the oldest message. The failure
 *   count resets once sending has been healthy for `backoff.resetAfterMs`.
 * - Permanent answers fail that message (reported, removed) and never block the queue.
 * - With `concurrency` 1 messages go out in order; with n, up to n at once, oldest first. A
 *   message is never sent twice at the same time.
 * - A send under way when the link drops is not cancelled: its answer still counts, so a
 *   delivered message is never sent again.
 * - Messages found in a durable outbox at start (a previous run) are sent like any other; their
 *   results appear on `results$`.
 *
 * Call `start()` after subscribing to `results$` / `events$`; `close()` releases everything.
 */
export class DeliveryPipeline {
  /** Final results, one per delivered or permanently failed message, in order of completion. */
  readonly results$: Observable<DeliveryResult>;
  /** Buffered / sent / failed / dropped / retry notifications. */
  readonly events$: Observable<DeliveryEvent>;
  /** Stats now and after every change (not on the mere passing of time: call `stats()` for a fresh age). */
  readonly stats$: Observable<DeliveryStats>;

  private readonly store: OutboxStore;
  private readonly connected$: Observable<boolean>;
  private readonly send: (message: OutboundMessage) => Observable<SendResult>;
  private readonly concurrency: number;
  private readonly scheduler: SchedulerLike;
  private readonly backoff: BackoffCounter;

  private readonly results = new Subject<DeliveryResult>();
  private readonly events = new Subject<DeliveryEvent>();
  private readonly account: DeliveryStatsAccount;
  private readonly attempts: DeliveryAttempts;
  /** Messages submitted in the current burst, written to the outbox together. */
  private readonly intake: DeliveryIntake;

  /** Latest value of `connected$` (false until it says otherwise). */
  private connected = false;
  /** Clock time the link last came up; messages accepted before it were held for it. */
  private connectedSince = Number.POSITIVE_INFINITY;
  /** Watching `connected$`; released by `close()`. */
  private connectionSubscription?: Subscription;
  /** Waiters by outbox id, only for messages somebody awaits. */
  private readonly waiters = new Map<number, DeliveryWaiter>();
  /** Sends under way, by outbox id; each is cancelled by `close()`. */
  private readonly inFlight = new Map<number, Subscription>();
  /** The backoff wait in progress: nothing new is sent until it fires; released by `close()`. */
  private backoffTimer?: Subscription;
  /** `pump` is running: a nested call only asks it to go round once more (no recursion). */
  private pumping = false;
  private pumpAgain = false;
  private started = false;
  private closed = false;

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
    this.backoff = new BackoffCounter({ ...DEFAULT_BACKOFF, ...options.backoff }, this.scheduler.now());
    this.store = options.store ?? new MemoryOutboxStore();
    this.connected$ = options.connected$;
    this.send = options.send;
    this.concurrency = concurrency;
    this.attempts = new DeliveryAttempts(maxAttempts);
    this.account = new DeliveryStatsAccount(() => ({ store: this.store.stats(), inFlight: this.inFlight.size }), this.scheduler);
    // In real time a burst ends with the current run of code (a microtask), not at a 0 ms timer,
    // which is really 1 ms or more, paid by every message sent one at a time. A virtual clock
    // (tests) keeps its own notion of a tick.
    this.intake = new DeliveryIntake(this.scheduler === asyncScheduler ? asapScheduler : this.scheduler, (items) => this.accept(items, { atomic: false }));
    this.results$ = this.results.asObservable();
    this.events$ = this.events.asObservable();
    this.stats$ = this.account.stats$;
  }

  /** Starts watching `connected$` and so sending, including what a durable outbox kept from a previous run. */
  start(): void {
    if (this.closed) throw new DeliveryPipelineClosedError();
    if (this.started) return;
    this.started = true;
    const waiting = this.store.stats().pendingCount;
    if (waiting > 0) log('resuming %d pending messages from the outbox', waiting);
    this.connectionSubscription = this.connected$.pipe(distinctUntilChanged()).subscribe({
      next: (connected) => this.onConnectionChange(connected),
      error: (error: unknown) => {
        log('connection state failed, holding messages from now on: %s', String(error));
        this.onConnectionChange(false);
      },
    });
  }

  /**
   * Sends one message. Cold: on subscribe the message joins the current burst, which is written to
   * the outbox in one transaction right after the burst (same tick); unsubscribing before that
   * withdraws it, unsubscribing later only stops waiting (it is still delivered). Emits the
   * final `SendResult` once the message is delivered, also after any number of reconnects, then
   * completes; errors with `MessageFailedError` on a permanent code, `MessageDroppedError` if the
   * overflow policy dropped it, `OutboxOverflowError` if the outbox refused it.
   */
  submit(message: OutboundMessage): Observable<SendResult> {
    return new Observable<SendResult>((subscriber) => {
      if (this.closed) {
        subscriber.error(new DeliveryPipelineClosedError());
        return;
      }
      try {
        checkOutboundMessage(message, 0);
      } catch (error) {
        subscriber.error(error);
        return;
      }
      const item: IntakeItem = { message, waiter: singleMessageWaiter(subscriber) };
      this.intake.add(item);
      return () => {
        if (item.id === undefined) item.withdrawn = true;
        else if (this.waiters.get(item.id) === item.waiter) this.waiters.delete(item.id);
      };
    });
  }

  /**
   * Sends messages that belong together: on subscribe they are written to the outbox at once, in
   * one transaction (after anything submitted earlier in the same burst). Emits one `SendResult`
   * per message as each is delivered or fails permanently (failures are results here, not errors),
   * completes after the last. Errors if the batch was refused (`OutboxOverflowError`, nothing
   * accepted) or one of its messages was dropped (`MessageDroppedError`).
   */
  submitMany(messages: readonly OutboundMessage[]): Observable<SendResult> {
    return new Observable<SendResult>((subscriber) => {
      if (this.closed) {
        subscriber.error(new DeliveryPipelineClosedError());
        return;
      }
      try {
        if (!Array.isArray(messages)) throw new InvalidArgumentError('messages', 'messages must be an array');
        messages.forEach(checkOutboundMessage);
      } catch (error) {
        subscriber.error(error);
        return;
      }
      if (messages.length === 0) {
        subscriber.complete();
        return;
      }
      const waiter = batchWaiter(subscriber, messages.length);
      const items: IntakeItem[] = messages.map((message) => ({ message, waiter }));
      this.intake.flush(); // earlier submissions keep their place in line
      this.accept(items, { atomic: true });
      return () => {
        for (const item of items) {
          if (item.id !== undefined && this.waiters.get(item.id) === waiter) this.waiters.delete(item.id);
        }
      };
    });
  }

  /**
   * Fire-and-forget: the message joins the current burst (see `submit`) and its result appears
   * only on `results$` / `events$`. For a `send$`-style sink; costs nothing per message beyond
   * its outbox entry. Throws `InvalidArgumentError` for a malformed message.
   */
  enqueue(message: OutboundMessage): void {
    if (this.closed) throw new DeliveryPipelineClosedError();
    checkOutboundMessage(message, 0);
    this.intake.add({ message });
  }

  /** Counters and gauges right now. */
  stats(): DeliveryStats {
    return this.account.stats();
  }

  /**
   * Writes the current burst to the outbox, stops sending (sends under way are cancelled; their
   * messages stay in the outbox), closes the outbox, and errors every waiter with
   * `DeliveryPipelineClosedError`. A durable outbox resumes all of it on the next start.
   */
  close(): void {
    if (this.closed) return;
    try {
      this.intake.flush();
    } catch (error) {
      log('could not store the last burst while closing: %s', String(error));
    }
    this.closed = true;
    this.connectionSubscription?.unsubscribe();
    this.intake.cancel();
    this.backoffTimer?.unsubscribe();
    for (const send of this.inFlight.values()) send.unsubscribe();
    this.inFlight.clear();
    this.account.freeze();
    for (const [id, waiter] of this.waiters) waiter.gaveUp(new DeliveryPipelineClosedError(id));
    this.waiters.clear();
    this.attempts.clear();
    this.store.close();
    this.account.complete();
    this.results.complete();
    this.events.complete();
  }

  /**
   * Writes `items` to the outbox in one append. Unrelated submissions (`atomic: false`) refused
   * together by the `error` policy are retried one by one, so each is accepted if it fits.
   */
  private accept(items: readonly IntakeItem[], { atomic }: { atomic: boolean }): void {
    let outcome: AppendOutcome;
    try {
      outcome = this.store.append(
        items.map((item) => item.message),
        { acceptedAt: this.scheduler.now(), keep: new Set(this.inFlight.keys()) },
      );
    } catch (error) {
      if (error instanceof OutboxOverflowError && !atomic && items.length > 1) {
        for (const item of items) this.accept([item], { atomic: true });
        return;
      }
      this.refuse(items, error as Error);
      return;
    }
    this.onAccepted(items, outcome);
  }

  private onAccepted(items: readonly IntakeItem[], outcome: AppendOutcome): void {
    const held = !this.connected || this.backoffTimer !== undefined;
    outcome.entries.forEach((entry, index) => {
      const item = items[index];
      if (entry === null) {
        this.reportDrop(item.message, undefined, 'drop-newest', item.waiter);
        return;
      }
      item.id = entry.id;
      if (item.waiter !== undefined) this.waiters.set(entry.id, item.waiter);
      this.events.next({ type: 'buffered', entry, held });
    });
    for (const entry of outcome.evicted) {
      const waiter = this.waiters.get(entry.id);
      this.waiters.delete(entry.id);
      this.reportDrop(entry.message, entry.id, 'drop-oldest', waiter);
    }
    log('accepted %d messages into the outbox%s', outcome.entries.length, held ? ', held until a connection is established' : '');
    this.account.changed();
    this.pump();
  }

  /** The outbox refused the whole batch (full with policy `error`, or a storage failure). */
  private refuse(items: readonly IntakeItem[], error: Error): void {
    log('outbox refused %d messages: %s', items.length, error.message);
    const waiters = new Set<DeliveryWaiter>();
    for (const item of items) {
      if (error instanceof OutboxOverflowError) {
        this.account.count('dropped');
        this.events.next({ type: 'dropped', message: item.message, reason: 'refused' });
      }
      if (item.waiter !== undefined) waiters.add(item.waiter);
    }
    for (const waiter of waiters) waiter.gaveUp(error);
    this.account.changed();
  }

  private reportDrop(message: OutboundMessage, id: number | undefined, reason: DropReason, waiter: DeliveryWaiter | undefined): void {
    this.account.count('dropped');
    if (id !== undefined) this.attempts.forget(id);
    log('message %s dropped from the outbox (%s)', id ?? '(new)', reason);
    this.events.next(id === undefined ? { type: 'dropped', message, reason } : { type: 'dropped', message, id, reason });
    waiter?.gaveUp(new MessageDroppedError(reason, message, id));
  }

  private onConnectionChange(connected: boolean): void {
    if (this.closed) return;
    this.connected = connected;
    if (connected) {
      const now = this.scheduler.now();
      this.connectedSince = now;
      if (this.backoffTimer === undefined) this.backoff.markHealthy(now);
      log('connection established, %d messages waiting', this.store.stats().pendingCount);
      this.pump();
    } else {
      log('connection lost, holding messages (%d sends under way finish)', this.inFlight.size);
    }
  }

  /** Starts sends, oldest first, while connected, not backing off and below `concurrency`. */
  private pump(): void {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        while (!this.closed && this.connected && this.backoffTimer === undefined && this.inFlight.size < this.concurrency) {
          // Among the oldest (in flight + 1) entries at least one is not in flight.
          const next = this.store.pending(this.inFlight.size + 1).find((entry) => !this.inFlight.has(entry.id));
          if (next === undefined) break;
          this.startSend(next);
        }
      } while (this.pumpAgain && !this.closed);
    } finally {
      this.pumping = false;
    }
  }

  private startSend(entry: OutboxEntry): void {
    /** Holds the send; registered before subscribing, so a send that answers at once finds it. */
    const send = new Subscription();
    this.inFlight.set(entry.id, send);
    this.account.changed();
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled || this.closed) return;
      settled = true;
      this.inFlight.delete(entry.id);
      outcome();
      this.account.changed();
      this.pump();
    };
    let answer$: Observable<SendResult>;
    try {
      answer$ = this.send(entry.message);
    } catch (error) {
      settle(() => this.onTransientFailure(entry, { error }));
      return;
    }
    send.add(
      answer$.pipe(take(1)).subscribe({
        next: (result) => settle(() => this.onResult(entry, result)),
        error: (error: unknown) => settle(() => this.onTransientFailure(entry, { error })),
        complete: () => settle(() => this.onTransientFailure(entry, { error: new NoSendResultError(entry.id) })),
      }),
    );
  }

  private onResult(entry: OutboxEntry, result: SendResult): void {
    if (result.ok) {
      this.store.remove([entry.id]);
      this.account.count('delivered');
      if (entry.acceptedAt < this.connectedSince) {
        log('A buffered message has been sent since an active connection is established (message %d)', entry.id);
      } else {
        log('message %d delivered: %s', entry.id, result.name);
      }
      this.finish(entry, result, { type: 'sent', entry, result }, (waiter) => waiter.delivered(result));
    } else if (result.retryable) {
      this.onTransientFailure(entry, { result });
    } else {
      this.store.remove([entry.id]);
      this.account.count('failed');
      log('message %d failed permanently: %s (%d)', entry.id, result.name, result.code);
      const error = new MessageFailedError(result, entry.message, entry.id);
      this.finish(entry, result, { type: 'failed', entry, result }, (waiter) => waiter.failed(result, error));
    }
  }

  private finish(entry: OutboxEntry, result: SendResult, event: DeliveryEvent, tell: (waiter: DeliveryWaiter) => void): void {
    const waiter = this.waiters.get(entry.id);
    this.waiters.delete(entry.id);
    this.attempts.forget(entry.id);
    this.results.next({ id: entry.id, message: entry.message, result });
    this.events.next(event);
    if (waiter !== undefined) tell(waiter);
  }

  /**
   * Keeps the message queued (or, its attempts exhausted, fails it with its last result) and
   * pauses sending for a backoff delay either way: the next message would most likely meet the
   * same fault.
   */
  private onTransientFailure(entry: OutboxEntry, cause: { result?: SendResult; error?: unknown }): void {
    const { attempts, exhausted } = this.attempts.failed(entry.id);
    if (exhausted) this.giveUp(entry, cause, attempts);
    else this.account.count('retries');
    if (this.backoffTimer !== undefined) {
      // Another send already started a wait: this failure shares it rather than stacking a longer one.
      log('message %d not delivered (%s), waiting with the others', entry.id, describeCause(cause));
      return;
    }
    const { delayMs, attempt } = this.backoff.failure(this.scheduler.now());
    log('message %d not delivered (%s), sending pauses %d ms', entry.id, describeCause(cause), Math.round(delayMs));
    this.backoffTimer = this.scheduler.schedule(() => {
      this.backoffTimer = undefined;
      this.backoff.markHealthy(this.scheduler.now());
      this.pump();
    }, delayMs);
    if (!exhausted) this.events.next({ type: 'retry', entry, attempt, delayMs, ...cause });
  }

  /** `maxAttempts` sends failed transiently: the message leaves the outbox, failed with its last result. */
  private giveUp(entry: OutboxEntry, cause: { result?: SendResult; error?: unknown }, attempts: number): void {
    const result = cause.result ?? { ...resultForCode(ERR_UNKNOWN), description: `No reply: ${describeCause(cause)}` };
    this.store.remove([entry.id]);
    this.account.count('failed');
    log('message %d given up after %d attempts: %s (%d)', entry.id, attempts, result.name, result.code);
    const error = new MessageAttemptsExhaustedError(result, entry.message, entry.id, attempts);
    this.finish(entry, result, { type: 'failed', entry, result, attempts }, (waiter) => waiter.failed(result, error));
  }
}

function describeCause(cause: { result?: SendResult; error?: unknown }): string {
  if (cause.result !== undefined) return `${cause.result.name} (${cause.result.code})`;
  return cause.error instanceof Error ? cause.error.message : String(cause.error);
}
