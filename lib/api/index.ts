// The Hologram REST API (`PROTOCOL.md` §4).
export { HologramApi, checkIccid, type ActivateSimOptions, type HologramApiOptions } from './hologram-api';
export { ApiError, type ApiErrorKind } from './api-error';
export type { ApiCredentials } from './api-credentials';
export type { ActivationOrder } from './activation-order';
export { selectablePlans, type Plan, type PlanZone } from './plan';
export type { SimState } from './sim-state';
export { DEFAULT_API_BASE_URL } from './api-request';
export type { FetchFunction } from './http-exchange';
export { pollSimState, type PollSimStateOptions } from './poll-sim-state';
