import { InboundError } from '../errors';

/**
 * The listener holds `maxConnections` connections and none can make room (all receiving a message,
 * or just opened), so it stopped listening: new senders are refused (`ECONNREFUSED`) until one
 * finishes or a silent one can be let go, then it listens again. Reported each time it stops.
 */
export class InboundListenerFullError extends InboundError {
  constructor(
    readonly maxConnections: number,
    readonly host: string,
    readonly port: number,
  ) {
    super(`inbound listener on ${host}:${port} is full (${maxConnections} connections open, none can make room): new connections are refused until one finishes`);
  }
}
