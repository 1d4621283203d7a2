import type { Observable } from '../rx';
import type { Network, NetworkName } from './network';
import type { NetworkState } from './network-state';
import { NetworkStateStore } from './network-state-store';

/**
 * What every network built on a `NetworkStateStore` shares: `state$`, `connected$` and `state`
 * read from the store (which keeps the `Network` rules), and `close()` completes it. A subclass
 * only decides which state it is in (through `store.set()`) and how it connects; one holding more
 * resources (a poll, a process) releases them in its own `close()` before calling `super.close()`.
 */
export abstract class StatefulNetwork implements Network {
  abstract readonly name: NetworkName;
  protected readonly store: NetworkStateStore;

  protected constructor(initial: NetworkState) {
    this.store = new NetworkStateStore(initial);
  }

  get state$(): Observable<NetworkState> {
    return this.store.state$;
  }

  get connected$(): Observable<boolean> {
    return this.store.connected$;
  }

  get state(): NetworkState {
    return this.store.state;
  }

  abstract connect(): Promise<void>;

  abstract disconnect(): Promise<void>;

  /** Completes the store (`state$`); a subclass releases its own resources first. */
  close(): Promise<void> {
    this.store.complete();
    return Promise.resolve();
  }
}
