import { NetworkError } from '../errors';

/** An operation a network cannot perform, with the reason (e.g. it would cut the host off). */
export class UnsupportedNetworkOperationError extends NetworkError {
  constructor(
    readonly network: string,
    readonly operation: string,
    readonly reason: string,
  ) {
    super(`network '${network}' does not support ${operation}(): ${reason}`);
  }
}
