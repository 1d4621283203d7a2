import { InvalidArgumentError } from '../errors';
import { describeValue } from './api-arguments';
import { isJSONObject, malformed, type JSONObject } from './api-response';

/** What a zone of a plan costs, in dollars (the API sends decimal strings such as `"1.000000"`). */
export interface PlanZone {
  /** The zone's id, as `activateSIM` takes it (e.g. `"global"`, `"1"`). */
  readonly id: string;
  /** Monthly fee. */
  readonly amount: number;
  /** Data price per MB beyond the plan. */
  readonly overage: number;
  /** Price of an SMS, when the API gives it. */
  readonly sms?: number;
}

/** A data plan from `GET /plans` (the Blueprint's "Data Plan" object). */
export interface Plan {
  readonly id: number;
  readonly name: string;
  /** Data included per month, in bytes (0: pay as you go). */
  readonly data: number;
  /** Whether the plan may be chosen for a new SIM (`enabled: 1`; older answers said `available: true`). */
  readonly enabled: boolean;
  /** The zones of its base tier (`BASE`, else the tier needing the fewest devices), in the API's order. */
  readonly zones: readonly PlanZone[];
  /** The plan as the API sent it, for fields not modelled here. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** A price: a decimal string (`"0.190000"`, what the API sends) or a number (older answers). */
function price(value: unknown): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : Number.NaN;
}

/** The base tier's zones: `BASE` when present, else the tier with the lowest `devicecount`. */
function baseZones(tiers: unknown): JSONObject | undefined {
  if (!isJSONObject(tiers)) return undefined;
  const base = isJSONObject(tiers.BASE) ? tiers.BASE : Object.values(tiers).filter(isJSONObject).sort((a, b) => Number(a.devicecount ?? 0) - Number(b.devicecount ?? 0))[0];
  return base !== undefined && isJSONObject(base.zones) ? base.zones : undefined;
}

function parsePlan(endpoint: string, status: number, value: unknown, index: number): Plan {
  if (!isJSONObject(value)) throw malformed(endpoint, `plan at index ${index}`, status);
  const { id, name } = value;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw malformed(endpoint, `id in plan at index ${index}`, status);
  if (typeof name !== 'string') throw malformed(endpoint, `name in plan ${id}`, status);
  const zones = baseZones(value.tiers);
  if (zones === undefined) throw malformed(endpoint, `tiers.BASE.zones in plan ${id}`, status);
  const data = typeof value.data === 'number' ? value.data : Number(value.data ?? 0);
  return {
    id,
    name,
    data: Number.isFinite(data) ? data : 0,
    enabled: value.enabled === 1 || value.enabled === true || value.enabled === '1' || (value.enabled === undefined && value.available === true),
    zones: Object.entries(zones).map(([zone, detail]) => {
      const costs = isJSONObject(detail) ? detail : {};
      const amount = price(costs.amount);
      const overage = price(costs.overage);
      if (Number.isNaN(amount) || Number.isNaN(overage)) throw malformed(endpoint, `amount and overage in zone ${zone} of plan ${id}`, status);
      const sms = price(costs.sms);
      return { id: zone, amount, overage, ...(Number.isNaN(sms) ? {} : { sms }) };
    }),
    raw: value,
  };
}

/** The plans of one page of `GET /plans`; `APIError` `malformed` for one the documentation does not describe. */
export function parsePlans(endpoint: string, status: number, items: readonly unknown[]): Plan[] {
  return items.map((plan, index) => parsePlan(endpoint, status, plan, index));
}

/** The plans `hologram activate` offers: those enabled for new SIMs. */
export function selectablePlans(plans: readonly Plan[]): Plan[] {
  let chosen: Plan[] | undefined;
  try {
    // A Proxy (revoked, or with throwing traps) throws from these: that is bad input too.
    if (Array.isArray(plans) && plans.every((plan: unknown) => isJSONObject(plan) && typeof plan.enabled === 'boolean')) chosen = plans.filter((plan) => plan.enabled);
  } catch {
    chosen = undefined;
  }
  if (chosen === undefined) throw new InvalidArgumentError('plans', `plans must be the list getPlans() resolved with, got ${describeValue(plans)}`);
  return chosen;
}
