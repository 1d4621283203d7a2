// hologram-rx/operators: the RxJS operators the outbox is built from, for streams of your own.
// Every name is listed on purpose; api/hologram-rx-operators.api.md records them.

export { holdUntilConnected } from '../operators/hold-until-connected';
export { boundedHold, type BoundedHoldConfig, type HoldDropReason } from '../operators/bounded-hold';
export { retryWithBackoff, type RetryWithBackoffConfig } from '../operators/retry-with-backoff';
export { longTimer } from '../operators/long-timer';
export { Backoff } from '../operators/backoff';
export { DEFAULT_BACKOFF } from '../operators/backoff-options';
export type { OutboxLimit } from '../operators/outbox-overflow-error';
