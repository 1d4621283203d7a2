/**
 * The REST emulator's answers, as data in and data out (no sockets): what the Hologram REST API
 * answers to one request, given the emulator's accounts, plans and SIMs. The shapes follow
 * Hologram's documentation (docs/REST-API.md names the page of each).
 */

/** One request as the emulator read it. */
export interface RESTRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** The `Authorization` header, if any. */
  readonly authorization?: string;
  readonly contentType?: string;
  readonly body: string;
  /** The `Host` the request named, for the `links.base` of list answers. */
  readonly host?: string;
}

export interface RESTAnswer {
  readonly status: number;
  readonly json: unknown;
}

/** A zone's prices as the API sends them: decimal strings such as `"1.000000"`. */
export interface EmulatedZone {
  readonly amount: string;
  readonly overage: string;
  readonly sms?: string;
}

/** A plan as `GET /plans` lists it (the Blueprint's "Data Plan" object, the fields the SDK reads and a few more). */
export interface EmulatedPlan {
  readonly id: number;
  readonly name: string;
  readonly description?: string;
  /** Bytes included per month (0: pay as you go). */
  readonly data: number;
  readonly recurring?: 0 | 1;
  /** 1 when the plan may be chosen for a new SIM. */
  readonly enabled: 0 | 1;
  readonly billingperiod?: number;
  readonly developerplan?: 0 | 1;
  readonly tiers: { readonly BASE: { readonly devicecount?: number; readonly zones: Readonly<Record<string, EmulatedZone>> } };
}

/** A SIM the emulator knows: claimable until claimed, then on the account with a link and a state. */
export interface EmulatedSIM {
  state?: string;
  plan?: number;
  zone?: string;
  /** The cellular link's and the device's ids, once claimed. */
  link?: number;
  device?: number;
  /** `GET /links/cellular` answers `PENDING` this many more times before `LIVE`. */
  pendingPolls: number;
}

/** What the routes read and change. */
export interface RESTAccount {
  readonly apiKeys: ReadonlySet<string>;
  readonly users: ReadonlyMap<string, string>;
  readonly plans: readonly EmulatedPlan[];
  readonly sims: Map<string, EmulatedSIM>;
  /** After a claim, how many state reads answer `PENDING` before `LIVE`. */
  readonly pendingPolls: number;
  /** The most values one page holds, asked for or not (undefined: as many as `limit` asks, all without one). */
  readonly maxPageSize?: number;
  /** The id the next claimed link gets (devices get it plus 100 000). */
  nextLinkId: number;
}

/**
 * How a request authenticated: HTTP Basic as the documentation says (`apikey` and the key, or a
 * dashboard username and password), the 2016 `?apikey=` query parameter that older clients (the
 * Python SDK) still send, or not at all (then why).
 */
export type RESTAuth = { readonly ok: true; readonly type: 'apikey' | 'basic' | 'apikey-query' } | { readonly ok: false; readonly reason: string };

export function authenticate(account: RESTAccount, request: RESTRequest): RESTAuth {
  const basic = /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(request.authorization ?? '');
  if (basic !== null) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const [username, password] = colon < 0 ? [decoded, ''] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
    if (username === 'apikey') return account.apiKeys.has(password) ? { ok: true, type: 'apikey' } : { ok: false, reason: 'Invalid API key' };
    return account.users.get(username) === password ? { ok: true, type: 'basic' } : { ok: false, reason: 'Invalid username or password' };
  }
  const apiKey = request.query.get('apikey');
  if (apiKey !== null) return account.apiKeys.has(apiKey) ? { ok: true, type: 'apikey-query' } : { ok: false, reason: 'Invalid API key' };
  return { ok: false, reason: 'Authentication required: HTTP Basic with user apikey and your API key' };
}

const failure = (status: number, error: string): RESTAnswer => ({ status, json: { success: false, error } });

/**
 * One page of `items` (ordered by id) as the documentation's list answers: `limit`, `size`,
 * `continues` (only when more values exist), `links` (`path`, `base`, `next`) and `lastid`, all
 * only when a limit applies; `startafter` skips to the values whose id comes after it.
 */
function page(request: RESTRequest, account: RESTAccount, items: readonly { readonly id: number }[]): RESTAnswer {
  const limitText = request.query.get('limit');
  const startText = request.query.get('startafter');
  if (limitText !== null && !/^[1-9][0-9]{0,5}$/.test(limitText)) return failure(400, `Invalid limit ${limitText}`);
  if (startText !== null && !/^[0-9]{1,15}$/.test(startText)) return failure(400, `Invalid startafter ${startText}`);
  const asked = limitText === null ? undefined : Number(limitText);
  const limit = account.maxPageSize === undefined ? asked : Math.min(asked ?? account.maxPageSize, account.maxPageSize);
  const after = startText === null ? [...items] : items.filter((item) => item.id > Number(startText));
  const sorted = after.sort((a, b) => a.id - b.id);
  if (limit === undefined) return { status: 200, json: { success: true, data: sorted } };
  const data = sorted.slice(0, limit);
  const continues = sorted.length > limit;
  const lastid = data.length === 0 ? undefined : data[data.length - 1].id;
  const next = new URLSearchParams(request.query);
  next.delete('apikey');
  next.set('limit', String(limit));
  if (lastid !== undefined) next.set('startafter', String(lastid));
  const links = { path: `/api/1${request.path}`, base: request.host ?? 'localhost', ...(continues ? { next: `/api/1${request.path}?${next.toString()}` } : {}) };
  return { status: 200, json: { success: true, limit, size: data.length, ...(continues ? { continues: true } : {}), links, ...(lastid === undefined ? {} : { lastid }), data } };
}

/** The claim body: JSON (as documented) or form-encoded (the Python SDK's `requests`). */
function claimBody(request: RESTRequest): Record<string, unknown> | undefined {
  if ((request.contentType ?? '').includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(request.body));
  try {
    const json = JSON.parse(request.body) as unknown;
    return json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `POST /links/cellular/sim_ICCID/claim`: `plan` and `zone` (default `"global"`); the 2016 field
 * `tier` (a number for a geographic zone) still names zone `"N"` when `zone` is absent. Success is
 * `data: [{ device, link, sim }]`; a preview (`preview=1`) answers with `order_data` instead and
 * orders nothing; a refusal is `success: false` with the reason in `error`.
 */
function claim(account: RESTAccount, request: RESTRequest, iccid: string): RESTAnswer {
  const refuse = (reason: string): RESTAnswer => ({ status: 200, json: { success: false, error: reason } });
  const body = claimBody(request);
  if (body === undefined) return failure(400, 'Request body must be JSON (or form-encoded) with plan and zone');
  const sim = account.sims.get(iccid);
  if (sim === undefined) return refuse('SIM not found');
  if (sim.state !== undefined) return refuse('SIM is already activated');
  const plan = account.plans.find((candidate) => String(candidate.id) === String(body.plan));
  if (plan === undefined) return refuse(`Invalid plan ${String(body.plan)}`);
  if (plan.enabled !== 1) return refuse(`Plan ${plan.id} is not available for new activations`);
  const zoneId = String(body.zone ?? body.tier ?? 'global');
  const zone = plan.tiers.BASE.zones[zoneId];
  if (zone === undefined) return refuse(`Invalid zone ${zoneId} for plan ${plan.id}`);
  const preview = ['1', 'true'].includes(request.query.get('preview') ?? '');
  if (preview) {
    const cost = Number(zone.amount);
    return { status: 200, json: { success: true, data: [], order_data: { preview: true, sku: 'PLAN', unit_cost: cost, total_cost: cost, description: `Data plan ${plan.name}, zone ${zoneId}` } } };
  }
  const link = account.nextLinkId;
  account.nextLinkId += 1;
  Object.assign(sim, { state: account.pendingPolls > 0 ? 'PENDING' : 'LIVE', plan: plan.id, zone: zoneId, link, device: link + 100_000, pendingPolls: account.pendingPolls });
  return { status: 200, json: { success: true, data: [{ device: link + 100_000, link, sim: iccid }] } };
}

/** A claimed SIM as a "Cellular Link" object. */
function linkOf(iccid: string, sim: EmulatedSIM): { readonly id: number; readonly [field: string]: unknown } {
  return { id: sim.link ?? 0, deviceid: sim.device, sim: iccid, state: sim.state, dataplansubscriptionid: sim.plan, zone: sim.zone, apn: 'hologram' };
}

/**
 * `GET /links/cellular`: the account's links, those of one SIM with `sim=ICCID`, paginated. A SIM
 * read while `PENDING` counts down its `pendingPolls`, then turns `LIVE`.
 */
function links(account: RESTAccount, request: RESTRequest): RESTAnswer {
  const only = request.query.get('sim');
  const claimed = [...account.sims].filter(([iccid, sim]) => sim.state !== undefined && (only === null || iccid === only));
  for (const [, sim] of claimed) {
    if (sim.state !== 'PENDING') continue;
    if (sim.pendingPolls > 0) sim.pendingPolls -= 1;
    else sim.state = 'LIVE';
  }
  return page(
    request,
    account,
    claimed.map(([iccid, sim]) => linkOf(iccid, sim)),
  );
}

/** The answer to `request` (authentication first, then the route). */
export function answer(account: RESTAccount, request: RESTRequest): RESTAnswer {
  const auth = authenticate(account, request);
  if (!auth.ok) return failure(401, auth.reason);
  const claimPath = /^\/links\/cellular\/sim_([0-9]+)\/claim$/.exec(request.path);
  if (request.method === 'GET' && request.path === '/plans') return page(request, account, account.plans);
  if (request.method === 'GET' && request.path === '/links/cellular') return links(account, request);
  if (request.method === 'POST' && claimPath !== null) return claim(account, request, claimPath[1]);
  return failure(404, `No route for ${request.method} ${request.path}`);
}
