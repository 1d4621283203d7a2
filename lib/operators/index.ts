export { holdUntilConnected } from './hold-until-connected';
export { boundedHold, type BoundedHoldConfig, type HoldDropReason } from './bounded-hold';
export { retryWithBackoff, type RetryWithBackoffConfig } from './retry-with-backoff';
export { Backoff } from './backoff';
export { fullJitterDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff-options';
export { OutboxOverflowError, type OutboxLimit } from './outbox-overflow-error';
export type { OverflowPolicy } from './overflow-policy';
export { longTimer } from './long-timer';
export { checkBoundedDuration, MAX_TIMER_MS } from '../validation/duration';
