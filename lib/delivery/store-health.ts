import { BehaviorSubject, distinctUntilChanged, type Observable, type Subscription } from '../rx';
import { logger } from '../logging';
import type { Backoff } from '../operators/backoff';
import type { OutboxStore } from '../outbox/outbox-store';
import { OutboxStoreError } from '../outbox/outbox-store-error';
import { OUTBOX_OK, type OutboxHealth } from './outbox-health';

const log = logger('delivery');

/**
 * The outbox's health, and the one retry of what failed in it. A store operation that throws
 * makes it `failing`; what failed (removals, reads) is tried again by `retry` after a backoff
 * wait, never in a tight loop; the next operation that works makes it `ok` again.
 */
export class StoreHealth {
  readonly #health = new BehaviorSubject<OutboxHealth>(OUTBOX_OK);
  /** The scheduled retry, while one waits. */
  #retry?: Subscription;
  /** The current one at once, then every change between `ok` and `failing`. */
  readonly health$: Observable<OutboxHealth> = this.#health.pipe(distinctUntilChanged((a, b) => a.kind === b.kind));

  readonly #store: OutboxStore;
  readonly #backoff: Backoff;
  readonly #retryFailed: () => void;
  readonly #changed: (health: OutboxHealth) => void;

  constructor(
    store: OutboxStore,
    backoff: Backoff,
    /** Retries what failed (told once per wait). */
    retry: () => void,
    /** Told about each change of kind, for `events$`. */
    changed: (health: OutboxHealth) => void,
  ) {
    this.#store = store;
    this.#backoff = backoff;
    this.#retryFailed = retry;
    this.#changed = changed;
  }

  get health(): OutboxHealth {
    return this.#health.value;
  }

  /** Whether a retry waits (failed removals wait for it rather than trying on their own). */
  get retrying(): boolean {
    return this.#retry !== undefined;
  }

  ok(): void {
    if (this.#health.value.kind !== 'ok') this.#set(OUTBOX_OK);
  }

  /** A store operation threw: failing, a retry scheduled; the error as an `OutboxStoreError`. */
  failed(error: unknown): OutboxStoreError {
    const storeError =
      error instanceof OutboxStoreError ? error : new OutboxStoreError(`Outbox operation failed: ${describe(error)}`, storePath(this.#store), { cause: error });
    this.#set({ kind: 'failing', error: storeError });
    if (this.#retry === undefined && !this.#health.closed) {
      const { delayMs } = this.#backoff.failed();
      log('outbox failing (%s), trying again in %d ms', storeError.message, Math.round(delayMs));
      this.#retry = this.#backoff.over$().subscribe(() => {
        this.#retry = undefined;
        this.#retryFailed();
      });
    }
    return storeError;
  }

  close(): void {
    this.#retry?.unsubscribe();
    this.#retry = undefined;
    void this.#backoff.close();
    this.#health.complete();
  }

  /** Announced once per change of kind; `health` keeps the newest cause. */
  #set(health: OutboxHealth): void {
    const changed = this.#health.value.kind !== health.kind;
    this.#health.next(health);
    if (!changed) return;
    if (health.kind === 'failing') log('outbox failing: %s', health.error.message);
    else log('outbox works again');
    this.#changed(health);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The file of a durable store, for errors; `memory` for a store in memory. */
function storePath(store: OutboxStore): string {
  const path = (store as { readonly path?: unknown }).path;
  return typeof path === 'string' ? path : 'memory';
}
