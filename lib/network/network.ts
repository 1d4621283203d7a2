import type { Observable } from '../rx';
import type { NetworkState } from './network-state';
import type { Transport } from '../cloud/transport';
import type { Modem } from '../modem/modem';

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
 *
 * `transport`, `modem` and `modem$` are what the network offers beyond its state, read by the
 * facade with no guessing: a network without a modem of its own says so (`undefined`, and
 * `modem$` emitting `undefined` once); `StatefulNetwork` supplies those values.
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
   * How messages travel while this network is up: its own transport (a cellular network using
   * the modem's AT sockets), or `undefined` for the host's TCP stack.
   */
  readonly transport: Transport | undefined;
  /** The modem this network drives: `undefined` until it is open, and for a network without one. */
  readonly modem: Modem | undefined;
  /**
   * `modem` at once, then each modem the network opens (a cellular network opens its own late,
   * and again after an unplug). A network without a modem emits `undefined` and completes.
   */
  readonly modem$: Observable<Modem | undefined>;
}
