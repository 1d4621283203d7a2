// The Hologram REST API (`PROTOCOL.md` §4): what an application uses; request building and answer
// parsing stay internal.
export { HologramApi, type ActivateSimOptions, type HologramApiOptions } from './hologram-api';
export { ApiError, type ApiErrorKind } from './api-error';
export type { ApiCredentials } from './api-credentials';
export type { ActivationOrder } from './activation-order';
export { selectablePlans, type Plan, type PlanZone } from './plan';
export type { SimState } from './sim-state';
export type { FetchFunction } from './http-exchange';
export { pollSimState, type PollSimStateOptions } from './poll-sim-state';
