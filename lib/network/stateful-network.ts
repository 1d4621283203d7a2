import type { Observable } from '../rx';
import { of } from '../rx-extra';
import type { Transport } from '../cloud/transport';
import type { Modem } from '../modem/modem';
import type { Network, NetworkName } from './network';
import type { NetworkState } from './network-state';
import { NetworkStateStore } from './network-state-store';

/**
 * What every network built on one state shares, for the package's networks and your own:
 * `state$`, `connected$` and `state` follow the `Network` rules (kept by `NetworkStateStore`,
 * which stays inside), and `close()` ends them. A subclass only decides which state it is in
 * (`setState()`) and how it connects; one holding more resources (a poll, a process) releases them
 * in its own `close()` before calling `super.close()`.
 * It carries messages over the host's TCP and has no modem (`transport` and `modem` undefined);
 * a subclass with its own overrides those getters.
 */
export abstract class StatefulNetwork implements Network {
  abstract readonly name: NetworkName;
  readonly #store: NetworkStateStore;

  protected constructor(initial: NetworkState) {
    this.#store = new NetworkStateStore(initial);
  }

  get state$(): Observable<NetworkState> {
    return this.#store.state$;
  }

  get connected$(): Observable<boolean> {
    return this.#store.connected$;
  }

  get state(): NetworkState {
    return this.#store.state;
  }

  /** None of its own: messages use the host's TCP. */
  get transport(): Transport | undefined {
    return undefined;
  }

  /** None: this network drives no modem. */
  get modem(): Modem | undefined {
    return undefined;
  }

  /** No modem, ever: `undefined` once, then complete. */
  get modem$(): Observable<Modem | undefined> {
    return of(undefined);
  }

  abstract connect(): Promise<void>;

  abstract disconnect(): Promise<void>;

  /** Completes `state$`; a subclass releases its own resources first. */
  close(): Promise<void> {
    this.#store.complete();
    return Promise.resolve();
  }

  /**
   * Enters `next`; the same kind with another reason (or detail) keeps the current `since`.
   * Returns whether anything changed: false for the same state again, and always after `close()`.
   */
  protected setState(next: NetworkState): boolean {
    return this.#store.set(next);
  }

  /** Whether `close()` has run: a subclass refuses to connect after it (`ClosedError`). */
  protected get closed(): boolean {
    return this.#store.closed;
  }
}
