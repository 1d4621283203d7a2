import type { OutboundMessage } from '../cloud/outbound-message';
import { InvalidArgumentError } from '../errors';
import { OVERFLOW_POLICIES, type OverflowPolicy } from '../operators/overflow-policy';
import { describeValue } from '../options/describe-value';
import { checkCount } from '../validation/count';

/** How much an outbox may hold, and what happens to a message that does not fit. */
export interface OutboxLimits {
  /** Most waiting messages (default 100,000). */
  readonly maxMessages?: number;
  /** Most waiting bytes, payload plus topics (default 64 MiB). */
  readonly maxBytes?: number;
  /** Default `drop-oldest`: on a device offline for days the freshest readings matter most. */
  readonly overflow?: OverflowPolicy;
}

export type ResolvedOutboxLimits = Required<OutboxLimits>;

export const DEFAULT_OUTBOX_LIMITS: ResolvedOutboxLimits = {
  maxMessages: 100_000,
  maxBytes: 64 * 1024 * 1024,
  overflow: 'drop-oldest',
};

/** Fills in defaults and rejects bad values with an `InvalidArgumentError` naming them. */
export function resolveOutboxLimits(limits: OutboxLimits = {}): ResolvedOutboxLimits {
  const resolved = { ...DEFAULT_OUTBOX_LIMITS, ...stripUndefined(limits) };
  for (const name of ['maxMessages', 'maxBytes'] as const) {
    checkCount(name, resolved[name], { unlimited: true });
  }
  if (!OVERFLOW_POLICIES.includes(resolved.overflow)) {
    throw new InvalidArgumentError(
      'overflow',
      `overflow must be one of ${OVERFLOW_POLICIES.join(', ')}, got ${describeValue(resolved.overflow)}`,
    );
  }
  return resolved;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Bytes a message counts for: its payload and its topics, in UTF-8. */
export function messageBytes(message: OutboundMessage): number {
  let bytes = Buffer.byteLength(message.data, 'utf8');
  for (const topic of message.topics) bytes += Buffer.byteLength(topic, 'utf8');
  return bytes;
}

/** Checks what a caller hands to `append`, so a bad message never reaches the store. */
export function checkOutboundMessage(message: OutboundMessage, index: number): void {
  if (message === null || typeof message !== 'object' || typeof message.data !== 'string') {
    throw new InvalidArgumentError('message', `message ${index} must have a string data field, got ${describeValue(message)}`);
  }
  if (!Array.isArray(message.topics) || message.topics.some((topic) => typeof topic !== 'string')) {
    throw new InvalidArgumentError('topics', `message ${index} topics must be an array of strings, got ${describeValue(message.topics)}`);
  }
}

/**
 * What every store does first with a batch for `append`: checks each message and measures it.
 * Returns each message's `messageBytes` (the overflow policy is `placeWithinLimits`).
 */
export function admitBatch(messages: readonly OutboundMessage[]): number[] {
  messages.forEach(checkOutboundMessage);
  return messages.map(messageBytes);
}
