import type { OutboundMessage } from '../cloud/outbound-message';
import type { OutboxRecovery } from './outbox-recovery';


/** The ids `append` must not evict (entries being sent): a set or any view that can tell. */
export type KeptIds = Pick<ReadonlySet<number>, 'has' | 'size'>;

/** A message the outbox has accepted: it keeps its id (and so its place in line) until removed. */
export interface OutboxEntry {
  /** Increases with every accepted message and is never reused, also across restarts. */
  readonly id: number;
  readonly message: OutboundMessage;
  /** Payload plus topics, in UTF-8 bytes: what counts against `maxBytes`. */
  readonly bytes: number;
  /** Scheduler clock (ms) when the message was accepted. */
  readonly acceptedAt: number;
}

/** What one `append` did. */
export interface AppendOutcome {
  /**
   * One slot per appended message, in the same order: its entry, or `null` if it was dropped on
   * arrival (`drop-newest`, or too big for the outbox on its own).
   */
  readonly entries: readonly (OutboxEntry | null)[];
  /** Older entries evicted to make room (`drop-oldest`); may include entries of this very batch. */
  readonly evicted: readonly OutboxEntry[];
}

export interface OutboxStoreStats {
  /** Messages waiting for delivery. */
  readonly pendingCount: number;
  /** Their size as counted against `maxBytes`. */
  readonly pendingBytes: number;
  /** `acceptedAt` of the oldest waiting message, if any. */
  readonly oldestAcceptedAt: number | undefined;
}

/**
 * Where accepted messages wait until the cloud confirms them. Synchronous on purpose: when
 * `append` returns, the messages are stored (for a durable store: on disk), so the caller may
 * acknowledge them.
 *
 * Rules every implementation keeps (checked by `spec/outbox/outbox-store.contract.ts`):
 * - `append` stores a batch atomically: all of it or (on error) nothing. Ids increase in append
 *   order and are never reused. With overflow policy `error`, a batch that does not fit as a whole
 *   throws `OutboxOverflowError` and stores nothing; the drop policies never throw for space and
 *   report every dropped message in the outcome.
 * - `drop-oldest` never evicts an id in `keep` (messages being sent right now); if only kept
 *   messages remain, the newcomer is dropped instead.
 * - `pending(limit)` returns the oldest waiting entries in id order, at most `limit`.
 * - `remove(ids)` forgets delivered or failed entries, all of them in one transaction (for a
 *   durable store: one disk flush), and returns how many of them were waiting.
 * - A store operation that fails throws (`OutboxStoreError` for a durable store) and changes
 *   nothing: a failed `append` stores nothing, a failed `remove` removes nothing, and `stats()`
 *   still matches what is stored. A failure is never reported as a success.
 * - `stats()` is cheap (no scan of the whole outbox).
 * - `close()` resolves once the store is released (file closed, lock freed); after it every method
 *   throws `ClosedError` (`outbox`); `close()` twice resolves both times.
 */
export interface OutboxStore {
  append(
    messages: readonly OutboundMessage[],
    options: { readonly acceptedAt: number; readonly keep?: KeptIds },
  ): AppendOutcome;
  pending(limit: number): readonly OutboxEntry[];
  remove(ids: readonly number[]): number;
  stats(): OutboxStoreStats;
  close(): Promise<void>;
  /**
   * `false` when what it holds is lost at `close()` (in memory): the pipeline then reports every
   * message still waiting as dropped (`closed`). `true` for a file, resumed on the next start.
   */
  readonly durable?: boolean;
  /**
   * Set when opening found the outbox damaged and rebuilt it (see `OutboxRecovery`); the SDK
   * reports it as `outbox.recovered`. Undefined otherwise, and for stores that keep no file.
   */
  readonly recovery?: OutboxRecovery;
}
