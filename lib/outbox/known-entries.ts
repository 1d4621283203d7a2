import type { OutboxEntry } from './outbox-store';

/** Whether a durable outbox's waiting entries are all known in memory. */
type KnownState =
  /** Every waiting entry, oldest first (a Map iterates in insertion order, which is id order). */
  | { readonly kind: 'all'; readonly entries: Map<number, OutboxEntry> }
  /** More wait than are kept (left by an earlier run, or over the capacity): ask the file. */
  | { readonly kind: 'unknown' };

/**
 * A copy of a durable outbox's waiting entries, kept while they are few: then the oldest ones and
 * the age of the oldest are answered without a query. A device that sends as fast as it accepts
 * thereby never reads back the row it has just written (a read transaction per message).
 *
 * The store tells it only what was committed, so the copy never holds more or less than the file.
 * Past `capacity` entries it lets go (a device offline for hours keeps its backlog on disk, not in
 * memory) and knows them again once the outbox is empty.
 */
export class KnownEntries {
  #state: KnownState;

  readonly #capacity: number;

  constructor(
    /** Most entries kept. */
    capacity: number,
    /** Entries in the file when it was opened. */
    waiting: number,
  ) {
    this.#capacity = capacity;
    this.#state = waiting === 0 ? { kind: 'all', entries: new Map() } : { kind: 'unknown' };
  }

  /** The oldest `limit` entries, or undefined when they are not all known. */
  oldest(limit: number): OutboxEntry[] | undefined {
    if (this.#state.kind === 'unknown') return undefined;
    const result: OutboxEntry[] = [];
    if (limit <= 0) return result;
    for (const entry of this.#state.entries.values()) {
      result.push(entry);
      if (result.length >= limit) break;
    }
    return result;
  }

  /** A commit added `added` and evicted `evicted`; `waiting` entries are in the file now. */
  appended(added: readonly (OutboxEntry | null)[], evicted: readonly OutboxEntry[], waiting: number): void {
    if (this.#state.kind === 'unknown') return;
    if (waiting > this.#capacity) {
      this.#state = { kind: 'unknown' };
      return;
    }
    const { entries } = this.#state;
    for (const entry of added) if (entry !== null) entries.set(entry.id, entry);
    // After the additions: a batch may evict its own first messages.
    for (const entry of evicted) entries.delete(entry.id);
  }

  /** A commit removed `ids`; `waiting` entries are in the file now. */
  removed(ids: readonly number[], waiting: number): void {
    if (this.#state.kind === 'all') {
      for (const id of ids) this.#state.entries.delete(id);
    } else if (waiting === 0) {
      this.#state = { kind: 'all', entries: new Map() };
    }
  }
}
