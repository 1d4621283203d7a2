import { RESTError } from '../errors';

/**
 * Why a REST API call failed:
 * - `status`: the API answered with a non-2xx HTTP status (`status`, and the API's message when it gave one);
 * - `rejected`: HTTP 200 but `success: false` (the API's reason in `apiMessage`), e.g. a claim it refused;
 * - `not-found`: the API answered, but holds no such thing (a SIM that is not on the account);
 * - `malformed`: the answer was not the JSON the API documents;
 * - `timeout`: no complete answer within the call's timeout;
 * - `network`: no answer at all (refused, unknown host, reset), with the system code when known.
 */
export type APIErrorKind = 'status' | 'rejected' | 'not-found' | 'malformed' | 'timeout' | 'network';

/**
 * A Hologram REST API call that did not succeed. Names the call by method and path only: the
 * query string (which carries the API key) and the Authorization header never reach the message.
 */
export class APIError extends RESTError {
  constructor(
    readonly kind: APIErrorKind,
    /** The call, e.g. `GET /plans`. */
    readonly endpoint: string,
    message: string,
    readonly details: {
      /** The HTTP status, when the API answered. */
      readonly status?: number;
      /** The API's own explanation (`error`, or the claim's reason), when it gave one. */
      readonly apiMessage?: string;
      /** The system error code (`ECONNREFUSED`...) for `network`. */
      readonly code?: string;
      readonly cause?: unknown;
    } = {},
  ) {
    super(`${endpoint}: ${message}`, { cause: details.cause });
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get apiMessage(): string | undefined {
    return this.details.apiMessage;
  }

  /** The API refused the credentials (HTTP 401 or 403). */
  get unauthorized(): boolean {
    return this.details.status === 401 || this.details.status === 403;
  }
}
