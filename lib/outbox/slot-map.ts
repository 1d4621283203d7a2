/**
 * A `Map` by outbox id that keeps its entry out of the `Map` while it is the only one. When
 * messages go one at a time (a script that awaits each send), the outbox, its journeys and its
 * waiters each hold one entry, then none, then one again: V8 reallocates a `Map`'s table every time
 * it empties, and here nothing is allocated. Iterates in insertion order, as a `Map` does: the slot
 * is used only when everything is empty, so it always holds the oldest entry.
 */
export class SlotMap<V> {
  /** Whether the slot holds an entry. */
  #filled = false;
  #slotKey = 0;
  #slotValue: V | undefined;
  readonly #map = new Map<number, V>();

  get size(): number {
    return (this.#filled ? 1 : 0) + this.#map.size;
  }

  has(key: number): boolean {
    return (this.#filled && this.#slotKey === key) || this.#map.has(key);
  }

  get(key: number): V | undefined {
    return this.#filled && this.#slotKey === key ? this.#slotValue : this.#map.get(key);
  }

  set(key: number, value: V): void {
    if (this.#filled && this.#slotKey === key) {
      this.#slotValue = value;
    } else if (!this.#filled && this.#map.size === 0) {
      this.#filled = true;
      this.#slotKey = key;
      this.#slotValue = value;
    } else {
      this.#map.set(key, value);
    }
  }

  delete(key: number): boolean {
    if (this.#filled && this.#slotKey === key) {
      this.#filled = false;
      this.#slotValue = undefined;
      return true;
    }
    return this.#map.delete(key);
  }

  clear(): void {
    this.#filled = false;
    this.#slotValue = undefined;
    this.#map.clear();
  }

  /** The oldest value that `matches` (by default the oldest of all), if any. */
  find(matches: (value: V) => boolean = () => true): V | undefined {
    if (this.#filled && matches(this.#slotValue as V)) return this.#slotValue;
    for (const value of this.#map.values()) if (matches(value)) return value;
    return undefined;
  }

  /** The oldest `limit` values (all by default), oldest first. */
  values(limit = Number.POSITIVE_INFINITY): V[] {
    const values: V[] = [];
    if (limit <= 0) return values;
    if (this.#filled) values.push(this.#slotValue as V);
    if (values.length >= limit) return values;
    for (const value of this.#map.values()) {
      values.push(value);
      if (values.length >= limit) break;
    }
    return values;
  }

  /** The keys, oldest first. */
  keys(): number[] {
    const keys = this.#filled ? [this.#slotKey] : [];
    for (const key of this.#map.keys()) keys.push(key);
    return keys;
  }
}
