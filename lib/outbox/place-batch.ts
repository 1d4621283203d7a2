import type { OutboundMessage } from '../cloud/outbound-message';
import type { ResolvedOutboxLimits } from './outbox-limits';
import type { AppendOutcome, OutboxEntry } from './outbox-store';

/** What `placeBatch` needs from a store: its current use and its three storage steps. */
export interface BatchSpace {
  /** Messages and bytes waiting now (read again after every step). */
  used(): { readonly count: number; readonly bytes: number };
  /** The oldest waiting entry that may be evicted (not one being sent), if any. */
  oldestEvictable(): OutboxEntry | undefined;
  /** Deletes a waiting entry to make room. */
  evict(entry: OutboxEntry): void;
  /** Stores a message that fits; returns its entry. */
  insert(message: OutboundMessage, bytes: number): OutboxEntry;
}

/**
 * Places a batch, in order, under the outbox limits and overflow policy: a message that fits is
 * inserted; one that does not is dropped on arrival (`drop-newest`, or bigger than `maxBytes` on
 * its own) or makes room by evicting the oldest evictable entries (`drop-oldest`), and is dropped
 * if that is still not enough. Policy `error` has been checked for the whole batch before. One
 * place for the policy, so every store applies it alike; `sizes[i]` is `messageBytes(messages[i])`.
 */
export function placeBatch(limits: ResolvedOutboxLimits, messages: readonly OutboundMessage[], sizes: readonly number[], space: BatchSpace): AppendOutcome {
  const { maxMessages, maxBytes, overflow } = limits;
  const entries: (OutboxEntry | null)[] = [];
  const evicted: OutboxEntry[] = [];
  messages.forEach((message, index) => {
    const bytes = sizes[index];
    const fits = (): boolean => {
      const used = space.used();
      return used.count + 1 <= maxMessages && used.bytes + bytes <= maxBytes;
    };
    if (!fits()) {
      if (overflow === 'drop-newest' || bytes > maxBytes) {
        entries.push(null);
        return;
      }
      while (!fits()) {
        const oldest = space.oldestEvictable();
        if (oldest === undefined) break;
        space.evict(oldest);
        evicted.push(oldest);
      }
      if (!fits()) {
        entries.push(null);
        return;
      }
    }
    entries.push(space.insert(message, bytes));
  });
  return { entries, evicted };
}
