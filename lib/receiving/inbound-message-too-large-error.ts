import { InboundError } from '../errors';

/** A connection sent more than the listener's `maxMessageBytes`; it was closed and its data dropped. */
export class InboundMessageTooLargeError extends InboundError {
  constructor(
    readonly maxMessageBytes: number,
    readonly receivedBytes: number,
    readonly remoteAddress?: string,
    readonly remotePort?: number,
  ) {
    super(
      `inbound message${remoteAddress === undefined ? '' : ` from ${remoteAddress}:${remotePort}`} exceeds ${maxMessageBytes} bytes ` +
        `(${receivedBytes} received); connection closed, message dropped`,
    );
  }
}
