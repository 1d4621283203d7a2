import type { Unsubscribable } from '../rx';
import type { OutboundMessage } from '../cloud/outbound-message';
import type { EndOfRun } from './end-of-run';

/**
 * Gathers the fire-and-forget messages (`send$`, periodic messages) that arrive in one
 * synchronous run and hands them over together at the end of it, so the outbox writes a burst in
 * one transaction instead of one per message: what makes a durable outbox keep up with a fast
 * producer. Awaited messages do not pass here: they are stored at once (after this burst).
 */
export class DeliveryIntake {
  #messages: OutboundMessage[] = [];
  /** The scheduled `flush`, one per burst. */
  #scheduledFlush?: Unsubscribable;

  constructor(
    /** When the current run ends. */
    private readonly endOfRun: EndOfRun,
    /** Writes a burst (never empty) to the outbox. */
    private readonly accept: (messages: readonly OutboundMessage[]) => void,
  ) {}

  /** Adds a message to the current burst; the burst is flushed when the current run ends. */
  add(message: OutboundMessage): void {
    this.#messages.push(message);
    // One schedule per burst: every message added before it fires shares one transaction.
    this.#scheduledFlush ??= this.endOfRun(() => {
      this.#scheduledFlush = undefined;
      this.flush();
    });
  }

  /** Hands the current burst over now. */
  flush(): void {
    this.#scheduledFlush?.unsubscribe();
    this.#scheduledFlush = undefined;
    const messages = this.#messages;
    if (messages.length === 0) return;
    this.#messages = [];
    this.accept(messages);
  }

  /** Cancels a scheduled flush (the pipeline is closing). */
  cancel(): void {
    this.#scheduledFlush?.unsubscribe();
    this.#scheduledFlush = undefined;
  }
}
