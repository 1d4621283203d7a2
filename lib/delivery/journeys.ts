import type { Unsubscribable } from '../rx';
import type { KeptIds, OutboxEntry, OutboxStore, OutboxStoreStats } from '../outbox/outbox-store';
import { SlotMap } from '../outbox/slot-map';
import type { Settled } from './settled';

/**
 * Where a taken entry is on its way out. An entry with no journey waits in the outbox.
 * `failures`: its transient failures so far in this run (for `maxAttempts` and its backoff).
 */
export type Journey =
  /** Being sent now (counts against `concurrency`). */
  | { readonly kind: 'sending'; readonly entry: OutboxEntry; readonly failures: number }
  /** Its last send failed; `timer` ends the wait, then it is `due`. */
  | { readonly kind: 'backing-off'; readonly entry: OutboxEntry; readonly failures: number; readonly timer: Unsubscribable }
  /** Its wait is over: it goes before any new entry at the next free slot the link allows. */
  | { readonly kind: 'due'; readonly entry: OutboxEntry; readonly failures: number }
  /** Delivered or given up: never sent again; leaves the outbox at the next removal, then is reported. */
  | { readonly kind: 'settled'; readonly settled: Settled };

/** What a wake-up with no free slot takes. */
const NOTHING_TAKEN: readonly OutboxEntry[] = Object.freeze([]);

/** Most entries backing off or due at once: a bound on what failing messages keep in memory. */
export const MAX_RETRYING = 1024;

/**
 * The journeys of the entries taken from the outbox, with their counts: which slots are free and
 * what goes next. `move` is the one place a journey changes.
 */
export class Journeys {
  readonly #all = new SlotMap<Journey>();
  readonly #counts: Record<Journey['kind'], number> = { sending: 0, 'backing-off': 0, due: 0, settled: 0 };
  /** Bytes of the settled entries not yet removed (they no longer count as pending). */
  #settledBytes = 0;

  /** Entries on their way (sending, retrying or settled): the overflow policy keeps them. */
  get ids(): KeptIds {
    return this.#all;
  }

  get(id: number): Journey | undefined {
    return this.#all.get(id);
  }

  count(kind: Journey['kind']): number {
    return this.#counts[kind];
  }

  /** Moves entry `id` to `next` (`undefined`: it left the outbox); a wait it leaves is cancelled. */
  move(id: number, next: Journey | undefined): void {
    const before = this.#all.get(id);
    if (before !== undefined) {
      this.#counts[before.kind]--;
      if (before.kind === 'settled') this.#settledBytes -= before.settled.entry.bytes;
      else if (before.kind === 'backing-off' && next?.kind !== 'backing-off') before.timer.unsubscribe();
    }
    if (next === undefined) {
      this.#all.delete(id);
      return;
    }
    this.#all.set(id, next);
    this.#counts[next.kind]++;
    if (next.kind === 'settled') this.#settledBytes += next.settled.entry.bytes;
  }

  /**
   * Takes what goes next into `slots` free slots, now `sending`: due retries first, oldest first,
   * then the oldest entries of `outbox` not on their way. With `ordered`
   * (concurrency 1) a retry keeps its place: nothing new goes while one waits.
   */
  take(slots: number, ordered: boolean, outbox: Pick<OutboxStore, 'pending'>): readonly OutboxEntry[] {
    let free = slots - this.#counts.sending;
    if (free <= 0) return NOTHING_TAKEN; // most wake-ups (a slot is still busy): nothing allocated
    const taken: OutboxEntry[] = [];
    if (this.#counts.due > 0) {
      const due = this.#all.values().filter((journey) => journey.kind === 'due').sort((a, b) => a.entry.id - b.entry.id);
      for (const { entry, failures } of due.slice(0, free)) {
        this.move(entry.id, { kind: 'sending', entry, failures });
        taken.push(entry);
      }
      free -= taken.length;
    }
    const retrying = this.#counts['backing-off'] + this.#counts.due;
    if (free <= 0 || (ordered && retrying > 0) || retrying >= MAX_RETRYING) return taken;
    const waiting = outbox.pending(this.#all.size + free);
    for (let index = 0; index < waiting.length && free > 0; index += 1) {
      const entry = waiting[index];
      if (this.#all.has(entry.id)) continue;
      this.move(entry.id, { kind: 'sending', entry, failures: 0 });
      taken.push(entry);
      free -= 1;
    }
    return taken;
  }

  /**
   * The gauges of the stats: what the outbox holds minus the settled entries awaiting removal
   * (no longer pending), and the sends under way.
   */
  gauges(store: OutboxStoreStats): { readonly store: OutboxStoreStats; readonly inFlight: number } {
    const inFlight = this.#counts.sending;
    const settled = this.#counts.settled;
    if (settled === 0) return { store, inFlight };
    return { store: { ...store, pendingCount: store.pendingCount - settled, pendingBytes: store.pendingBytes - this.#settledBytes }, inFlight };
  }

  /** Forgets every journey (the pipeline closes), cancelling every wait. */
  clear(): void {
    for (const id of this.#all.keys()) this.move(id, undefined);
  }
}
