import { asyncScheduler, defer, EMPTY, filter, map, throwError, timeout, type OperatorFunction, type SchedulerLike } from '../rx';
import { reduce } from '../rx-extra';
import { InboundConnectionDroppedError } from './inbound-connection-dropped-error';
import { InboundMessageTooLargeError } from './inbound-message-too-large-error';

export interface CollectMessageOptions {
  /** The message is complete when the peer sends nothing for this long (ms). */
  readonly idleTimeoutMs: number;
  /** More bytes than this fail with `InboundMessageTooLargeError`. */
  readonly maxMessageBytes: number;
  /**
   * A connection that sends nothing for this long from the start fails with
   * `InboundConnectionDroppedError` (`no-data`). Without it, a silent connection completes with
   * no message after `idleTimeoutMs`.
   */
  readonly firstByteTimeoutMs?: number;
  readonly scheduler?: SchedulerLike;
}

/**
 * Gathers one connection's chunks into one message (pure). The message is complete when the source
 * completes (the peer closed) or when no chunk arrived for `idleTimeoutMs` (a peer that never
 * closes). A connection that closed without sending yields no message. Past `maxMessageBytes` it
 * errors with `InboundMessageTooLargeError` at once, without waiting for the rest; silent for
 * `firstByteTimeoutMs` from the start, it errors with `InboundConnectionDroppedError`.
 *
 * ```
 * chunks:  -a-b-|              -a-b------          ---------     (idle 5, first byte 3)
 * message: -----(m|)           ---------(m|)       ---#          m = a + b, # no-data
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
        timeout({
          first: options.firstByteTimeoutMs,
          each: options.idleTimeoutMs,
          scheduler,
          with: ({ seen }) =>
            seen === 0 && options.firstByteTimeoutMs !== undefined
              ? throwError(() => new InboundConnectionDroppedError('no-data', options.firstByteTimeoutMs!))
              : EMPTY,
        }),
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
