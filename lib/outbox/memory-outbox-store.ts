import type { OutboundMessage } from '../cloud/outbound-message';
import { ClosedError } from '../closed-error';
import { admitBatch, resolveOutboxLimits, type OutboxLimits, type ResolvedOutboxLimits } from './outbox-limits';
import type { AppendOutcome, OutboxEntry, OutboxStore, OutboxStoreStats } from './outbox-store';
import { placeWithinLimits } from '../operators/place-within-limits';

const NO_TOPICS: readonly string[] = Object.freeze([]);

/**
 * The default outbox: waiting messages live in process memory, bounded by `maxMessages` /
 * `maxBytes`. Survives disconnects, not restarts (use `SqliteOutboxStore` for that).
 * One small frozen entry per message and nothing else, so 100,000 waiting messages stay cheap.
 */
export class MemoryOutboxStore implements OutboxStore {
  readonly limits: ResolvedOutboxLimits;
  /** Its messages are lost with the process (or `close()`). */
  readonly durable = false;
  /** Waiting entries by id; a Map iterates in insertion order, which is id order. */
  private entries = new Map<number, OutboxEntry>();
  /** Id the next accepted message gets. */
  private nextId = 1;
  /** Sum of `bytes` of the waiting entries. */
  private pendingBytes = 0;
  private closed = false;

  constructor(limits: OutboxLimits = {}) {
    this.limits = resolveOutboxLimits(limits);
  }

  append(
    messages: readonly OutboundMessage[],
    options: { readonly acceptedAt: number; readonly keep?: ReadonlySet<number> },
  ): AppendOutcome {
    this.checkOpen('append');
    const sizes = admitBatch(messages);
    const { placed, evicted } = placeWithinLimits(this.limits, messages, sizes, {
      used: () => ({ count: this.entries.size, bytes: this.pendingBytes }),
      oldestEvictable: () => this.oldestEvictable(options.keep),
      evict: (entry) => this.delete(entry),
      insert: (message, bytes) => {
        const entry: OutboxEntry = Object.freeze({
          id: this.nextId++,
          message: Object.freeze({
            data: message.data,
            topics: message.topics.length === 0 ? NO_TOPICS : Object.freeze([...message.topics]),
          }),
          bytes,
          acceptedAt: options.acceptedAt,
        });
        this.entries.set(entry.id, entry);
        this.pendingBytes += bytes;
        return entry;
      },
    });
    return { entries: placed, evicted };
  }

  pending(limit: number): readonly OutboxEntry[] {
    this.checkOpen('read pending messages');
    const result: OutboxEntry[] = [];
    if (limit <= 0) return result;
    for (const entry of this.entries.values()) {
      result.push(entry);
      if (result.length >= limit) break;
    }
    return result;
  }

  remove(ids: readonly number[]): number {
    this.checkOpen('remove messages');
    let removed = 0;
    for (const id of ids) {
      const entry = this.entries.get(id);
      if (entry === undefined) continue;
      this.delete(entry);
      removed++;
    }
    return removed;
  }

  stats(): OutboxStoreStats {
    this.checkOpen('read stats');
    const oldest = this.entries.values().next();
    return {
      pendingCount: this.entries.size,
      pendingBytes: this.pendingBytes,
      oldestAcceptedAt: oldest.done ? undefined : oldest.value.acceptedAt,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.entries = new Map();
    this.pendingBytes = 0;
  }

  private delete(entry: OutboxEntry): void {
    this.entries.delete(entry.id);
    this.pendingBytes -= entry.bytes;
  }

  private oldestEvictable(keep: ReadonlySet<number> | undefined): OutboxEntry | undefined {
    for (const entry of this.entries.values()) {
      if (keep === undefined || !keep.has(entry.id)) return entry;
    }
    return undefined;
  }

  private checkOpen(operation: string): void {
    if (this.closed) throw new ClosedError('outbox', undefined, { detail: `cannot ${operation}` });
  }
}
