import { redact } from '../logging';
import { APIError } from './api-error';

/** What the HTTP exchange brought back: the status, the body text and, for 429 and 503, the server's `Retry-After`. */
export interface APIResponse {
  readonly status: number;
  readonly body: string;
  /** How long a 429 or 503 asked to wait, when it said. */
  readonly retryAfterMs?: number;
}

/** A JSON object from the API. */
export type JSONObject = Readonly<Record<string, unknown>>;

export function isJSONObject(value: unknown): value is JSONObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The API's own explanation in a failed answer (`error`, `message`, or `data` when it is text), at
 * most 200 characters. Redacted before it is cut, so a secret it echoes cannot survive in part.
 */
export function apiMessageOf(json: unknown, text: string): string | undefined {
  const candidate = isJSONObject(json) ? (json.error ?? json.message ?? (typeof json.data === 'string' ? json.data : undefined)) : text.trim();
  if (typeof candidate !== 'string' || candidate === '') return undefined;
  const safe = redact(candidate);
  return safe.length > 200 ? `${safe.slice(0, 200)}…` : safe;
}

/** What to do about a failed status, in the user's words. */
function statusHint(response: APIResponse): string {
  if (response.status === 401 || response.status === 403) return ': check the API key (or username and password)';
  if (response.status !== 429 && response.status !== 503) return '';
  if (response.retryAfterMs === undefined) return response.status === 429 ? ': too many requests, wait 5 to 10 s before the next' : '';
  return `: the server asks to retry after ${Math.ceil(response.retryAfterMs / 1000)} s`;
}

function parseJSON(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The JSON object of a successful answer: a 2xx status and `success: true`. A non-2xx status is an
 * `APIError` of kind `status` (`unauthorized` for 401/403) carrying the API's message; anything that
 * is not a JSON object is `malformed`. `success: false` is left to the caller, whose reason lives in
 * a call-specific place (the claim's `data[ICCID]`).
 */
export function readEnvelope(endpoint: string, response: APIResponse): JSONObject {
  const json = parseJSON(response.body);
  if (response.status < 200 || response.status > 299) {
    const apiMessage = apiMessageOf(json, response.body);
    throw new APIError('status', endpoint, `HTTP ${response.status}${apiMessage === undefined ? '' : ` (${apiMessage})`}${statusHint(response)}`, {
      status: response.status,
      apiMessage,
      retryAfterMs: response.retryAfterMs,
    });
  }
  if (!isJSONObject(json) || typeof json.success !== 'boolean') {
    throw new APIError('malformed', endpoint, 'the answer is not the JSON object the API documents ({"success": ..., ...})', { status: response.status });
  }
  return json;
}

/** `readEnvelope`, and `success: false` is an `APIError` of kind `rejected` with the API's message. */
export function readSuccess(endpoint: string, response: APIResponse): JSONObject {
  const json = readEnvelope(endpoint, response);
  if (json.success !== true) {
    const apiMessage = apiMessageOf(json, '');
    throw new APIError('rejected', endpoint, `the API refused${apiMessage === undefined ? '' : `: ${apiMessage}`}`, { status: response.status, apiMessage });
  }
  return json;
}

/** A `malformed` error naming the field that is missing or of the wrong type. */
export function malformed(endpoint: string, what: string, status: number): APIError {
  return new APIError('malformed', endpoint, `the answer has no valid ${what}`, { status });
}

/** One page of a list answer: its values, and the id the next page starts after (undefined on the last page). */
export interface ListPage {
  readonly items: readonly unknown[];
  readonly startafter?: string;
}

function idText(value: unknown): string | undefined {
  return (typeof value === 'number' && Number.isSafeInteger(value)) || (typeof value === 'string' && /^[0-9]+$/.test(value)) ? String(value) : undefined;
}

/**
 * A page of a list (`data` an array). When the answer `continues`, the next page starts after the
 * `startafter` of `links.next` (only that parameter is read: the client never follows a URL a
 * server hands it), else after `lastid`, else after the last value's `id`.
 */
export function readPage(endpoint: string, response: APIResponse, what: string): ListPage {
  const json = readSuccess(endpoint, response);
  if (!Array.isArray(json.data)) throw malformed(endpoint, `data (a list of ${what})`, response.status);
  if (json.continues !== true) return { items: json.data };
  const links = isJSONObject(json.links) ? json.links : {};
  let fromNext: string | undefined;
  if (typeof links.next === 'string') {
    try {
      fromNext = idText(new URL(links.next, 'http://next.invalid').searchParams.get('startafter') ?? undefined);
    } catch {
      fromNext = undefined;
    }
  }
  const last: unknown = json.data[json.data.length - 1];
  const startafter = fromNext ?? idText(json.lastid) ?? (isJSONObject(last) ? idText(last.id) : undefined);
  if (startafter === undefined) throw malformed(endpoint, 'lastid (the answer continues, but says not where)', response.status);
  return { items: json.data, startafter };
}
