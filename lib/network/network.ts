import type { Observable } from '../rx';
import type { NetworkState } from './network-state';
import type { Transport } from '../cloud/transport';

/** Names accepted by `new Hologram(credentials, { network })`; `''` is the always-connected default. */
export type NetworkName = '' | 'manual' | 'ethernet' | 'wifi' | 'cellular';

/**
 * A link to the internet whose state the SDK watches to decide when messages may flow.
 *
 * Rules every implementation keeps:
 * - `state$` replays the current state to each new subscriber, then emits every change once;
 *   consecutive equal kinds are not repeated.
 * - `connected$` is `state$` mapped to `kind === 'connected'`, distinct.
 * - `state` is the current state, synchronously.
 * - `close()` releases every resource (timers, watchers, ports, processes), completes `state$`, and
 *   resolves once all of it is done; calling it again resolves too.
 */
export interface Network {
  readonly name: NetworkName;
  readonly state$: Observable<NetworkState>;
  readonly connected$: Observable<boolean>;
  readonly state: NetworkState;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  close(): Promise<void>;
  /**
   * How messages travel while this network is up. Absent means the host's own TCP stack
   * (a cellular network using the modem's AT sockets supplies its own).
   */
  readonly transport?: Transport;
}
