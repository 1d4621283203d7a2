import type { SendResult } from '../cloud/send-result';
import type { OutboxEntry } from '../outbox/outbox-store';

/** How one send of an entry ended. */
export type AttemptOutcome =
  /** The cloud answered a delivered code (0 or 1). */
  | { readonly kind: 'delivered'; readonly entry: OutboxEntry; readonly result: SendResult }
  /** The cloud answered a permanent code. */
  | { readonly kind: 'failed'; readonly entry: OutboxEntry; readonly result: SendResult }
  /**
   * Not delivered, worth another try: a transient code (`TransientSendError`), a transport
   * error, a send that threw or ended without an answer (`cause` says which).
   */
  | { readonly kind: 'transient'; readonly entry: OutboxEntry; readonly cause: unknown };

/** How one message's delivery ended: it leaves the outbox and is reported. */
export type Settled =
  | Exclude<AttemptOutcome, { readonly kind: 'transient' }>
  /** `maxAttempts` sends failed transiently; `result` is the last answer (or stands for no answer). */
  | { readonly kind: 'exhausted'; readonly entry: OutboxEntry; readonly result: SendResult; readonly attempts: number };
