import type { OutboundMessage } from './outbound-message';

const NO_TOPICS: readonly string[] = Object.freeze([]);

/**
 * `message` as an outbox keeps it: frozen, topics included, so a caller that changes its own
 * object later changes nothing stored. A message already frozen (as `toOutboundMessage` makes
 * them) is kept as it is: no copy per message.
 */
export function frozenMessage(message: OutboundMessage): OutboundMessage {
  if (Object.isFrozen(message) && Object.isFrozen(message.topics)) return message;
  return freezeMessage(message.data, message.topics);
}

/** A frozen message of `data` and a frozen copy of `topics`. */
export function freezeMessage(data: string, topics: readonly string[]): OutboundMessage {
  return Object.freeze({ data, topics: topics.length === 0 ? NO_TOPICS : Object.freeze([...topics]) });
}
