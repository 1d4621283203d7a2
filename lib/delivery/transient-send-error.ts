import type { SendResult } from '../cloud/send-result';
import { CloudError } from '../errors';

/** The cloud answered a transient code (ERR_INTERNAL, no reply): the send is retried like a transport error. */
export class TransientSendError extends CloudError {
  constructor(readonly result: SendResult) {
    super(`Not delivered: ${result.name} (${result.code}): ${result.description}`);
  }
}
