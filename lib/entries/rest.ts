// hologram-rx/rest: the Hologram REST API: plans, SIM state, activation. Every name is listed on
// purpose; api/hologram-rx-rest.api.md records them.

export { HologramAPI, type ActivateSIMOptions, type CellularLinkPage, type HologramAPIOptions } from '../api/hologram-api';
export type { APICredentials } from '../api/api-credentials';
export type { ActivationOrder, ClaimedLink } from '../api/activation-order';
export { selectablePlans, type Plan, type PlanZone } from '../api/plan';
export type { SIMState, CellularLink } from '../api/sim-state';
export { pollSIMState, type PollSIMStateOptions } from '../api/poll-sim-state';

// Errors (their family, `RESTError`, is in the root entry).
export { APIError, type APIErrorKind, type APIErrorDetails } from '../api/api-error';
