import { InboundError } from '../errors';

/**
 * Why a sender was too slow: its whole message had not arrived by the message deadline
 * (`deadline`), or it sent more slowly than the minimum rate (`rate`).
 */
export type InboundSlowReason = 'deadline' | 'rate';

/**
 * A connection closed because its message trickled in: a sender at a byte a second would
 * otherwise hold a slot of the listener for hours. Reported once per connection on `rejected$`;
 * the bytes it had sent are dropped.
 */
export class InboundSenderTooSlowError extends InboundError {
  constructor(
    readonly reason: InboundSlowReason,
    /** Bytes the connection had sent when it was closed. */
    readonly receivedBytes: number,
    /** How long the connection had been open (ms). */
    readonly elapsedMs: number,
    readonly remoteAddress?: string,
    readonly remotePort?: number,
  ) {
    const from = remoteAddress === undefined ? '' : ` from ${remoteAddress}:${remotePort}`;
    super(
      reason === 'deadline'
        ? `inbound message${from} not complete within ${elapsedMs} ms (${receivedBytes} bytes received); connection closed, message dropped`
        : `inbound message${from} too slow: ${receivedBytes} bytes in ${elapsedMs} ms; connection closed, message dropped`,
    );
  }
}
