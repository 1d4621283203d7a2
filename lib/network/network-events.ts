import { filter, map, pairwise, type OperatorFunction } from '../rx';
import { isConnected, type NetworkState } from './network-state';

export type NetworkEventName = 'network.connected' | 'network.disconnected';

/** A change of connectivity, carrying the state that caused it. */
export interface NetworkEvent {
  readonly name: NetworkEventName;
  readonly state: NetworkState;
}

/**
 * Derives `network.connected` / `network.disconnected` events from a `state$`, exactly once per
 * change of connectivity.
 *
 * Connectivity is binary: `connecting` counts as not connected, so `connected -> connecting` emits
 * `network.disconnected` and a following `connecting -> disconnected` emits nothing (no
 * transition), nor does `connecting -> connecting`.
 *
 * The first state is the baseline, never an event: `state$` replays the current state to every
 * subscriber, so treating it as a transition would announce a "connection" each time someone
 * subscribes, not when the link changed. Read `network.state` for the state at subscription time.
 *
 * ```
 * state$:  -c-c-n-d-c-|       (c connected, n connecting, d disconnected)
 * events:  -----D---C-|       (D network.disconnected at n, C network.connected at c)
 * ```
 */
export function networkEvents(): OperatorFunction<NetworkState, NetworkEvent> {
  return (state$) =>
    state$.pipe(
      pairwise(),
      filter(([previous, current]) => isConnected(previous) !== isConnected(current)),
      map(([, current]) => ({
        name: isConnected(current) ? 'network.connected' : 'network.disconnected',
        state: current,
      })),
    );
}
