/**
 * The REST emulator's answers, as data in and data out (no sockets): what the Hologram REST API
 * (`PROTOCOL.md` §4) answers to one request, given the emulator's accounts, plans and SIMs.
 */

/** One request as the emulator read it. */
export interface RestRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** The `Authorization` header, if any. */
  readonly authorization?: string;
  readonly contentType?: string;
  readonly body: string;
}

export interface RestAnswer {
  readonly status: number;
  readonly json: unknown;
}

/** A plan as the API sends it (`GET /plans`): id, name, data, availability and the base tier's zones. */
export interface EmulatedPlan {
  readonly id: number;
  readonly name: string;
  /** Bytes included per month (0: pay as you go). */
  readonly data: number;
  readonly available?: boolean;
  readonly tiers: { readonly BASE: { readonly zones: Readonly<Record<string, { readonly amount: number; readonly overage: number }>> } };
}

/** A SIM the emulator knows: claimable until claimed, then on the account with a state. */
export interface EmulatedSim {
  state?: string;
  plan?: number;
  zone?: string;
  /** `GET /links/cellular` answers `PENDING` this many more times before `LIVE`. */
  pendingPolls: number;
}

/** What the routes read and change. */
export interface RestAccount {
  readonly apiKeys: ReadonlySet<string>;
  readonly users: ReadonlyMap<string, string>;
  readonly plans: readonly EmulatedPlan[];
  readonly sims: Map<string, EmulatedSim>;
  /** After a claim, how many state reads answer `PENDING` before `LIVE`. */
  readonly pendingPolls: number;
}

/** How a request authenticated: with an API key, basic auth, or not at all (then why). */
export type RestAuth = { readonly ok: true; readonly type: 'apikey' | 'basic' } | { readonly ok: false; readonly reason: string };

export function authenticate(account: RestAccount, request: RestRequest): RestAuth {
  const apiKey = request.query.get('apikey');
  if (apiKey !== null) return account.apiKeys.has(apiKey) ? { ok: true, type: 'apikey' } : { ok: false, reason: 'Invalid API key' };
  const basic = /^Basic (.+)$/i.exec(request.authorization ?? '');
  if (basic === null) return { ok: false, reason: 'Authentication required' };
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const [username, password] = colon < 0 ? [decoded, ''] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
  return account.users.get(username) === password ? { ok: true, type: 'basic' } : { ok: false, reason: 'Invalid username or password' };
}

const failure = (status: number, error: string): RestAnswer => ({ status, json: { success: false, error } });

/** The claim body: JSON (this SDK) or form-encoded (the Python SDK's `requests`). */
function claimBody(request: RestRequest): { plan?: unknown; tier?: unknown } | undefined {
  if ((request.contentType ?? '').includes('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(request.body);
    return { plan: form.get('plan') ?? undefined, tier: form.get('tier') ?? undefined };
  }
  try {
    const json = JSON.parse(request.body) as unknown;
    return json !== null && typeof json === 'object' ? (json as { plan?: unknown; tier?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}

function claim(account: RestAccount, request: RestRequest, iccid: string): RestAnswer {
  const refuse = (reason: string): RestAnswer => ({ status: 200, json: { success: false, data: { [iccid]: reason } } });
  const body = claimBody(request);
  if (body === undefined) return failure(400, 'Request body must be JSON with plan and tier');
  const sim = account.sims.get(iccid);
  if (sim === undefined) return refuse('SIM not found');
  if (sim.state !== undefined) return refuse('SIM is already activated');
  const plan = account.plans.find((candidate) => String(candidate.id) === String(body.plan));
  if (plan === undefined) return refuse(`Invalid plan ${String(body.plan)}`);
  const zoneId = String(body.tier ?? '1');
  const zone = plan.tiers.BASE.zones[zoneId];
  if (zone === undefined) return refuse(`Invalid zone ${zoneId} for plan ${plan.id}`);
  const preview = request.query.get('preview') === '1';
  if (!preview) Object.assign(sim, { state: account.pendingPolls > 0 ? 'PENDING' : 'LIVE', plan: plan.id, zone: zoneId, pendingPolls: account.pendingPolls });
  return { status: 200, json: { success: true, order_data: { total_cost: zone.amount, plan: plan.id, tier: zoneId, sims: [iccid], preview } } };
}

function simState(account: RestAccount, request: RestRequest): RestAnswer {
  const iccid = request.query.get('sim');
  const sim = iccid === null ? undefined : account.sims.get(iccid);
  if (iccid === null || sim === undefined || sim.state === undefined) return { status: 200, json: { success: true, data: [] } };
  if (sim.state === 'PENDING') {
    if (sim.pendingPolls > 0) sim.pendingPolls -= 1;
    else sim.state = 'LIVE';
  }
  return { status: 200, json: { success: true, data: [{ sim: iccid, state: sim.state, plan: sim.plan, tier: sim.zone }] } };
}

/** The answer to `request` (authentication first, then the route). */
export function answer(account: RestAccount, request: RestRequest): RestAnswer {
  const auth = authenticate(account, request);
  if (!auth.ok) return failure(401, auth.reason);
  const claimPath = /^\/links\/cellular\/sim_([0-9]+)\/claim$/.exec(request.path);
  if (request.method === 'GET' && request.path === '/plans') return { status: 200, json: { success: true, data: account.plans } };
  if (request.method === 'GET' && request.path === '/links/cellular') return simState(account, request);
  if (request.method === 'POST' && claimPath !== null) return claim(account, request, claimPath[1]);
  return failure(404, `No route for ${request.method} ${request.path}`);
}
