import { HologramError } from '../errors';

/** An operation on a network after its `close()`. */
export class NetworkClosedError extends HologramError {
  constructor(readonly network: string) {
    super(`network '${network}' is closed`);
  }
}
