import { asyncScheduler, defer, EMPTY, filter, map, throwError, timeout, type OperatorFunction, type SchedulerLike } from '../rx';
import type { MonoTypeOperatorFunction } from '../rx-extra';
import { reduce } from '../rx-extra';
import { InboundConnectionDroppedError } from './inbound-connection-dropped-error';
import { InboundMessageTooLargeError } from './inbound-message-too-large-error';
import { InboundSenderTooSlowError } from './inbound-sender-too-slow-error';

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
  /**
   * The whole message must have arrived this long after the connection opened, or it fails with
   * `InboundSenderTooSlowError` (`deadline`), however steadily bytes trickle in.
   */
  readonly messageTimeoutMs?: number;
  /**
   * Once the connection has been open `firstByteTimeoutMs` (2000 ms without one), a chunk that
   * brings the average below this many bytes a second fails it with `InboundSenderTooSlowError`
   * (`rate`): a sender at a byte a second is let go within seconds, not at the deadline.
   */
  readonly minBytesPerSecond?: number;
  readonly scheduler?: SchedulerLike;
}

/** How long a sender has before its rate is judged, when there is no first-byte timeout. */
const RATE_GRACE_MS = 2000;

/**
 * Gathers one connection's chunks into one message (pure). The message is complete when the source
 * completes (the peer closed) or when no chunk arrived for `idleTimeoutMs` (a peer that never
 * closes). A connection that closed without sending yields no message. Past `maxMessageBytes` it
 * errors with `InboundMessageTooLargeError` at once, without waiting for the rest; silent for
 * `firstByteTimeoutMs` from the start, it errors with `InboundConnectionDroppedError`. A sender
 * that trickles errors with `InboundSenderTooSlowError`: at `messageTimeoutMs` after the start
 * if the message is not complete, or at a chunk that leaves its average rate below
 * `minBytesPerSecond` once it has had `firstByteTimeoutMs` to get going.
 *
 * ```
 * chunks:  -a-b-|         -a-b------       ---------     (idle 5, first byte 3)
 * message: -----(m|)      --------(m|)     ---#          m = a + b, # no-data
 *
 * chunks:  -a--b--c--d--e--f-     (idle 5, deadline 12)    -a--------b--     (idle 20, first byte 3, 1000 B/s)
 * message: ------------#          # deadline                ----------#       # rate: 5 bytes in 10 ms
 * ```
 */
export function collectMessage(options: CollectMessageOptions): OperatorFunction<Buffer, Buffer> {
  const scheduler = options.scheduler ?? asyncScheduler;
  return (chunks$) =>
    defer(() => {
      /** This connection's bytes so far. */
      const parts: Buffer[] = [];
      let size = 0;
      const openedAt = scheduler.now();
      const rateGraceMs = options.firstByteTimeoutMs ?? RATE_GRACE_MS;
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
          const elapsedMs = scheduler.now() - openedAt;
          if (options.minBytesPerSecond !== undefined && elapsedMs >= rateGraceMs && size < (options.minBytesPerSecond * elapsedMs) / 1000) {
            throw new InboundSenderTooSlowError('rate', size, elapsedMs);
          }
          parts.push(chunk);
          return size;
        }),
        reduce((_, total) => total, 0),
        filter((total) => total > 0),
        map(() => Buffer.concat(parts, size)),
        // The one value comes when the message is complete: it must come by the deadline.
        withDeadline(options.messageTimeoutMs, scheduler, () => size),
      );
    });
}

/** Fails with `InboundSenderTooSlowError` (`deadline`) unless the message is out within `deadlineMs`. */
function withDeadline(deadlineMs: number | undefined, scheduler: SchedulerLike, received: () => number): MonoTypeOperatorFunction<Buffer> {
  if (deadlineMs === undefined) return (message$) => message$;
  return timeout({ first: deadlineMs, scheduler, with: () => throwError(() => new InboundSenderTooSlowError('deadline', received(), deadlineMs)) });
}
