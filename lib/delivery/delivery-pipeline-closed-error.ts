import { HologramError } from '../errors';

/** The delivery pipeline was closed while a caller still waited for (or tried to submit) a message. */
export class DeliveryPipelineClosedError extends HologramError {
  constructor(
    /** Outbox id of the message waited for, if it had been accepted. Durable outboxes resume it on the next start. */
    readonly id?: number,
  ) {
    super(
      id === undefined
        ? 'Delivery pipeline is closed'
        : `Delivery pipeline closed before message ${id} was delivered (a durable outbox resumes it on the next start)`,
    );
  }
}
