import type { ModemState } from '../../modem/modem-status';
import type { RegistrationState } from '../../modem/registration-status';

/**
 * One fact about a cellular network, as its parts report it; `cellularNetworkState()` folds these
 * into the network's state.
 * - `wanted`: `connect()` (true) or `disconnect()` (false), with why.
 * - `modem`: the modem's state; `absent` while no modem is open (not yet, or opening failed).
 * - `registration`: the modem's combined registration.
 * - `link`: the connection loop's progress. `waiting` an attempt waits for the modem and its
 *   registration, `starting` it brings the data context or PPP up, `up` data flows (detail: how),
 *   `down` the attempt failed or the link dropped (reason), and the loop backs off before the next.
 */
export type CellularInput =
  | { readonly type: 'wanted'; readonly wanted: boolean; readonly reason: string }
  | { readonly type: 'modem'; readonly state: ModemState | 'absent' }
  | { readonly type: 'registration'; readonly registered: boolean; readonly state: RegistrationState }
  | LinkInput;

export type LinkInput =
  | { readonly type: 'link'; readonly link: 'waiting' }
  | { readonly type: 'link'; readonly link: 'starting' }
  | { readonly type: 'link'; readonly link: 'up'; readonly detail: string }
  | { readonly type: 'link'; readonly link: 'down'; readonly reason: string };

export const linkWaiting: LinkInput = { type: 'link', link: 'waiting' };
export const linkStarting: LinkInput = { type: 'link', link: 'starting' };
export const linkUp = (detail: string): LinkInput => ({ type: 'link', link: 'up', detail });
export const linkDown = (reason: string): LinkInput => ({ type: 'link', link: 'down', reason });
