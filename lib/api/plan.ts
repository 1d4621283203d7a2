import { readSuccess, isJsonObject, malformed, type ApiResponse, type JSONObject } from './api-response';

/** What a zone of a plan costs, in dollars. */
export interface PlanZone {
  /** The zone's id, as `activateSIM` takes it (e.g. `"1"`, `"global"`). */
  readonly id: string;
  /** Monthly platform fee. */
  readonly amount: number;
  /** Data price per MB. */
  readonly overage: number;
}

/** A data plan from `GET /plans`. */
export interface Plan {
  readonly id: number;
  readonly name: string;
  /** Data included per month, in bytes (0: pay as you go). */
  readonly data: number;
  /** Whether the plan may be chosen for a new SIM (developer plans say so). */
  readonly available: boolean;
  /** Its zones (the base tier's), in the API's order. */
  readonly zones: readonly PlanZone[];
  /** The plan as the API sent it, for fields not modelled here. */
  readonly raw: JSONObject;
}

function price(value: unknown): number {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : Number.NaN;
}

function parsePlan(endpoint: string, status: number, value: unknown, index: number): Plan {
  if (!isJsonObject(value)) throw malformed(endpoint, `plan at index ${index}`, status);
  const { id, name } = value;
  if (typeof id !== 'number' || !Number.isInteger(id)) throw malformed(endpoint, `id in plan at index ${index}`, status);
  if (typeof name !== 'string') throw malformed(endpoint, `name in plan ${id}`, status);
  const tiers = value.tiers;
  const base = isJsonObject(tiers) ? tiers.BASE : undefined;
  const zones = isJsonObject(base) ? base.zones : undefined;
  if (!isJsonObject(zones)) throw malformed(endpoint, `tiers.BASE.zones in plan ${id}`, status);
  return {
    id,
    name,
    data: typeof value.data === 'number' ? value.data : Number(value.data ?? 0),
    available: value.available === true,
    zones: Object.entries(zones).map(([zone, detail]) => {
      const amount = price(isJsonObject(detail) ? detail.amount : undefined);
      const overage = price(isJsonObject(detail) ? detail.overage : undefined);
      if (Number.isNaN(amount) || Number.isNaN(overage)) throw malformed(endpoint, `amount and overage in zone ${zone} of plan ${id}`, status);
      return { id: zone, amount, overage };
    }),
    raw: value,
  };
}

/** The plans of a `GET /plans` answer; `APIError` for a failed or malformed one. */
export function parsePlans(endpoint: string, response: ApiResponse): Plan[] {
  const json = readSuccess(endpoint, response);
  if (!Array.isArray(json.data)) throw malformed(endpoint, 'data (a list of plans)', response.status);
  return json.data.map((plan, index) => parsePlan(endpoint, response.status, plan, index));
}

/**
 * The plans `hologram activate` offers, as the Python CLI does: those the API marks available
 * (developer plans) and the pay-as-you-go ones (no data included).
 */
export function selectablePlans(plans: readonly Plan[]): Plan[] {
  return plans.filter((plan) => plan.available || plan.data === 0);
}
