import type { NetworkState } from '../network-state';
import type { PPPConnectionError } from './ppp-connection-error';
import type { PPPEndpoints } from './ppp-session';

/**
 * The state of a `PPPLink`. `stopped` is also the state before the first start; its `error` is set
 * when pppd ended on its own (failed to connect, or the link dropped), not when `disconnect()` ended it.
 */
export type PPPLinkState =
  | { readonly kind: 'stopped'; readonly since: number; readonly exitCode: number | null; readonly signal: string | null; readonly error?: PPPConnectionError }
  | { readonly kind: 'starting'; readonly since: number; readonly pid: number | undefined }
  | ({ readonly kind: 'connected'; readonly since: number; readonly pid: number | undefined } & PPPEndpoints);

/** The network state a PPP link amounts to, for a network that runs over it. */
export function pppNetworkState(state: PPPLinkState): NetworkState {
  switch (state.kind) {
    case 'connected':
      return { kind: 'connected', since: state.since, detail: `${state.interface} ${state.localIP}` };
    case 'starting':
      return { kind: 'connecting', reason: 'pppd is starting the link', since: state.since };
    case 'stopped':
      return { kind: 'disconnected', reason: state.error?.message ?? 'pppd is not running', since: state.since };
  }
}
