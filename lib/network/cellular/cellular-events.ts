import { map, type OperatorFunction } from 'rxjs';
import { networkEvents } from '../network-events';
import type { NetworkState } from '../network-state';

export type CellularEventName = 'cellular.connected' | 'cellular.disconnected';

/** A change of the cellular link's connectivity, carrying the state that caused it. */
export interface CellularEvent {
  readonly name: CellularEventName;
  readonly state: NetworkState;
}

/**
 * `cellular.connected` / `cellular.disconnected` from a cellular network's `state$`, exactly once
 * per change of connectivity, beside the `network.*` events (same rules: `connecting` counts as not
 * connected, the replayed first state is no event).
 *
 * ```
 * state$:  -n-c-d-n-c-|       (n connecting, c connected, d disconnected)
 * events:  ---C-D---C-|
 * ```
 */
export function cellularEvents(): OperatorFunction<NetworkState, CellularEvent> {
  return (state$) =>
    state$.pipe(
      networkEvents(),
      map((event) => ({ name: event.name === 'network.connected' ? 'cellular.connected' : 'cellular.disconnected', state: event.state })),
    );
}
