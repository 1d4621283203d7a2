import { InvalidArgumentError } from '../errors';
import { freezeMessage } from './frozen-message';
import type { OutboundMessage } from './outbound-message';

/** What callers may hand to `sendMessage` / `send$`: the text, or the text with its topics. */
export type MessageInput = string | { readonly data: string; readonly topics?: string | readonly string[] };

/**
 * Checks and normalises a message: data a string, topics a string or an array of strings; the
 * result is frozen (a copy: the caller's array may change later). Topic
 * *format* is left to the cloud (it answers ERR_TOPICINVALID), since its own docs use `TOPIC 1`.
 */
export function toOutboundMessage(input: MessageInput, topics?: string | readonly string[]): OutboundMessage {
  const data = typeof input === 'string' ? input : input?.data;
  if (typeof data !== 'string') {
    throw new InvalidArgumentError(
      'message',
      `message must be a string or { data: string, topics?: string[] }, got ${describe(input)}`,
    );
  }
  const given = topics ?? (typeof input === 'string' ? undefined : input.topics);
  const list = given === undefined ? [] : typeof given === 'string' ? [given] : given;
  if (!Array.isArray(list)) throw new InvalidArgumentError('topics', `topics must be a string or an array of strings, got ${describe(given)}`);
  for (const topic of list) {
    if (typeof topic !== 'string' || topic === '') {
      throw new InvalidArgumentError('topics', `every topic must be a non-empty string, got ${describe(topic)}`);
    }
  }
  return freezeMessage(data, list);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value) : typeof value;
}
