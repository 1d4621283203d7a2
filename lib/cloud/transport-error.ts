import { CloudError } from '../errors';

/**
 * Why an exchange failed: `refused` (nothing listens there), `timeout` (connecting or waiting for
 * the reply took too long), `reset` (the peer aborted the connection), `unreachable` (no route,
 * unknown host), `failed` (anything else the socket reported).
 */
export type TransportErrorKind = 'refused' | 'timeout' | 'reset' | 'unreachable' | 'failed';

/** A transport could not complete an exchange. Transient by nature: the message may be sent again. */
export class TransportError extends CloudError {
  constructor(
    readonly kind: TransportErrorKind,
    /** Where the exchange was going, e.g. `127.0.0.1:9999`. */
    readonly address: string,
    /** `connect` before the connection was up, `reply` while waiting for the answer. */
    readonly phase: 'connect' | 'reply',
    message: string,
    /** The system error code (`ECONNREFUSED`...) when there was one. */
    readonly code?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
