import { Observable, Subscriber, type OperatorFunction, type TeardownLogic } from '../rx';

/** What an operator does with each notification of one inner subscription; absent: forward it. */
export interface OperatorHandlers<T> {
  /** `subscriber` is this inner subscription, for an operator that ends it at a value. */
  next?(value: T, subscriber: Subscriber<T>): void;
  error?(error: unknown): void;
  complete?(): void;
  /** Runs once when the subscription ends, however it ends (released resources go here). */
  finalize?(): void;
}

/**
 * The one subscriber every hand-written operator and delivery stage subscribes with (as RxJS's
 * own `OperatorSubscriber`): notifications go to `handlers`, or straight to `destination` when a
 * handler is absent; a handler that throws errors `destination`; it is torn down with
 * `destination`. So error, completion and teardown are routed here once, not in every operator.
 */
class OperatorSubscriber<T> extends Subscriber<T> {
  readonly #target: Subscriber<never>;
  readonly #handlers: OperatorHandlers<T>;

  constructor(
    target: Subscriber<never>,
    handlers: OperatorHandlers<T>,
  ) {
    super(target);
    this.#target = target;
    this.#handlers = handlers;
  }

  protected override _next(value: T): void {
    const next = this.#handlers.next;
    if (next === undefined) {
      (this.#target as Subscriber<T>).next(value);
      return;
    }
    try {
      next.call(this.#handlers, value, this);
    } catch (error) {
      this.#target.error(error);
    }
  }

  protected override _error(error: unknown): void {
    const handle = this.#handlers.error;
    try {
      if (handle === undefined) this.#target.error(error);
      else handle.call(this.#handlers, error);
    } catch (thrown) {
      this.#target.error(thrown);
    } finally {
      this.unsubscribe();
    }
  }

  protected override _complete(): void {
    const handle = this.#handlers.complete;
    try {
      if (handle === undefined) this.#target.complete();
      else handle.call(this.#handlers);
    } catch (thrown) {
      this.#target.error(thrown);
    } finally {
      this.unsubscribe();
    }
  }

  override unsubscribe(): void {
    if (this.closed) return;
    super.unsubscribe();
    this.#handlers.finalize?.();
  }
}

/**
 * Subscribes `destination`'s operator to `source` through the shared subscriber: `handlers` see
 * the notifications (absent ones are forwarded), a throwing handler errors `destination`, and the
 * subscription ends with `destination`. Returns it, for an operator that ends it sooner.
 */
export function subscribeWith<T>(source: Observable<T>, destination: Subscriber<never>, handlers: OperatorHandlers<T>): Subscriber<T> {
  const subscriber = new OperatorSubscriber<T>(destination, handlers);
  source.subscribe(subscriber);
  return subscriber;
}

/**
 * A hand-written operator: `init` runs on each subscription with the source and the output
 * subscriber, subscribes with `subscribeWith`, and may return extra teardown. An `init` that
 * throws errors the output.
 */
export function operate<T, R>(init: (source: Observable<T>, destination: Subscriber<R>) => TeardownLogic): OperatorFunction<T, R> {
  return (source) => new Observable<R>((destination) => init(source, destination));
}
