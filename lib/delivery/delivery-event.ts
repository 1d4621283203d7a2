import type { OutboundMessage } from '../cloud/outbound-message';
import type { SendResult } from '../cloud/send-result';
import type { OutboxEntry } from '../outbox/outbox-store';
import type { DropReason } from './message-dropped-error';
import type { OutboxHealth } from './outbox-health';

/**
 * What happened to one message, for the facade's `message.*` events and for logs.
 * `buffered` → `message.buffered`, `sent` → `message.sent`, `failed` → `message.failed`,
 * `dropped` → `message.dropped`, `health` → `outbox.health`; `retry` is for observability (one
 * per retry counted in `stats().retries`).
 */
export type DeliveryEvent =
  /** Accepted into the outbox (on disk, for a durable one). `held`: it cannot go out right now (offline, or the circuit is open after failures in a row). */
  | { readonly type: 'buffered'; readonly entry: OutboxEntry; readonly held: boolean }
  /** The cloud answered a delivered code (0 or 1); the message left the outbox. */
  | { readonly type: 'sent'; readonly entry: OutboxEntry; readonly result: SendResult }
  /**
   * The cloud answered a permanent code, or (with `attempts`) `maxAttempts` sends failed
   * transiently and `result` is the last answer; the message left the outbox undelivered.
   */
  | { readonly type: 'failed'; readonly entry: OutboxEntry; readonly result: SendResult; readonly attempts?: number }
  /** The overflow policy dropped it, or it could not be stored; `id` is absent if it was never accepted. */
  | { readonly type: 'dropped'; readonly message: OutboundMessage; readonly id?: number; readonly reason: DropReason }
  /**
   * A send did not deliver (transient code or transport error); the message stays queued and is
   * tried again after `delayMs` (its own wait: other messages go on). `attempt` counts that
   * message's failed sends in this run (backoff exponent + 1).
   */
  | {
      readonly type: 'retry';
      readonly entry: OutboxEntry;
      readonly attempt: number;
      readonly delayMs: number;
      readonly result?: SendResult;
      readonly error?: unknown;
    }
  /** The outbox started failing (a store operation threw), or works again. */
  | { readonly type: 'health'; readonly health: OutboxHealth };

/** One final result per message on `results$`: delivered (`result.ok`) or failed permanently. */
export interface DeliveryResult {
  readonly id: number;
  readonly message: OutboundMessage;
  readonly result: SendResult;
}

/** Counters and gauges of a delivery pipeline and its outbox. */
export interface DeliveryStats {
  /** Messages in the outbox (waiting or being sent). */
  readonly pendingCount: number;
  /** Their bytes (payload plus topics). */
  readonly pendingBytes: number;
  /** Sends under way right now. */
  readonly inFlight: number;
  /** Delivered since this pipeline started. */
  readonly delivered: number;
  /** Failed permanently since this pipeline started. */
  readonly failed: number;
  /** Dropped by the overflow policy, or refused because they could not be stored, since this pipeline started. */
  readonly dropped: number;
  /** Sends that did not deliver and will be tried again. */
  readonly retries: number;
  /**
   * Messages `send$` refused before they reached the outbox: malformed input, or given after
   * `close()` (where `send$.next` throws `ClosedError`).
   */
  readonly refused: number;
  /** How long the oldest waiting message has waited (ms, scheduler clock), if any waits. */
  readonly oldestPendingAgeMs: number | undefined;
}
