import { HologramError } from '../errors';

/**
 * The listener holds `maxConnections` connections that are all receiving a message, so it stopped
 * listening: new senders are refused (`ECONNREFUSED`) until one of them finishes, then it listens
 * again. Reported once each time it stops.
 */
export class InboundListenerFullError extends HologramError {
  constructor(
    readonly maxConnections: number,
    readonly host: string,
    readonly port: number,
  ) {
    super(`inbound listener on ${host}:${port} is full (${maxConnections} connections receiving): new connections are refused until one finishes`);
  }
}
