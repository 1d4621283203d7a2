import { checkCount } from '../validation/count';
import { InvalidArgumentError } from '../errors';
import type { Observable, OperatorFunction } from '../rx';
import { operate, subscribeWith } from './operate';
import { OVERFLOW_POLICIES, type OverflowPolicy } from './overflow-policy';
import { OutboxOverflowError } from './outbox-overflow-error';
import { placeWithinLimits, type HoldingSpace, type Placement } from './place-within-limits';
import { describeValue } from '../options/describe-value';

/** Why `boundedHold` let go of a value without emitting it. */
export type HoldDropReason =
  /** Evicted to make room for a newer value (`drop-oldest`). */
  | 'drop-oldest'
  /** Not taken in because the buffer was full (`drop-newest`, or too big on its own). */
  | 'drop-newest'
  /** Refused with an `OutboxOverflowError` (`error`); the output errors. */
  | 'refused'
  /** Still held when the output errored or was unsubscribed, or could never be released. */
  | 'discarded';

export interface BoundedHoldConfig<T> {
  /** Most values held at once (default: unbounded). */
  readonly maxMessages?: number;
  /** Most bytes held at once, as measured by `sizeOf` (default: unbounded). */
  readonly maxBytes?: number;
  /** Size of one value in bytes (default: 0, so only `maxMessages` applies). */
  readonly sizeOf?: (value: T) => number;
  /** What to do with a value that does not fit (default `drop-oldest`). */
  readonly overflow?: OverflowPolicy;
  /** Told about every value that is dropped, with the reason. If it throws, the output errors. */
  readonly onDrop?: (value: T, reason: HoldDropReason) => void;
}

/**
 * Like `holdUntilConnected`, but holds at most `maxMessages` values / `maxBytes` bytes while
 * disconnected, so a device offline for hours does not run out of memory. When full, the overflow
 * policy decides; every dropped value is reported to `onDrop`.
 *
 * ```
 * connected$: f-------t------|   (maxMessages: 2, overflow: 'drop-oldest')
 * source:     -a-b-c------d-|
 * result:     --------(bc)d-|    onDrop(a, 'drop-oldest') at frame 5
 * ```
 *
 * With `overflow: 'error'` the output errors with an `OutboxOverflowError` naming the limit, and
 * the refused value (`refused`) and every held value (`discarded`) are reported to `onDrop`.
 * Values arriving while connected and nothing is held pass straight through and count against
 * nothing. A source error is forwarded at once (held values are reported as `discarded`); a source
 * completion waits until everything held has been released.
 */
export function boundedHold<T>(
  connected$: Observable<boolean>,
  config: BoundedHoldConfig<T> = {},
): OperatorFunction<T, T> {
  const maxMessages = config.maxMessages ?? Infinity;
  const maxBytes = config.maxBytes ?? Infinity;
  const sizeOf = config.sizeOf ?? (() => 0);
  const overflow = config.overflow ?? 'drop-oldest';
  const onDrop = config.onDrop;
  const limits = { maxMessages, maxBytes, overflow };
  checkCount('maxMessages', maxMessages, { min: 0, unlimited: true });
  checkCount('maxBytes', maxBytes, { min: 0, unlimited: true });
  if (!OVERFLOW_POLICIES.includes(overflow)) {
    throw new InvalidArgumentError(
      'overflow',
      `overflow must be one of ${OVERFLOW_POLICIES.join(', ')}, got ${describeValue(overflow)}`,
    );
  }

  return operate<T, T>((source, subscriber) => {
    /** Held values, oldest first, from index `head` on (slots before it are already released). */
    let held: (T | undefined)[] = [];
    /** Index of the oldest held value in `held`. */
    let head = 0;
    /** Sizes of the held values, parallel to `held`; only filled when `maxBytes` is finite. */
    let sizes: number[] = [];
    /** Sum of the sizes of the values still held. */
    let heldBytes = 0;
    /** Latest value of `connected$`; nothing is connected until it says so. */
    let connected = false;
    /** `connected$` completed: `connected` will never change again. */
    let connectionDone = false;
    /** The source completed; complete the output once nothing is held. */
    let sourceDone = false;

    const heldCount = (): number => held.length - head;

    /** Removes and returns the oldest held value, compacting the array now and then. */
    const takeOldest = (): T => {
      const value = held[head] as T;
      held[head] = undefined;
      if (maxBytes !== Infinity) heldBytes -= sizes[head];
      head++;
      if (head === held.length) {
        held = [];
        sizes = [];
        head = 0;
      } else if (head >= 1024 && head * 2 >= held.length) {
        held = held.slice(head);
        sizes = sizes.slice(head);
        head = 0;
      }
      return value;
    };

    /** Reports every held value as discarded and forgets them (a throwing `onDrop` errors the output). */
    const discardHeld = (): void => {
      while (heldCount() > 0) {
        const value = takeOldest();
        onDrop?.(value, 'discarded');
      }
    };

    const fail = (error: unknown): void => {
      discardHeld();
      subscriber.error(error);
    };

    const completeIfDone = (): void => {
      if (sourceDone && heldCount() === 0) subscriber.complete();
    };

    /** Emits held values in order while connected; stops if a consumer disconnects meanwhile. */
    const release = (): void => {
      while (connected && heldCount() > 0 && !subscriber.closed) subscriber.next(takeOldest());
      completeIfDone();
    };

    /** What `placeWithinLimits` sees of this buffer: the held values, oldest first. */
    const space: HoldingSpace<T, T> = {
      used: () => ({ count: heldCount(), bytes: heldBytes }),
      oldestEvictable: () => (heldCount() > 0 ? (held[head] as T) : undefined),
      evict: () => void takeOldest(),
      insert: (value, size) => {
        held.push(value);
        if (maxBytes !== Infinity) {
          sizes.push(size);
          heldBytes += size;
        }
        return value;
      },
    };

    /** Takes `value` in, applying the overflow policy (which may error the output). */
    const hold = (value: T): void => {
      const size = maxBytes === Infinity ? 0 : sizeOf(value);
      let placement: Placement<T>;
      try {
        placement = placeWithinLimits(limits, [value], [size], space);
      } catch (error) {
        if (!(error instanceof OutboxOverflowError)) throw error;
        onDrop?.(value, 'refused');
        fail(error);
        return;
      }
      for (const evicted of placement.evicted) onDrop?.(evicted, 'drop-oldest');
      if (placement.placed[0] === null) onDrop?.(value, 'drop-newest');
    };

    subscribeWith(connected$, subscriber, {
      next: (isConnected) => {
        connected = isConnected;
        if (connected) release();
      },
      error: fail,
      complete: () => {
        connectionDone = true;
        // Nothing held can ever be released once the connection is gone for good.
        if (!connected && sourceDone) {
          discardHeld();
          subscriber.complete();
        }
      },
    });
    if (subscriber.closed) return;
    subscribeWith(source, subscriber, {
      next: (value) => {
        if (connected && heldCount() === 0) subscriber.next(value);
        else hold(value);
      },
      error: fail,
      complete: () => {
        sourceDone = true;
        if (connectionDone && !connected) discardHeld();
        completeIfDone();
      },
    });
    return () => {
      // Whatever is still held is lost with this subscription: say so, then free it.
      try {
        discardHeld();
      } catch {
        // The subscriber is gone; a throwing callback has nobody left to tell.
      }
      held = [];
      sizes = [];
    };
  });
}
