import { InboundError } from '../errors';

/**
 * Why the listener closed a connection before it carried a message: it sent nothing within the
 * first-byte timeout (`no-data`), or it had sent nothing yet and was the oldest such connection
 * when a new one needed its place (`evicted`).
 */
export type InboundDropReason = 'no-data' | 'evicted';

/** A connection the listener closed before it sent anything, reported on `rejected$`. */
export class InboundConnectionDroppedError extends InboundError {
  constructor(
    readonly reason: InboundDropReason,
    /** How long the connection had been open without sending a byte (ms). */
    readonly silentMs: number,
    readonly remoteAddress?: string,
    readonly remotePort?: number,
  ) {
    const from = remoteAddress === undefined ? '' : ` from ${remoteAddress}:${remotePort}`;
    super(
      reason === 'no-data'
        ? `inbound connection${from} sent nothing within ${silentMs} ms; closed`
        : `inbound connection${from} had sent nothing after ${silentMs} ms; closed to make room for a new connection`,
    );
  }
}
