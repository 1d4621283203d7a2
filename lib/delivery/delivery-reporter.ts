import { Subject, type Observable } from '../rx';
import type { OutboundMessage } from '../cloud/outbound-message';
import type { SendResult } from '../cloud/send-result';
import { logger } from '../logging';
import type { OutboxEntry } from '../outbox/outbox-store';
import type { DeliveryEvent, DeliveryResult } from './delivery-event';
import type { DeliveryStatsAccount } from './delivery-stats-account';
import type { DeliveryWaiter } from './delivery-waiter';
import { MessageAttemptsExhaustedError } from './message-attempts-exhausted-error';
import { MessageDroppedError, type DropReason } from './message-dropped-error';
import { MessageFailedError } from './message-failed-error';
import type { Settled } from './settled';
import { TransientSendError } from './transient-send-error';
import { SlotMap } from '../outbox/slot-map';

const log = logger('delivery');

/**
 * Tells everybody what became of each message: `results$`, `events$`, the counters, and the one
 * who waits for it if anyone does. Events nobody listens to are not built.
 */
export class DeliveryReporter {
  readonly #results = new Subject<DeliveryResult>();
  readonly #events = new Subject<DeliveryEvent>();
  /** Waiters by outbox id, only for messages somebody awaits. */
  readonly #waiters = new SlotMap<DeliveryWaiter>();
  readonly results$: Observable<DeliveryResult> = this.#results.asObservable();
  readonly events$: Observable<DeliveryEvent> = this.#events.asObservable();

  readonly #listens: (type: DeliveryEvent['type']) => boolean;

  constructor(
    readonly account: DeliveryStatsAccount,
    /** Whether the one listening to `events$` wants events of a type now (default: all). */
    listens: (type: DeliveryEvent['type']) => boolean = () => true,
  ) {
    this.#listens = listens;
  }

  /** Sends `event` to `events$` if anybody wants it. */
  event(event: DeliveryEvent): void {
    if (this.hears(event.type)) this.#events.next(event);
  }

  /** Whether anybody wants events of `type` now (so one is worth building). */
  hears(type: DeliveryEvent['type']): boolean {
    return this.#events.observed && this.#listens(type);
  }

  wait(id: number, waiter: DeliveryWaiter): void {
    this.#waiters.set(id, waiter);
  }

  /** `waiter` stops waiting for `id` (it unsubscribed); the message is still delivered. */
  forget(id: number, waiter: DeliveryWaiter): void {
    if (this.#waiters.get(id) === waiter) this.#waiters.delete(id);
  }

  /** A send of `entry` failed transiently; it is tried again after `delayMs`. */
  retry(entry: OutboxEntry, attempt: number, delayMs: number, cause: unknown): void {
    this.account.count('retries');
    this.#waiters.get(entry.id)?.retrying?.(cause);
    if (this.hears('retry')) this.event({ type: 'retry', entry, attempt, delayMs, ...causeOf(cause) });
  }

  /** A message left (or never entered) the outbox unsent; `waiter` is told, if given. */
  dropped(message: OutboundMessage, id: number | undefined, reason: DropReason, waiter: DeliveryWaiter | undefined): void {
    this.account.count('dropped');
    log('message %s dropped from the outbox (%s)', id ?? '(new)', reason);
    this.event(id === undefined ? { type: 'dropped', message, reason } : { type: 'dropped', message, id, reason });
    waiter?.gaveUp(new MessageDroppedError(reason, message, id));
  }

  /** How a delivery ended; `buffered`: the message had waited for the link. */
  settled(settled: Settled, buffered: boolean): void {
    const { entry, result } = settled;
    const waiter = this.takeWaiter(entry.id);
    if (this.#results.observed) this.#results.next({ id: entry.id, message: entry.message, result });
    switch (settled.kind) {
      case 'delivered':
        this.account.count('delivered');
        if (buffered) log('A buffered message has been sent since an active connection is established (message %d)', entry.id);
        else log('message %d delivered: %s', entry.id, result.name);
        if (this.hears('sent')) this.event({ type: 'sent', entry, result });
        waiter?.delivered(result);
        break;
      case 'failed':
        this.account.count('failed');
        log('message %d failed permanently: %s (%d)', entry.id, result.name, result.code);
        this.event({ type: 'failed', entry, result });
        waiter?.failed(result, new MessageFailedError(result, entry.message, entry.id));
        break;
      case 'exhausted':
        this.account.count('failed');
        log('message %d given up after %d attempts: %s (%d)', entry.id, settled.attempts, result.name, result.code);
        this.event({ type: 'failed', entry, result, attempts: settled.attempts });
        waiter?.failed(result, new MessageAttemptsExhaustedError(result, entry.message, entry.id, settled.attempts));
        break;
    }
  }

  /** Every waiter gives up with `error(id)` (the pipeline closes); then every stream completes. */
  close(error: (id: number) => Error): void {
    const ids = this.#waiters.keys();
    for (const id of ids) this.takeWaiter(id)?.gaveUp(error(id));
    this.#results.complete();
    this.#events.complete();
  }

  /** The waiter of `id`, no longer registered (it is told what became of the message). */
  takeWaiter(id: number): DeliveryWaiter | undefined {
    const waiter = this.#waiters.get(id);
    if (waiter !== undefined) this.#waiters.delete(id);
    return waiter;
  }
}

/** A retry's cause as the `retry` event carries it: the transient answer, or the error. */
function causeOf(cause: unknown): { readonly result: SendResult } | { readonly error: unknown } {
  return cause instanceof TransientSendError ? { result: cause.result } : { error: cause };
}
