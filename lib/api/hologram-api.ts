import { performance } from 'node:perf_hooks';
import { InvalidArgumentError } from '../errors';
import { logger } from '../logging';
import { parseActivation, type ActivationOrder } from './activation-order';
import { checkFlag, checkICCID, checkMilliseconds, checkWholeNumber, describeValue, readOptions } from './api-arguments';
import { checkAPICredentials, type APICredentials } from './api-credentials';
import { APIError } from './api-error';
import { claimRequest, DEFAULT_API_BASE_URL, linksRequest, plansRequest, type APIRequest, type PageQuery } from './api-request';
import { readPage, type APIResponse } from './api-response';
import { httpExchange } from './http-exchange';
import { parsePlans, type Plan } from './plan';
import { isRetryableStatus, shouldRetry } from './retry-after';
import { parseLinks, simStateOf, type CellularLink, type SIMState } from './sim-state';

export { checkICCID };

const log = logger('api');

/** A page of cellular links, and where the next starts (undefined on the last page). */
export interface CellularLinkPage {
  readonly links: CellularLink[];
  readonly next: string | undefined;
}

export interface HologramAPIOptions {
  /** Where the API lives (default `https://dashboard.hologram.io/api/1`; a `RESTEmulator`'s `baseURL` in tests). */
  readonly baseURL?: string;
  /**
   * Per call: everything the call does (each page of a list, a wait that `Retry-After` asks for)
   * ends within this long, bodies included (default 30 000 ms).
   */
  readonly timeoutMs?: number;
  /** Per answer: a body longer than this, as sent or decompressed, is cut with an `APIError` `too-large` (default 1 MiB). */
  readonly maxBodyBytes?: number;
  /** Values asked for per page of a list (the API's `limit`; default 100). */
  readonly pageSize?: number;
  /**
   * Allows a plain `http://` base URL to a host other than this machine, which would send the
   * credentials in clear (default false: refused; loopback is always allowed, for emulators).
   */
  readonly allowInsecureHTTP?: boolean;
}

export interface ActivateSIMOptions {
  /** The SIM's ICCID (18 to 22 digits). */
  readonly sim: string;
  /** A plan id from `getPlans()`. */
  readonly plan: number;
  /** One of the plan's zones (default `"global"`, as the documentation's). The 2016 `tier` N is zone `"N"`. */
  readonly zone?: string | number;
  /** Only price the activation (`preview=1`): nothing is ordered. */
  readonly preview?: boolean;
  /** The organisation to activate on (the API key needs the activation role there). */
  readonly orgid?: number;
  /** A device tag to add. */
  readonly tagid?: number;
  /** Bytes of overage before the SIM pauses (-1: unlimited, the API's default). */
  readonly overageLimit?: number;
  /** Bytes of data before an alert (-1: none). */
  readonly threshold?: number;
  /** SMS before the SIM pauses (-1: unlimited). */
  readonly smsLimit?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_PAGE_SIZE = 100;
/** A list longer than this many pages is refused rather than read into memory (10 000 values at the default page size). */
const MAX_PAGES = 100;
/** Tries per request when 429 or 503 asks to come back within the call's time. */
const MAX_ATTEMPTS = 3;
/** Time a retried request needs at least, after its wait, to be worth sending. */
const RETRY_MARGIN_MS = 250;
const OPTION_NAMES = ['baseURL', 'timeoutMs', 'maxBodyBytes', 'pageSize', 'allowInsecureHTTP'] as const;
const ACTIVATE_OPTION_NAMES = ['sim', 'plan', 'zone', 'preview', 'orgid', 'tagid', 'overageLimit', 'threshold', 'smsLimit'] as const;

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.[0-9]+\.[0-9]+\.[0-9]+$/.test(hostname);
}

/**
 * Checks the base URL: http(s), no credentials, query or fragment in it, and plain `http` only to
 * loopback unless `allowInsecureHTTP`. Errors quote the URL without any user part.
 */
function checkBaseURL(value: unknown, allowInsecureHTTP: boolean): string {
  if (value === undefined) return DEFAULT_API_BASE_URL;
  const expected = 'baseURL must be an http(s) URL such as https://dashboard.hologram.io/api/1';
  if (typeof value !== 'string') throw new InvalidArgumentError('baseURL', `${expected}, got ${describeValue(value)}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('baseURL', `${expected}, got ${describeValue(value.replace(/\/\/[^/@]*@/, '//'))}`);
  }
  const shown = `${url.protocol}//${url.host}${url.pathname}`;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError('baseURL', `${expected}, got ${JSON.stringify(shown)}`);
  if (url.username !== '' || url.password !== '') {
    throw new InvalidArgumentError('baseURL', 'baseURL must not carry a user name or password: give the API key or password as credentials');
  }
  if (url.search !== '' || url.hash !== '') throw new InvalidArgumentError('baseURL', `baseURL must not have a query or fragment, got ${JSON.stringify(shown)}`);
  if (url.protocol === 'http:' && !isLoopback(url.hostname) && !allowInsecureHTTP) {
    throw new InvalidArgumentError(
      'baseURL',
      `baseURL ${JSON.stringify(shown)} is plain http to another machine: the credentials would travel in clear. Use https, or pass allowInsecureHTTP: true`,
    );
  }
  return value;
}

function checkZone(zone: unknown): string {
  const text = typeof zone === 'number' && Number.isSafeInteger(zone) && zone >= 0 ? String(zone) : zone;
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]{1,32}$/.test(text)) {
    throw new InvalidArgumentError('zone', `zone must be a zone of the plan such as "global" or "1", got ${describeValue(zone)}`);
  }
  return text;
}

/** A usage limit: a whole number of bytes or messages, or -1 for none. */
function checkLimit(argument: string, value: unknown): number | undefined {
  return value === undefined ? undefined : checkWholeNumber(argument, value, -1);
}

/**
 * The Hologram REST API (docs/REST-API.md), as the Python SDK's `Api` and more: list the plans and
 * the organisation's cellular links (every page), read a SIM's state, price and activate a SIM.
 * Authenticated by HTTP Basic in the `Authorization` header, user `apikey` and the key (or a
 * dashboard username and password): never in a URL, and redacted from logs and errors. Each call
 * resolves with a typed result or rejects with an `APIError` (the HTTP status and the API's own
 * message when it answered; `timeout`, `too-large` or `network` when it did not, in whole);
 * bad arguments are `InvalidArgumentError`s thrown before any request.
 */
export class HologramAPI {
  readonly baseURL: string;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly pageSize: number;
  readonly #credentials: APICredentials;

  constructor(credentials: APICredentials, options: HologramAPIOptions = {}) {
    this.#credentials = checkAPICredentials(credentials);
    const given = readOptions('options', options, OPTION_NAMES);
    this.baseURL = checkBaseURL(given.baseURL, checkFlag('allowInsecureHTTP', given.allowInsecureHTTP));
    this.timeoutMs = checkMilliseconds('timeoutMs', given.timeoutMs, DEFAULT_TIMEOUT_MS);
    this.maxBodyBytes = checkWholeNumber('maxBodyBytes', given.maxBodyBytes, 1, DEFAULT_MAX_BODY_BYTES);
    this.pageSize = checkWholeNumber('pageSize', given.pageSize, 1, DEFAULT_PAGE_SIZE);
  }

  /** How this client authenticates: `apikey` or `basic_auth` (the Python SDK's `authtype`). */
  get authType(): 'apikey' | 'basic_auth' {
    return 'apiKey' in this.#credentials ? 'apikey' : 'basic_auth';
  }

  /** Every plan the account may use (`GET /plans`, every page). */
  async getPlans(): Promise<Plan[]> {
    const deadline = this.#deadline();
    return this.#readList((page) => plansRequest(this.baseURL, this.#credentials, page), 'plans', parsePlans, deadline);
  }

  /** The organisation's cellular links (`GET /links/cellular`, every page), or those of SIM `filter.sim`. */
  async getCellularLinks(filter: { readonly sim?: string } = {}): Promise<CellularLink[]> {
    const given = readOptions('filter', filter, ['sim']);
    const sim = given.sim === undefined ? undefined : checkICCID(given.sim);
    const deadline = this.#deadline();
    return this.#readList((page) => linksRequest(this.baseURL, this.#credentials, sim, page), 'links', parseLinks, deadline);
  }

  /**
   * One page of the organisation's cellular links (or those of `cursor.sim`), for lists too long to
   * read whole: pass the page's `next` as `cursor.startafter` for the following one; `next` is
   * undefined on the last page.
   */
  async getCellularLinksPage(cursor: { readonly sim?: string; readonly startafter?: string } = {}): Promise<CellularLinkPage> {
    const given = readOptions('cursor', cursor, ['sim', 'startafter']);
    const sim = given.sim === undefined ? undefined : checkICCID(given.sim);
    if (given.startafter !== undefined && !(typeof given.startafter === 'string' && /^[0-9]{1,20}$/.test(given.startafter))) {
      throw new InvalidArgumentError('startafter', `startafter must be the next of a previous page (digits), got ${describeValue(given.startafter)}`);
    }
    const request = linksRequest(this.baseURL, this.#credentials, sim, { limit: this.pageSize, startafter: given.startafter as string | undefined });
    const response = await this.#send(request, this.#deadline());
    const page = readPage(request.endpoint, response, 'links');
    return { links: parseLinks(request.endpoint, response.status, page.items), next: page.startafter };
  }

  /** The state of the SIM with ICCID `sim` (`LIVE` once active); `APIError` `not-found` if the account has no such SIM. */
  async getSIMState(sim: string): Promise<SIMState> {
    const iccid = checkICCID(sim);
    const deadline = this.#deadline();
    const links = await this.#readList((page) => linksRequest(this.baseURL, this.#credentials, iccid, page), 'links', parseLinks, deadline);
    return simStateOf('GET /links/cellular', 200, links, iccid);
  }

  /**
   * Claims the SIM on `plan` in `zone` (default `"global"`); with `preview: true` only prices it.
   * Resolves with what the claim created (and its cost, when the API says); an `APIError` of kind
   * `rejected` carries the API's reason.
   */
  async activateSIM(options: ActivateSIMOptions): Promise<ActivationOrder> {
    if (options === undefined || options === null) {
      throw new InvalidArgumentError('options', `activateSIM needs { sim, plan }, got ${describeValue(options)}`);
    }
    const given = readOptions('options', options, ACTIVATE_OPTION_NAMES);
    const sim = checkICCID(given.sim);
    if (!(typeof given.plan === 'number' && Number.isSafeInteger(given.plan) && given.plan > 0)) {
      throw new InvalidArgumentError('plan', `plan must be a plan id (a positive whole number), got ${describeValue(given.plan)}`);
    }
    const request = claimRequest(this.baseURL, this.#credentials, {
      sim,
      plan: given.plan,
      zone: checkZone(given.zone ?? 'global'),
      preview: checkFlag('preview', given.preview),
      orgid: given.orgid === undefined ? undefined : checkWholeNumber('orgid', given.orgid, 1),
      tagid: given.tagid === undefined ? undefined : checkWholeNumber('tagid', given.tagid, 1),
      overage_limit: checkLimit('overageLimit', given.overageLimit),
      threshold: checkLimit('threshold', given.threshold),
      smslimit: checkLimit('smsLimit', given.smsLimit),
    });
    const preview = given.preview === true;
    return parseActivation(request.endpoint, await this.#send(request, this.#deadline()), sim, preview);
  }

  #deadline(): number {
    return performance.now() + this.timeoutMs;
  }

  /** Every page of a list, read in turn after the `startafter` each answer names, within the call's deadline. */
  async #readList<T>(
    request: (page: PageQuery) => APIRequest,
    what: string,
    parse: (endpoint: string, status: number, items: readonly unknown[]) => T[],
    deadline: number,
  ): Promise<T[]> {
    const values: T[] = [];
    const seen = new Set<string>();
    let startafter: string | undefined;
    for (let page = 1; ; page += 1) {
      const next = request({ limit: this.pageSize, ...(startafter === undefined ? {} : { startafter }) });
      if (page > MAX_PAGES) {
        throw new APIError('too-large', next.endpoint, `the list of ${what} continues past ${MAX_PAGES} pages of ${this.pageSize}: not read into memory (read it a page at a time)`);
      }
      const response = await this.#send(next, deadline);
      const answer = readPage(next.endpoint, response, what);
      values.push(...parse(next.endpoint, response.status, answer.items));
      if (answer.startafter === undefined) return values;
      if (answer.items.length === 0 || seen.has(answer.startafter)) {
        throw new APIError('malformed', next.endpoint, `the list of ${what} continues, but its next page would start where one already did (after ${answer.startafter})`, {
          status: response.status,
        });
      }
      seen.add(answer.startafter);
      startafter = answer.startafter;
    }
  }

  /** One request within `deadline`; a 429 or 503 whose `Retry-After` ends in time is waited out and sent again. */
  async #send(request: APIRequest, deadline: number): Promise<APIResponse> {
    for (let attempt = 1; ; attempt += 1) {
      const remaining = deadline - performance.now();
      if (remaining <= 0) throw new APIError('timeout', request.endpoint, `no whole answer within ${this.timeoutMs} ms`);
      log('%s', request.endpoint);
      let response: APIResponse;
      try {
        response = await httpExchange(request, { timeoutMs: remaining, maxBodyBytes: this.maxBodyBytes });
      } catch (error) {
        if (error instanceof APIError && error.kind === 'timeout') throw new APIError('timeout', request.endpoint, `no whole answer within ${this.timeoutMs} ms`);
        throw error;
      }
      log('%s answered HTTP %d', request.endpoint, response.status);
      if (!isRetryableStatus(response.status) || !shouldRetry(response.retryAfterMs, deadline - performance.now(), MAX_ATTEMPTS - attempt, RETRY_MARGIN_MS)) {
        return response;
      }
      log('%s: HTTP %d, retrying after %d ms as the server asks', request.endpoint, response.status, response.retryAfterMs);
      await new Promise((resolve) => setTimeout(resolve, response.retryAfterMs));
    }
  }
}
