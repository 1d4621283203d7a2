import type { HoldDropReason } from './bounded-hold';
import { OutboxOverflowError } from './outbox-overflow-error';
import { placeWithinLimits, type HoldingSpace, type OverflowLimits } from './place-within-limits';

/**
 * What `boundedHold` holds: values oldest first, within its limits, the overflow policy applied as
 * each comes in (`placeWithinLimits`, the one rule every bounded buffer uses). Every value let go
 * without being emitted is told to `onDrop` with the reason.
 */
export class HeldValues<T> implements HoldingSpace<T, T> {
  /** Held values from index `#head` on (slots before it are already taken). */
  #held: (T | undefined)[] = [];
  #head = 0;
  /** Sizes of the held values, parallel to `#held`; only filled when `maxBytes` is finite. */
  #sizes: number[] = [];
  /** Sum of the sizes of the values still held. */
  #bytes = 0;

  readonly #limits: OverflowLimits;
  readonly #sizeOf: (value: T) => number;
  readonly #onDrop: ((value: T, reason: HoldDropReason) => void) | undefined;

  constructor(
    limits: OverflowLimits,
    sizeOf: (value: T) => number,
    onDrop: ((value: T, reason: HoldDropReason) => void) | undefined,
  ) {
    this.#limits = limits;
    this.#sizeOf = sizeOf;
    this.#onDrop = onDrop;
  }

  get count(): number {
    return this.#held.length - this.#head;
  }

  /**
   * Takes `value` in under the overflow policy: evicting the oldest (`drop-oldest`), dropping it
   * (`drop-newest`), or, with `error`, throwing the `OutboxOverflowError` after telling `onDrop`.
   */
  add(value: T): void {
    const size = this.#measured() ? this.#sizeOf(value) : 0;
    let placement;
    try {
      placement = placeWithinLimits(this.#limits, [value], [size], this);
    } catch (error) {
      if (error instanceof OutboxOverflowError) this.#onDrop?.(value, 'refused');
      throw error;
    }
    for (const evicted of placement.evicted) this.#onDrop?.(evicted, 'drop-oldest');
    if (placement.placed[0] === null) this.#onDrop?.(value, 'drop-newest');
  }

  /** Removes and returns the oldest held value, compacting the list now and then. */
  takeOldest(): T {
    const value = this.#held[this.#head] as T;
    this.#held[this.#head] = undefined;
    if (this.#measured()) this.#bytes -= this.#sizes[this.#head];
    this.#head++;
    if (this.#head === this.#held.length) {
      this.#held = [];
      this.#sizes = [];
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#held.length) {
      this.#held = this.#held.slice(this.#head);
      this.#sizes = this.#sizes.slice(this.#head);
      this.#head = 0;
    }
    return value;
  }

  /** Tells `onDrop` of every held value (`discarded`) and forgets it; a throwing `onDrop` stops it there. */
  discardAll(): void {
    while (this.count > 0) {
      const value = this.takeOldest(); // not inside `onDrop?.(...)`: without onDrop its arguments are never evaluated
      this.#onDrop?.(value, 'discarded');
    }
  }

  /** Forgets every held value, telling nobody (the subscriber is gone). */
  clear(): void {
    this.#held = [];
    this.#sizes = [];
    this.#head = 0;
    this.#bytes = 0;
  }

  used(): { readonly count: number; readonly bytes: number } {
    return { count: this.count, bytes: this.#bytes };
  }

  oldestEvictable(): T | undefined {
    return this.count > 0 ? (this.#held[this.#head] as T) : undefined;
  }

  evict(): void {
    this.takeOldest();
  }

  insert(value: T, size: number): T {
    this.#held.push(value);
    if (this.#measured()) {
      this.#sizes.push(size);
      this.#bytes += size;
    }
    return value;
  }

  /** Whether sizes count (a finite `maxBytes`). */
  #measured(): boolean {
    return this.#limits.maxBytes !== Infinity;
  }
}
