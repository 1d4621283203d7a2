import { BehaviorSubject, distinctUntilChanged, map, Observable, Subject, Subscription } from '../rx';
import { InvalidArgumentError } from '../errors';
import { logger } from '../logging';
import { describeValue } from '../options/describe-value';

const log = logger('event');

type Callback<T> = (payload: T) => void;

/**
 * Named events over one Subject per name, per instance (never process-wide, unlike the Python
 * SDK's `Event`). Callbacks registered with `subscribe` are isolated: one that throws is logged and
 * skipped, and neither other callbacks nor the code that broadcast notice. `on$(name)` gives the
 * same events as an Observable (RxJS rules apply to its observers). `listened$(name)` says whether
 * anything listens to an event, so a source can do costly or destructive work (reading and deleting
 * SMS from the modem) only while someone receives what it produces.
 */
export class EventBus<Events extends object> {
  readonly #subjects = new Map<keyof Events, Subject<unknown>>();
  /** Subscriptions per name and callback, so `unsubscribe(name, callback)` can find them. */
  readonly #callbacks = new Map<keyof Events, Map<Function, Subscription[]>>();
  /** How many callbacks and `on$()` observers listen, per name (absent: none yet). */
  readonly #listeners = new Map<keyof Events, BehaviorSubject<number>>();
  readonly #names: ReadonlySet<keyof Events>;
  #closed = false;

  /** `names`: every event name this bus knows; any other name is refused with a clear error. */
  constructor(names: readonly (keyof Events)[]) {
    this.#names = new Set(names);
  }

  /** Calls `callback` with the payload of every later broadcast of `name`. */
  subscribe<K extends keyof Events>(name: K, callback: Callback<Events[K]>): Subscription {
    this.#check(name);
    if (typeof callback !== 'function') {
      throw new InvalidArgumentError('callback', `callback for ${String(name)} must be a function, got ${describeValue(callback)}`);
    }
    const subscription = this.on$(name).subscribe((payload) => {
      try {
        callback(payload as Events[K]);
      } catch (error) {
        log('a %s callback threw (ignored): %s', String(name), error instanceof Error ? error.message : String(error));
      }
    });
    const byCallback = this.#callbacks.get(name) ?? new Map<Function, Subscription[]>();
    this.#callbacks.set(name, byCallback);
    byCallback.set(callback, [...(byCallback.get(callback) ?? []), subscription]);
    subscription.add(() => {
      const remaining = (byCallback.get(callback) ?? []).filter((entry) => entry !== subscription);
      if (remaining.length === 0) byCallback.delete(callback);
      else byCallback.set(callback, remaining);
    });
    return subscription;
  }

  /** Removes every registration of `callback` for `name`; unknown callbacks are ignored. */
  unsubscribe<K extends keyof Events>(name: K, callback: Callback<Events[K]>): void {
    this.#check(name);
    for (const subscription of this.#callbacks.get(name)?.get(callback) ?? []) subscription.unsubscribe();
  }

  /** Delivers `payload` to everything listening to `name`, synchronously. */
  broadcast<K extends keyof Events>(name: K, payload?: Events[K]): void {
    this.#subject(name).next(payload);
  }

  /** Whether anything listens to `name` right now (`listened$` says it as it changes): a payload nobody receives need not be built. */
  listened(name: keyof Events): boolean {
    this.#check(name);
    return this.#subjects.get(name)?.observed ?? false;
  }

  /** The events called `name` as a hot Observable (no replay); completes when the bus closes. */
  on$<K extends keyof Events>(name: K): Observable<Events[K]> {
    const subject = this.#subject(name);
    return new Observable<Events[K]>((subscriber) => {
      // Subscribed before counted: a source started by the count finds its listener in place.
      const subscription = (subject as Subject<Events[K]>).subscribe(subscriber);
      const listeners = this.#listenerCount(name);
      listeners.next(listeners.value + 1);
      return () => {
        subscription.unsubscribe();
        listeners.next(listeners.value - 1);
      };
    });
  }

  /**
   * True while at least one callback or `on$()` observer listens to `name`, false while none does:
   * the current answer at once, then each change. Completes when the bus closes.
   */
  listened$(name: keyof Events): Observable<boolean> {
    this.#check(name);
    return this.#listenerCount(name).pipe(
      map((count) => count > 0),
      distinctUntilChanged(),
    );
  }

  /** Completes every event stream and drops every callback; resolves once done (again for a second call). */
  close(): Promise<void> {
    this.#closed = true;
    for (const listeners of this.#listeners.values()) listeners.complete();
    for (const subject of this.#subjects.values()) subject.complete();
    this.#subjects.clear();
    this.#callbacks.clear();
    return Promise.resolve();
  }

  #check(name: keyof Events): void {
    if (!this.#names.has(name)) {
      throw new InvalidArgumentError(
        'event',
        `unknown event ${describeValue(name)}: use one of ${[...this.#names].map(String).join(', ')}`,
      );
    }
  }

  #listenerCount(name: keyof Events): BehaviorSubject<number> {
    let listeners = this.#listeners.get(name);
    if (listeners === undefined) {
      listeners = new BehaviorSubject(0);
      if (this.#closed) listeners.complete();
      else this.#listeners.set(name, listeners);
    }
    return listeners;
  }

  #subject(name: keyof Events): Subject<unknown> {
    this.#check(name);
    let subject = this.#subjects.get(name);
    if (subject === undefined) {
      subject = new Subject<unknown>();
      // After close() every stream is complete; a late subscriber gets a completed stream too.
      if (this.#closed) subject.complete();
      else this.#subjects.set(name, subject);
    }
    return subject;
  }
}
