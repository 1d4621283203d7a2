import { NetworkError } from '../errors';

/** `connect()` gave up waiting for the network to become connected. */
export class NetworkConnectTimeoutError extends NetworkError {
  constructor(
    readonly network: string,
    readonly timeoutMs: number,
    /** Why the network was not connected when the wait ended. */
    readonly lastReason: string,
  ) {
    super(`network '${network}' did not connect within ${timeoutMs} ms (${lastReason})`);
  }
}
