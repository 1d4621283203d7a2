// The Hologram REST API (docs/REST-API.md): what an application uses; request building and answer
// parsing stay internal.
export { HologramAPI, type ActivateSIMOptions, type CellularLinkPage, type HologramAPIOptions } from './hologram-api';
export { APIError, type APIErrorKind, type APIErrorDetails } from './api-error';
export type { APICredentials } from './api-credentials';
export type { ActivationOrder, ClaimedLink } from './activation-order';
export { selectablePlans, type Plan, type PlanZone } from './plan';
export type { SIMState, CellularLink } from './sim-state';
export { pollSIMState, type PollSIMStateOptions } from './poll-sim-state';
