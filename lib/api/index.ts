// The Hologram REST API (`PROTOCOL.md` §4): what an application uses; request building and answer
// parsing stay internal.
export { HologramAPI, type ActivateSIMOptions, type HologramAPIOptions } from './hologram-api';
export { APIError, type APIErrorKind } from './api-error';
export type { APICredentials } from './api-credentials';
export type { ActivationOrder } from './activation-order';
export { selectablePlans, type Plan, type PlanZone } from './plan';
export type { SIMState } from './sim-state';
export type { FetchFunction } from './http-exchange';
export { pollSIMState, type PollSIMStateOptions } from './poll-sim-state';
