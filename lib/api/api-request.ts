import type { APICredentials } from './api-credentials';

/** One HTTP request to the REST API, built without I/O so it can be checked as data. */
export interface ApiRequest {
  readonly method: 'GET' | 'POST';
  /** Full URL, query string included (with the API key, when that is the authentication). */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Method and path, no query: how errors and logs name the call. */
  readonly endpoint: string;
}

/** The Hologram REST API (`PROTOCOL.md` §4). */
export const DEFAULT_API_BASE_URL = 'https://dashboard.hologram.io/api/1';

/**
 * A request to `path` under `baseURL` with `query`, authenticated as `credentials` says: the API
 * key as the `apikey` query parameter, or basic auth.
 */
export function apiRequest(
  baseURL: string,
  credentials: APICredentials,
  method: 'GET' | 'POST',
  path: string,
  options: { readonly query?: Readonly<Record<string, string>>; readonly json?: unknown } = {},
): ApiRequest {
  const url = new URL(`${baseURL.replace(/\/+$/, '')}${path}`);
  for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, value);
  const headers: Record<string, string> = { accept: 'application/json' };
  if ('apiKey' in credentials) url.searchParams.set('apikey', credentials.apiKey);
  else headers.authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  return {
    method,
    url: url.toString(),
    headers,
    ...(options.json === undefined ? {} : { body: JSON.stringify(options.json) }),
    endpoint: `${method} ${path}`,
  };
}

/** `GET /plans`. */
export function plansRequest(baseURL: string, credentials: APICredentials): ApiRequest {
  return apiRequest(baseURL, credentials, 'GET', '/plans');
}

/** `GET /links/cellular?sim=ICCID`. */
export function simStateRequest(baseURL: string, credentials: APICredentials, sim: string): ApiRequest {
  return apiRequest(baseURL, credentials, 'GET', '/links/cellular', { query: { sim } });
}

/** `POST /links/cellular/sim_ICCID/claim` with the plan and zone (`tier`); `preview=1` only prices it. */
export function claimRequest(baseURL: string, credentials: APICredentials, claim: { sim: string; plan: number; zone: string; preview: boolean }): ApiRequest {
  return apiRequest(baseURL, credentials, 'POST', `/links/cellular/sim_${claim.sim}/claim`, {
    query: claim.preview ? { preview: '1' } : {},
    json: { plan: claim.plan, tier: claim.zone },
  });
}
