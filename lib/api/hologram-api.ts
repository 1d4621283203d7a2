import { InvalidArgumentError } from '../errors';
import { logger } from '../logging';
import { parseActivation, type ActivationOrder } from './activation-order';
import { checkApiCredentials, type APICredentials } from './api-credentials';
import { claimRequest, DEFAULT_API_BASE_URL, plansRequest, simStateRequest, type ApiRequest } from './api-request';
import type { ApiResponse } from './api-response';
import { httpExchange, type FetchFunction } from './http-exchange';
import { parsePlans, type Plan } from './plan';
import { parseSimState, type SIMState } from './sim-state';

const log = logger('api');

export interface HologramAPIOptions {
  /** Where the API lives (default `https://dashboard.hologram.io/api/1`; a `RestEmulator`'s `baseURL` in tests). */
  readonly baseURL?: string;
  /** Per call: the whole answer must arrive within this long (default 30 000 ms). */
  readonly timeoutMs?: number;
  /** Defaults to Node's `fetch`. */
  readonly fetch?: FetchFunction;
}

export interface ActivateSIMOptions {
  /** The SIM's ICCID (18 to 22 digits). */
  readonly sim: string;
  /** A plan id from `getPlans()`. */
  readonly plan: number;
  /** One of the plan's zone ids (default `"1"`, as in the Python SDK). */
  readonly zone?: string | number;
  /** Only price the activation (`preview=1`): nothing is ordered. */
  readonly preview?: boolean;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** Checks an ICCID; the error names the bad value (an ICCID is not a secret). */
export function checkIccid(sim: unknown): string {
  if (typeof sim !== 'string' || !/^[0-9]{18,22}$/.test(sim)) {
    throw new InvalidArgumentError('sim', `sim must be the SIM's ICCID (18 to 22 digits), got ${JSON.stringify(sim)}`);
  }
  return sim;
}

function checkZone(zone: unknown): string {
  const text = typeof zone === 'number' && Number.isInteger(zone) ? String(zone) : zone;
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]{1,32}$/.test(text)) {
    throw new InvalidArgumentError('zone', `zone must be a zone id of the plan such as "1" or "global", got ${JSON.stringify(zone)}`);
  }
  return text;
}

/**
 * The Hologram REST API (`PROTOCOL.md` §4), as the Python SDK's `Api`: list the plans, read a SIM's
 * state, price and activate a SIM. Authenticated with an organisation API key or the dashboard
 * username and password (never printed: both are redacted from logs and errors). Each call
 * resolves with a typed result or rejects with an `APIError` (the HTTP status and the API's own
 * message when it answered; `timeout` or `network` when it did not); bad arguments are
 * `InvalidArgumentError`s thrown before any request.
 */
export class HologramAPI {
  readonly baseURL: string;
  readonly timeoutMs: number;
  readonly #credentials: APICredentials;
  readonly #fetch: FetchFunction | undefined;

  constructor(credentials: APICredentials, options: HologramAPIOptions = {}) {
    this.#credentials = checkApiCredentials(credentials);
    const baseURL = options.baseURL ?? DEFAULT_API_BASE_URL;
    let parsed: URL;
    try {
      parsed = new URL(baseURL);
    } catch {
      throw new InvalidArgumentError('baseURL', `baseURL must be an http(s) URL, got ${JSON.stringify(baseURL)}`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new InvalidArgumentError('baseURL', `baseURL must be an http(s) URL, got ${JSON.stringify(baseURL)}`);
    }
    this.baseURL = baseURL;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
      throw new InvalidArgumentError('timeoutMs', `timeoutMs must be a positive number of milliseconds, got ${timeoutMs}`);
    }
    this.timeoutMs = timeoutMs;
    this.#fetch = options.fetch;
  }

  /** How this client authenticates: `apikey` or `basic_auth` (the Python SDK's `authtype`). */
  get authType(): 'apikey' | 'basic_auth' {
    return 'apiKey' in this.#credentials ? 'apikey' : 'basic_auth';
  }

  /** Every plan on the account (`GET /plans`). */
  async getPlans(): Promise<Plan[]> {
    const request = plansRequest(this.baseURL, this.#credentials);
    return parsePlans(request.endpoint, await this.#exchange(request));
  }

  /** The state of the SIM with ICCID `sim` (`LIVE` once active); `APIError` `not-found` if the account has no such SIM. */
  async getSIMState(sim: string): Promise<SIMState> {
    const iccid = checkIccid(sim);
    const request = simStateRequest(this.baseURL, this.#credentials, iccid);
    return parseSimState(request.endpoint, await this.#exchange(request), iccid);
  }

  /**
   * Claims the SIM on `plan` in `zone`; with `preview: true` only prices it. Resolves with the
   * order (its `totalCost`); an `APIError` of kind `rejected` carries the API's reason for this SIM.
   */
  async activateSIM(options: ActivateSIMOptions): Promise<ActivationOrder> {
    const sim = checkIccid(options.sim);
    if (!(typeof options.plan === 'number' && Number.isInteger(options.plan) && options.plan > 0)) {
      throw new InvalidArgumentError('plan', `plan must be a plan id (a positive whole number), got ${JSON.stringify(options.plan)}`);
    }
    const zone = checkZone(options.zone ?? '1');
    const preview = options.preview === true;
    const request = claimRequest(this.baseURL, this.#credentials, { sim, plan: options.plan, zone, preview });
    return parseActivation(request.endpoint, await this.#exchange(request), sim, preview);
  }

  async #exchange(request: ApiRequest): Promise<ApiResponse> {
    log('%s', request.endpoint);
    const response = await httpExchange(request, this.timeoutMs, this.#fetch);
    log('%s answered HTTP %d', request.endpoint, response.status);
    return response;
  }
}
