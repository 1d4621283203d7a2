import { asyncScheduler, defer, EMPTY, filter, map, timeout, type OperatorFunction, type SchedulerLike } from '../rx';
import { reduce } from '../rx-extra';
import { InboundMessageTooLargeError } from './inbound-message-too-large-error';

export interface CollectMessageOptions {
  /** The message is complete when the peer sends nothing for this long (ms). */
  readonly idleTimeoutMs: number;
  /** More bytes than this fail with `InboundMessageTooLargeError`. */
  readonly maxMessageBytes: number;
  readonly scheduler?: SchedulerLike;
}

/**
 * Gathers one connection's chunks into one message (pure). The message is complete when the source
 * completes (the peer closed) or when no chunk arrived for `idleTimeoutMs` (a peer that never
 * closes). A connection that sent nothing yields no message. Past `maxMessageBytes` it errors with
 * `InboundMessageTooLargeError` at once, without waiting for the rest.
 *
 * ```
 * chunks:  -a-b-|              -a-b------          (idle 5)
 * message: -----(m|)           ---------(m|)       m = a + b
 * ```
 */
export function collectMessage(options: CollectMessageOptions): OperatorFunction<Buffer, Buffer> {
  const scheduler = options.scheduler ?? asyncScheduler;
  return (chunks$) =>
    defer(() => {
      /** This connection's bytes so far. */
      const parts: Buffer[] = [];
      let size = 0;
      return chunks$.pipe(
        timeout({ each: options.idleTimeoutMs, scheduler, with: () => EMPTY }),
        map((chunk) => {
          size += chunk.length;
          if (size > options.maxMessageBytes) throw new InboundMessageTooLargeError(options.maxMessageBytes, size);
          parts.push(chunk);
          return size;
        }),
        reduce((_, total) => total, 0),
        filter((total) => total > 0),
        map(() => Buffer.concat(parts, size)),
      );
    });
}
