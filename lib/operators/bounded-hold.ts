import { checkCount } from '../validation/count';
import { InvalidArgumentError } from '../errors';
import type { Observable, OperatorFunction } from '../rx';
import { operate, subscribeWith } from './operate';
import { OVERFLOW_POLICIES, type OverflowPolicy } from './overflow-policy';
import { OutboxOverflowError } from './outbox-overflow-error';
import { HeldValues } from './held-values';
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
    const held = new HeldValues<T>(limits, sizeOf, onDrop);
    /** Latest value of `connected$`; nothing is connected until it says so. */
    let connected = false;
    /** `connected$` completed: `connected` will never change again. */
    let connectionDone = false;
    /** The source completed; complete the output once nothing is held. */
    let sourceDone = false;

    const fail = (error: unknown): void => {
      held.discardAll();
      subscriber.error(error);
    };
    const completeIfDone = (): void => {
      if (sourceDone && held.count === 0) subscriber.complete();
    };
    /** Emits held values in order while connected; stops if a consumer disconnects meanwhile. */
    const release = (): void => {
      while (connected && held.count > 0 && !subscriber.closed) subscriber.next(held.takeOldest());
      completeIfDone();
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
          held.discardAll();
          subscriber.complete();
        }
      },
    });
    if (subscriber.closed) return;
    subscribeWith(source, subscriber, {
      next: (value) => {
        if (connected && held.count === 0) {
          subscriber.next(value);
          return;
        }
        try {
          held.add(value);
        } catch (error) {
          if (!(error instanceof OutboxOverflowError)) throw error;
          fail(error);
        }
      },
      error: fail,
      complete: () => {
        sourceDone = true;
        if (connectionDone && !connected) held.discardAll();
        completeIfDone();
      },
    });
    return () => {
      // Whatever is still held is lost with this subscription: say so, then free it.
      try {
        held.discardAll();
      } catch {
        // The subscriber is gone; a throwing callback has nobody left to tell.
      }
      held.clear();
    };
  });
}
