import { Observable, type Subscriber } from '../rx';

/**
 * The delivery pipeline's wake-up calls ("something may be sendable"), as an Observable for its
 * one delivery run. Not a `Subject`: wake-ups come once or twice per message, and RxJS's CommonJS
 * build runs every `Subject.next` through a fresh closure and iterator.
 */
export class WakeUps {
  /** The delivery run listening, while one is. */
  #listener: Subscriber<void> | undefined;

  readonly wakeUps$ = new Observable<void>((subscriber) => {
    this.#listener = subscriber;
    return () => {
      if (this.#listener === subscriber) this.#listener = undefined;
    };
  });

  wake(): void {
    this.#listener?.next();
  }

  /** No more wake-ups (the pipeline closes). */
  complete(): void {
    this.#listener?.complete();
  }
}
