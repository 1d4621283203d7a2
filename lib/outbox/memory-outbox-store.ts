import type { OutboundMessage } from '../cloud/outbound-message';
import { ClosedError } from '../closed-error';
import { frozenMessage } from '../cloud/frozen-message';
import { admitBatch, resolveOutboxLimits, type OutboxLimits, type ResolvedOutboxLimits } from './outbox-limits';
import type { AppendOutcome, KeptIds, OutboxEntry, OutboxStore, OutboxStoreStats } from './outbox-store';
import { placeWithinLimits, type HoldingSpace } from '../operators/place-within-limits';
import { SlotMap } from './slot-map';


/** Open with its waiting entries, or closed: the entries are gone and every call is a `ClosedError`. */
type MemoryOutboxPhase = { readonly kind: 'open'; readonly entries: MemoryEntries } | { readonly kind: 'closed' };

/**
 * The default outbox: waiting messages live in process memory, bounded by `maxMessages` /
 * `maxBytes`. Survives disconnects, not restarts (use `SqliteOutboxStore` for that).
 * One small frozen entry per message and nothing else, so 100,000 waiting messages stay cheap.
 */
export class MemoryOutboxStore implements OutboxStore {
  readonly limits: ResolvedOutboxLimits;
  /** Its messages are lost with the process (or `close()`). */
  readonly durable = false;
  #phase: MemoryOutboxPhase = { kind: 'open', entries: new MemoryEntries() };

  constructor(limits: OutboxLimits = {}) {
    this.limits = resolveOutboxLimits(limits);
  }

  append(
    messages: readonly OutboundMessage[],
    options: { readonly acceptedAt: number; readonly keep?: KeptIds },
  ): AppendOutcome {
    const entries = this.#open('append');
    const sizes = admitBatch(messages);
    const { placed, evicted } = placeWithinLimits(this.limits, messages, sizes, new AppendSpace(entries, options));
    return { entries: placed, evicted };
  }

  pending(limit: number): readonly OutboxEntry[] {
    return this.#open('read pending messages').byId.values(limit);
  }

  remove(ids: readonly number[]): number {
    const entries = this.#open('remove messages');
    let removed = 0;
    for (const id of ids) {
      const entry = entries.byId.get(id);
      if (entry === undefined) continue;
      entries.delete(entry);
      removed++;
    }
    return removed;
  }

  stats(): OutboxStoreStats {
    const { byId, bytes } = this.#open('read stats');
    return { pendingCount: byId.size, pendingBytes: bytes, oldestAcceptedAt: byId.find()?.acceptedAt };
  }

  async close(): Promise<void> {
    this.#phase = { kind: 'closed' };
  }

  /** The waiting entries; a `ClosedError` naming the operation once closed. */
  #open(operation: string): MemoryEntries {
    if (this.#phase.kind === 'closed') throw new ClosedError('outbox', undefined, { detail: `cannot ${operation}` });
    return this.#phase.entries;
  }
}

/** The waiting entries by id (in insertion order, which is id order), their bytes, the next id. */
class MemoryEntries {
  readonly byId = new SlotMap<OutboxEntry>();
  /** Sum of `bytes` of the waiting entries. */
  bytes = 0;
  /** Id the next accepted message gets. */
  #nextId = 1;

  /** Keeps `message` as a new entry: frozen, with the next id. */
  insert(message: OutboundMessage, bytes: number, acceptedAt: number): OutboxEntry {
    const entry: OutboxEntry = Object.freeze({ id: this.#nextId++, message: frozenMessage(message), bytes, acceptedAt });
    this.byId.set(entry.id, entry);
    this.bytes += bytes;
    return entry;
  }

  /** Lets go of a waiting entry (removed, or evicted to make room). */
  delete(entry: OutboxEntry): void {
    this.byId.delete(entry.id);
    this.bytes -= entry.bytes;
  }
}

/** The room of one `append`, as `placeWithinLimits` reads and changes it (one object, no closures). */
class AppendSpace implements HoldingSpace<OutboundMessage, OutboxEntry> {
  readonly #entries: MemoryEntries;
  readonly #options: { readonly acceptedAt: number; readonly keep?: KeptIds };

  constructor(
    entries: MemoryEntries,
    options: { readonly acceptedAt: number; readonly keep?: KeptIds },
  ) {
    this.#entries = entries;
    this.#options = options;
  }

  used(): { readonly count: number; readonly bytes: number } {
    return { count: this.#entries.byId.size, bytes: this.#entries.bytes };
  }

  /** The oldest waiting entry not being sent (`keep`). */
  oldestEvictable(): OutboxEntry | undefined {
    const { keep } = this.#options;
    return this.#entries.byId.find((entry) => keep === undefined || !keep.has(entry.id));
  }

  evict(entry: OutboxEntry): void {
    this.#entries.delete(entry);
  }

  insert(message: OutboundMessage, bytes: number): OutboxEntry {
    return this.#entries.insert(message, bytes, this.#options.acceptedAt);
  }
}
