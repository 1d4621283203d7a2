import type { TransportErrorKind } from './transport-error';

/**
 * The outcome of one message exchange, as the cloud (or a `tcp-other` server) answered it.
 * The delivery pipeline branches on `ok` and `retryable` only, so every message mode and transport
 * reports through this one shape.
 */
export interface SendResult {
  /** Result code (`PROTOCOL.md` §1): 0 and 1 delivered, -1 no or unparsable reply. */
  readonly code: number;
  /** Symbolic name, e.g. `ERR_OK`. */
  readonly name: string;
  /** Human-readable description, the one the CLI prints. */
  readonly description: string;
  /** The message counts as delivered: remove it from the outbox. */
  readonly ok: boolean;
  /** Not delivered, but trying again later may succeed (transient code, no reply). */
  readonly retryable: boolean;
  /** The reply text as received (for `tcp-other`, the server's answer). */
  readonly reply?: string;
  /** Why no reply came, when the transport failed (code -1): refused, timeout, reset, unreachable... */
  readonly failure?: TransportErrorKind;
}
