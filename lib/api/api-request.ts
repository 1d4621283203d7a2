import { authorizationHeader, type APICredentials } from './api-credentials';

/**
 * One HTTP request to the REST API, built without I/O so it can be checked as data. The shapes
 * follow Hologram's REST documentation: see docs/REST-API.md for which page each comes from.
 */
export interface APIRequest {
  readonly method: 'GET' | 'POST';
  /** Full URL with its query string: never a credential in it. */
  readonly url: string;
  /** `Authorization` (HTTP Basic) among them. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Method and path, no query: how errors and logs name the call. */
  readonly endpoint: string;
}

/** The Hologram REST API (docs/REST-API.md). */
export const DEFAULT_API_BASE_URL = 'https://dashboard.hologram.io/api/1';

/**
 * A request to `path` under `baseURL` with `query`, authenticated by HTTP Basic in the
 * `Authorization` header (user `apikey` and the key, or the username and password). The client
 * asks for an uncompressed answer; a server that compresses anyway is decoded within the
 * body-size limit.
 */
export function apiRequest(
  baseURL: string,
  credentials: APICredentials,
  method: 'GET' | 'POST',
  path: string,
  options: { readonly query?: Readonly<Record<string, string>>; readonly json?: unknown } = {},
): APIRequest {
  const url = new URL(`${baseURL.replace(/\/+$/, '')}${path}`);
  for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, value);
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-encoding': 'identity',
    authorization: authorizationHeader(credentials),
  };
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  return {
    method,
    url: url.toString(),
    headers,
    ...(options.json === undefined ? {} : { body: JSON.stringify(options.json) }),
    endpoint: `${method} ${path}`,
  };
}

/** Where a list resumes: the page size asked for and the id the next page starts after. */
export interface PageQuery {
  readonly limit: number;
  readonly startafter?: string;
}

function pageQuery(page: PageQuery): Record<string, string> {
  return { limit: String(page.limit), ...(page.startafter === undefined ? {} : { startafter: page.startafter }) };
}

/** `GET /plans?limit=N[&startafter=ID]`: one page of the plans. */
export function plansRequest(baseURL: string, credentials: APICredentials, page: PageQuery): APIRequest {
  return apiRequest(baseURL, credentials, 'GET', '/plans', { query: pageQuery(page) });
}

/** `GET /links/cellular?[sim=ICCID&]limit=N[&startafter=ID]`: one page of the organisation's cellular links, or those of one SIM. */
export function linksRequest(baseURL: string, credentials: APICredentials, sim: string | undefined, page: PageQuery): APIRequest {
  return apiRequest(baseURL, credentials, 'GET', '/links/cellular', { query: { ...(sim === undefined ? {} : { sim }), ...pageQuery(page) } });
}

/** What a claim sends, in the documentation's field names. */
export interface ClaimFields {
  readonly sim: string;
  readonly plan: number;
  readonly zone: string;
  readonly preview: boolean;
  readonly orgid?: number;
  readonly tagid?: number;
  readonly overage_limit?: number;
  readonly threshold?: number;
  readonly smslimit?: number;
}

/**
 * `POST /links/cellular/sim_ICCID/claim` with the JSON body `{"plan", "zone", ...}` (the optional
 * fields only when given); `preview=1` in the query only prices it.
 */
export function claimRequest(baseURL: string, credentials: APICredentials, claim: ClaimFields): APIRequest {
  const { sim, preview, ...fields } = claim;
  const body = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  return apiRequest(baseURL, credentials, 'POST', `/links/cellular/sim_${sim}/claim`, { query: preview ? { preview: '1' } : {}, json: body });
}
