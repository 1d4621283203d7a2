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
