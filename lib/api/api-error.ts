import { RESTError } from '../errors';
import { redact } from '../logging';

/**
 * Why a REST API call failed:
 * - `status`: the API answered with a non-2xx HTTP status (`status`, and the API's message when it
 *   gave one; for 429 and 503, `retryAfterMs` when the server said when to come back);
 * - `rejected`: HTTP 200 but `success: false` (the API's reason in `apiMessage`), e.g. a claim it refused;
 * - `not-found`: the API answered, but holds no such thing (a SIM that is not on the account);
 * - `malformed`: the answer was not the JSON the API documents;
 * - `too-large`: the answer's body, as sent or decompressed, passed `maxBodyBytes`: it was cut there;
 * - `timeout`: no complete answer within the call's `timeoutMs`;
 * - `network`: no answer at all (refused, unknown host, reset), with the system code when known.
 */
export type APIErrorKind = 'status' | 'rejected' | 'not-found' | 'malformed' | 'too-large' | 'timeout' | 'network';

export interface APIErrorDetails {
  /** The HTTP status, when the API answered. */
  readonly status?: number;
  /** The API's own explanation (`error`, or the claim's reason), when it gave one. */
  readonly apiMessage?: string;
  /** The system error code (`ECONNREFUSED`...) for `network`. */
  readonly code?: string;
  /** For 429 and 503: how long the server asked to wait (`Retry-After`), when it said. */
  readonly retryAfterMs?: number;
  /** For `too-large`: the limit the body passed. */
  readonly limitBytes?: number;
  readonly cause?: unknown;
}

/**
 * A Hologram REST API call that did not succeed: the base of every REST failure, so one `catch`
 * on `APIError` (or on `HologramError`) sees them all, and `kind` says which. Names the call by
 * method and path only. Whatever a server sent back (its message, anything it echoed of the
 * request) passes through the secret redaction before it reaches `message`, `stack` or
 * `apiMessage`, so an API key, a password or their Basic-auth form never does.
 */
export class APIError extends RESTError {
  readonly details: APIErrorDetails;

  constructor(
    readonly kind: APIErrorKind,
    /** The call, e.g. `GET /plans`. */
    readonly endpoint: string,
    message: string,
    details: APIErrorDetails = {},
  ) {
    super(redact(`${endpoint}: ${message}`), { cause: details.cause });
    this.details = details.apiMessage === undefined ? details : { ...details, apiMessage: redact(details.apiMessage) };
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get apiMessage(): string | undefined {
    return this.details.apiMessage;
  }

  /** For 429 and 503: how long the server asked to wait before trying again, when it said. */
  get retryAfterMs(): number | undefined {
    return this.details.retryAfterMs;
  }

  /** The API refused the credentials (HTTP 401 or 403). */
  get unauthorized(): boolean {
    return this.details.status === 401 || this.details.status === 403;
  }
}
