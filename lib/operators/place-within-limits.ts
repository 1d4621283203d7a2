import { OutboxOverflowError } from './outbox-overflow-error';
import type { OverflowPolicy } from './overflow-policy';

/** The limits of a bounded buffer and what happens to what does not fit. */
export interface OverflowLimits {
  readonly maxMessages: number;
  readonly maxBytes: number;
  readonly overflow: OverflowPolicy;
}

/** What `placeWithinLimits` needs from a buffer (`H`: how it holds a `T`): its use and three steps. */
export interface HoldingSpace<T, H> {
  /** Values and bytes held now (read again after every step). */
  used(): { readonly count: number; readonly bytes: number };
  /** The oldest held value that may be evicted, if any. */
  oldestEvictable(): H | undefined;
  /** Lets go of a held value to make room. */
  evict(held: H): void;
  /** Holds a value that fits. */
  insert(value: T, bytes: number): H;
}

/** What one `placeWithinLimits` did. */
export interface Placement<H> {
  /** One slot per value, in order: how it is held, or `null` if it was dropped on arrival. */
  readonly placed: readonly (H | null)[];
  /** Values evicted to make room (`drop-oldest`), oldest first; may include values of this batch. */
  readonly evicted: readonly H[];
}

/** Whether one more value of `bytes` fits beside what is `used`, with nothing evicted. */
export function fitsWithin(limits: OverflowLimits, used: { readonly count: number; readonly bytes: number }, bytes: number): boolean {
  return used.count + 1 <= limits.maxMessages && used.bytes + bytes <= limits.maxBytes;
}

/**
 * The overflow policy, the one implementation every bounded buffer uses (both outbox stores,
 * `boundedHold`). Places `values` (of `sizes[i]` bytes each) in order:
 * - `error`: a batch that does not fit as a whole is refused with an `OutboxOverflowError` naming
 *   the limit, and nothing is placed;
 * - `drop-newest`: a value that does not fit is dropped on arrival;
 * - `drop-oldest`: the oldest evictable values are evicted until it fits; if that is not enough
 *   (only unevictable values left, or bigger than `maxBytes` on its own) it is dropped.
 */
export function placeWithinLimits<T, H>(limits: OverflowLimits, values: readonly T[], sizes: readonly number[], space: HoldingSpace<T, H>): Placement<H> {
  const { maxMessages, maxBytes, overflow } = limits;
  if (overflow === 'error') {
    const used = space.used();
    let batchBytes = 0;
    for (const size of sizes) batchBytes += size;
    if (used.count + values.length > maxMessages) throw new OutboxOverflowError('maxMessages', maxMessages, values.length);
    if (used.bytes + batchBytes > maxBytes) throw new OutboxOverflowError('maxBytes', maxBytes, values.length);
  }
  const placed: (H | null)[] = [];
  let evicted: H[] | undefined;
  for (let index = 0; index < values.length; index += 1) {
    const bytes = sizes[index];
    if (!fitsWithin(limits, space.used(), bytes)) {
      if (overflow === 'drop-newest' || bytes > maxBytes) {
        placed.push(null);
        continue;
      }
      evicted ??= [];
      if (!evictUntilItFits(limits, space, bytes, evicted)) {
        placed.push(null);
        continue;
      }
    }
    placed.push(space.insert(values[index], bytes));
  }
  return { placed, evicted: evicted ?? NOTHING_EVICTED };
}

/** Nothing evicted (most placements): one shared empty list. */
const NOTHING_EVICTED: readonly never[] = Object.freeze([]);

/** `drop-oldest`: evicts the oldest evictable values (into `evicted`) until `bytes` fits; whether it does. */
function evictUntilItFits<T, H>(limits: OverflowLimits, space: HoldingSpace<T, H>, bytes: number, evicted: H[]): boolean {
  while (!fitsWithin(limits, space.used(), bytes)) {
    const oldest = space.oldestEvictable();
    if (oldest === undefined) return false;
    space.evict(oldest);
    evicted.push(oldest);
  }
  return true;
}
