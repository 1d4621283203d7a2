import type { DeliveryWaiter } from './delivery-waiter';

/**
 * Who waits for which message, by outbox id. Most awaited messages go one at a time (a script that
 * awaits each send): that one waiter is kept in a slot of its own and the others in a `Map`, which
 * V8 reallocates every time it empties, after every message when they go one by one.
 */
export class Waiters {
  /** The slot: a waiter and its id, or none. */
  #slotId = 0;
  #slot: DeliveryWaiter | undefined;
  readonly #others = new Map<number, DeliveryWaiter>();

  set(id: number, waiter: DeliveryWaiter): void {
    if (this.#slot === undefined || this.#slotId === id) {
      this.#slotId = id;
      this.#slot = waiter;
    } else {
      this.#others.set(id, waiter);
    }
  }

  get(id: number): DeliveryWaiter | undefined {
    return this.#slot !== undefined && this.#slotId === id ? this.#slot : this.#others.get(id);
  }

  /** The waiter of `id`, no longer kept. */
  take(id: number): DeliveryWaiter | undefined {
    if (this.#slot !== undefined && this.#slotId === id) {
      const waiter = this.#slot;
      this.#slot = undefined;
      return waiter;
    }
    const waiter = this.#others.get(id);
    if (waiter !== undefined) this.#others.delete(id);
    return waiter;
  }

  /** Every waiter with its id, oldest first; none kept afterwards. */
  takeAll(): Array<[number, DeliveryWaiter]> {
    const all = [...this.#others];
    if (this.#slot !== undefined) all.push([this.#slotId, this.#slot]);
    this.#slot = undefined;
    this.#others.clear();
    return all.sort(([a], [b]) => a - b);
  }
}
