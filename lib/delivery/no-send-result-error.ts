import { CloudError } from '../errors';

/** A `send` completed without emitting a result: treated like a transport failure (retried). */
export class NoSendResultError extends CloudError {
  constructor(readonly id: number) {
    super(`Sending message ${id} completed without a result`);
  }
}
