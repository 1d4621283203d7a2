/**
 * What a bounded buffer does with a message that does not fit:
 * - `drop-oldest`: evict the oldest held messages to make room (freshest data wins, the usual
 *   choice for telemetry);
 * - `drop-newest`: keep what is held and drop the newcomer (history wins);
 * - `error`: refuse the newcomer with an `OutboxOverflowError`, so the producer can slow down.
 * Every dropped message is reported; nothing disappears silently.
 */
export type OverflowPolicy = 'drop-oldest' | 'drop-newest' | 'error';

export const OVERFLOW_POLICIES: readonly OverflowPolicy[] = ['drop-oldest', 'drop-newest', 'error'];
