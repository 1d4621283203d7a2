import { APIError } from './api-error';

/** What the HTTP exchange brought back: the status and the body text. */
export interface ApiResponse {
  readonly status: number;
  readonly body: string;
}

/** A JSON object from the API. */
export type JSONObject = Readonly<Record<string, unknown>>;

export function isJsonObject(value: unknown): value is JSONObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The API's own explanation in a failed answer (`error`, `message`, or `data` when it is text), at most 200 characters. */
function apiMessageOf(json: unknown, text: string): string | undefined {
  const candidate = isJsonObject(json) ? (json.error ?? json.message ?? (typeof json.data === 'string' ? json.data : undefined)) : text.trim();
  if (typeof candidate !== 'string' || candidate === '') return undefined;
  return candidate.length > 200 ? `${candidate.slice(0, 200)}…` : candidate;
}

function parseJson(text: string): unknown {
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
export function readEnvelope(endpoint: string, response: ApiResponse): JSONObject {
  const json = parseJson(response.body);
  if (response.status < 200 || response.status > 299) {
    const apiMessage = apiMessageOf(json, response.body);
    const hint = response.status === 401 || response.status === 403 ? ': check the API key (or username and password)' : '';
    throw new APIError('status', endpoint, `HTTP ${response.status}${apiMessage === undefined ? '' : ` (${apiMessage})`}${hint}`, {
      status: response.status,
      apiMessage,
    });
  }
  if (!isJsonObject(json) || typeof json.success !== 'boolean') {
    throw new APIError('malformed', endpoint, 'the answer is not the JSON object the API documents ({"success": ..., ...})', { status: response.status });
  }
  return json;
}

/** `readEnvelope`, and `success: false` is an `APIError` of kind `rejected` with the API's message. */
export function readSuccess(endpoint: string, response: ApiResponse): JSONObject {
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
