import type { Observable, SchedulerLike } from '../rx';
import { InvalidArgumentError } from '../errors';
import { checkCount } from '../validation/count';
import type { BackoffOptions } from '../operators/backoff-options';
import type { OutboxStore } from '../outbox/outbox-store';
import type { OutboundMessage } from '../cloud/outbound-message';
import type { SendResult } from '../cloud/send-result';
import type { DeliveryEvent } from './delivery-event';

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
  /**
   * Waits after a failed send (of that message alone), after failures in a row (of every send:
   * the circuit), and after failed store operations (defaults: `DEFAULT_BACKOFF`).
   */
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
  /**
   * Whether the one listening to `events$` wants events of `type` now (default: every type). The
   * facade passes its event bus's interest, so the many messages nobody watches build no events.
   */
  readonly listens?: (type: DeliveryEvent['type']) => boolean;
}

/** `concurrency` and `maxAttempts` checked (`InvalidArgumentError` naming the bad one), with defaults. */
export function checkDeliveryOptions(options: DeliveryPipelineOptions): { readonly concurrency: number; readonly maxAttempts: number } {
  const concurrency = checkCount('concurrency', options.concurrency ?? 1);
  const maxAttempts = checkCount('maxAttempts', options.maxAttempts ?? Number.POSITIVE_INFINITY, { unlimited: true });
  if (typeof options.send !== 'function') {
    throw new InvalidArgumentError('send', 'send must be a function returning an Observable of SendResult');
  }
  if (options.listens !== undefined && typeof options.listens !== 'function') {
    throw new InvalidArgumentError('listens', 'listens must be a function of an event type returning a boolean');
  }
  return { concurrency, maxAttempts };
}
