import { HologramError } from '../errors';

/** An outbox store was used after `close()`. */
export class OutboxClosedError extends HologramError {
  constructor(readonly operation: string) {
    super(`Outbox is closed: cannot ${operation}`);
  }
}
