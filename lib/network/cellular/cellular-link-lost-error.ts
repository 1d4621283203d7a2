import { NetworkError } from '../../errors';

/**
 * The data link of a cellular network went down after it was up (PDP context torn down by the
 * network, registration lost, modem unplugged, pppd exited). `reason` is what a person reading a
 * log needs; the network reports it as its disconnected state's reason and reconnects.
 */
export class CellularLinkLostError extends NetworkError {
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cellular link lost: ${reason}`, options);
  }
}
