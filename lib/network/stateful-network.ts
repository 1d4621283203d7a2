import type { Observable } from '../rx';
import { of } from '../rx-extra';
import type { Transport } from '../cloud/transport';
import type { Modem } from '../modem/modem';
import type { Network, NetworkName } from './network';
import type { NetworkState } from './network-state';
import { NetworkStateStore } from './network-state-store';

/** A network's life: open, or closed with the release of what it held. */
type NetworkLife = { readonly kind: 'open' } | { readonly kind: 'closed'; readonly released: Promise<void> };

/**
 * What every network built on one state shares, for the package's networks and your own:
 * `state$`, `connected$` and `state` follow the `Network` rules (kept by `NetworkStateStore`,
 * which stays inside), and `close()` ends them, once: a second call returns the first one's
 * promise. A subclass only decides which state it is in (`setState()`) and how it connects; one
 * holding more (a poll, a process, a modem) releases it in `release()`, which the first `close()`
 * calls.
 * It carries messages over the host's TCP and has no modem (`transport` and `modem` undefined);
 * a subclass with its own overrides those getters.
 */
export abstract class StatefulNetwork implements Network {
  abstract readonly name: NetworkName;
  readonly #store: NetworkStateStore;
  /** Open, or closed with the release under way or done. */
  #life: NetworkLife = { kind: 'open' };

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

  /**
   * Releases what the network holds (`release()`), then completes `state$`; resolves once all is
   * released. A second call returns the same promise.
   */
  close(): Promise<void> {
    if (this.#life.kind === 'closed') return this.#life.released;
    const released = this.release();
    this.#life = { kind: 'closed', released };
    this.#store.complete();
    return released;
  }

  /**
   * What a subclass holds besides its state (a poll, a process, a modem), let go once by the first
   * `close()`: it stops what could still change the state at once, and resolves once all is released.
   */
  protected release(): Promise<void> {
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
    return this.#life.kind === 'closed';
  }
}
