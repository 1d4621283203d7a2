/**
 * The one connection state of a network: a discriminated union, never a set of booleans.
 * `since` is the scheduler's clock (ms) when the state was entered, so virtual time tests can assert it.
 */
export type NetworkState =
  | { readonly kind: 'disconnected'; readonly reason: string; readonly since: number }
  | { readonly kind: 'connecting'; readonly reason: string; readonly since: number }
  | { readonly kind: 'connected'; readonly since: number; readonly detail?: string };

export type NetworkStateKind = NetworkState['kind'];

export const isConnected = (state: NetworkState): boolean => state.kind === 'connected';

/** The connected state entered at `since`; `detail` says how (an interface name, an IP address). */
export const connectedState = (since: number, detail?: string): NetworkState =>
  detail === undefined ? { kind: 'connected', since } : { kind: 'connected', since, detail };

/** The disconnected state entered at `since`, with the reason a person reading a log needs. */
export const disconnectedState = (reason: string, since: number): NetworkState => ({ kind: 'disconnected', reason, since });

/** The connecting state entered at `since` (a link being brought up, a Wi-Fi association). */
export const connectingState = (reason: string, since: number): NetworkState => ({ kind: 'connecting', reason, since });
