import { ClosedError } from '../closed-error';

/**
 * What the delivery pipeline gives after `close()`: to a new message, or to a caller still waiting
 * for message `id` (kept in a durable outbox, which resumes it on the next start).
 */
export function deliveryClosed(id?: number): ClosedError {
  return new ClosedError('delivery', undefined, {
    detail: id === undefined ? undefined : `message ${id} was not delivered (a durable outbox resumes it on the next start)`,
  });
}
