import type { OutboundMessage } from '../cloud/outbound-message';
import { ClosedError } from '../closed-error';
import { frozenMessage } from '../cloud/frozen-message';
import { admitBatch, resolveOutboxLimits, type OutboxLimits, type ResolvedOutboxLimits } from './outbox-limits';
import type { AppendOutcome, KeptIds, OutboxEntry, OutboxStore, OutboxStoreStats } from './outbox-store';
import { placeWithinLimits } from '../operators/place-within-limits';


/**
 * Open with its waiting entries by id (a Map iterates in insertion order, which is id order), or
 * closed: the entries are gone and every call is a `ClosedError`.
 */
type MemoryOutboxPhase = { readonly kind: 'open'; readonly entries: Map<number, OutboxEntry> } | { readonly kind: 'closed' };

/**
 * The default outbox: waiting messages live in process memory, bounded by `maxMessages` /
 * `maxBytes`. Survives disconnects, not restarts (use `SqliteOutboxStore` for that).
 * One small frozen entry per message and nothing else, so 100,000 waiting messages stay cheap.
 */
export class MemoryOutboxStore implements OutboxStore {
  readonly limits: ResolvedOutboxLimits;
  /** Its messages are lost with the process (or `close()`). */
  readonly durable = false;
  private phase: MemoryOutboxPhase = { kind: 'open', entries: new Map() };
  /** Id the next accepted message gets. */
  private nextId = 1;
  /** Sum of `bytes` of the waiting entries. */
  private pendingBytes = 0;

  constructor(limits: OutboxLimits = {}) {
    this.limits = resolveOutboxLimits(limits);
  }

  append(
    messages: readonly OutboundMessage[],
    options: { readonly acceptedAt: number; readonly keep?: KeptIds },
  ): AppendOutcome {
    const entries = this.openEntries('append');
    const sizes = admitBatch(messages);
    const { placed, evicted } = placeWithinLimits(this.limits, messages, sizes, {
      used: () => ({ count: entries.size, bytes: this.pendingBytes }),
      oldestEvictable: () => oldestEvictable(entries, options.keep),
      evict: (entry) => this.delete(entries, entry),
      insert: (message, bytes) => {
        const entry: OutboxEntry = Object.freeze({
          id: this.nextId++,
          message: frozenMessage(message),
          bytes,
          acceptedAt: options.acceptedAt,
        });
        entries.set(entry.id, entry);
        this.pendingBytes += bytes;
        return entry;
      },
    });
    return { entries: placed, evicted };
  }

  pending(limit: number): readonly OutboxEntry[] {
    const entries = this.openEntries('read pending messages');
    const result: OutboxEntry[] = [];
    if (limit <= 0) return result;
    for (const entry of entries.values()) {
      result.push(entry);
      if (result.length >= limit) break;
    }
    return result;
  }

  remove(ids: readonly number[]): number {
    const entries = this.openEntries('remove messages');
    let removed = 0;
    for (const id of ids) {
      const entry = entries.get(id);
      if (entry === undefined) continue;
      this.delete(entries, entry);
      removed++;
    }
    return removed;
  }

  stats(): OutboxStoreStats {
    const entries = this.openEntries('read stats');
    const oldest = entries.values().next();
    return {
      pendingCount: entries.size,
      pendingBytes: this.pendingBytes,
      oldestAcceptedAt: oldest.done ? undefined : oldest.value.acceptedAt,
    };
  }

  async close(): Promise<void> {
    this.phase = { kind: 'closed' };
    this.pendingBytes = 0;
  }

  private delete(entries: Map<number, OutboxEntry>, entry: OutboxEntry): void {
    entries.delete(entry.id);
    this.pendingBytes -= entry.bytes;
  }

  /** The waiting entries; a `ClosedError` naming the operation once closed. */
  private openEntries(operation: string): Map<number, OutboxEntry> {
    if (this.phase.kind === 'closed') throw new ClosedError('outbox', undefined, { detail: `cannot ${operation}` });
    return this.phase.entries;
  }
}

function oldestEvictable(entries: ReadonlyMap<number, OutboxEntry>, keep: KeptIds | undefined): OutboxEntry | undefined {
  for (const entry of entries.values()) {
    if (keep === undefined || !keep.has(entry.id)) return entry;
  }
  return undefined;
}
