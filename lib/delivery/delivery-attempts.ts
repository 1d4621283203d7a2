/**
 * Failed sends per message, for `maxAttempts`. Counted only while the limit is finite (the default
 * `Infinity` keeps no map at all) and forgotten as soon as the message settles, so a long-running
 * device does not accumulate them.
 */
export class DeliveryAttempts {
  /** Failed sends so far, by outbox id. */
  readonly #failures = new Map<number, number>();

  constructor(private readonly maxAttempts: number) {}

  /** Counts a failed send of message `id`: its failed sends so far and whether they are used up. */
  failed(id: number): { readonly attempts: number; readonly exhausted: boolean } {
    const attempts = (this.#failures.get(id) ?? 0) + 1;
    const exhausted = attempts >= this.maxAttempts;
    if (!exhausted && this.maxAttempts !== Number.POSITIVE_INFINITY) this.#failures.set(id, attempts);
    return { attempts, exhausted };
  }

  /** The message settled (delivered, failed, dropped): its count is no longer needed. */
  forget(id: number): void {
    this.#failures.delete(id);
  }

  clear(): void {
    this.#failures.clear();
  }
}
