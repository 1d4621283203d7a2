import { APIError } from './api-error';
import { apiMessageOf, isJSONObject, readEnvelope, type APIResponse } from './api-response';

/** What a claim created: the Blueprint's `data: [{ device, link, sim }]`. */
export interface ClaimedLink {
  /** The id of the new device. */
  readonly device?: number;
  /** The id of the new cellular link. */
  readonly link?: number;
  readonly sim: string;
}

/**
 * The answer to `POST /links/cellular/sim_ICCID/claim`. The documented success body is
 * `data: [{ device, link, sim }]` with no price; a price comes only where the API sends
 * `order_data` (a preview does; older answers did for orders too), as an object or a list.
 */
export interface ActivationOrder {
  /** True when nothing was ordered (`preview=1`). */
  readonly preview: boolean;
  /** What the claim created (empty for a preview). */
  readonly links: readonly ClaimedLink[];
  /** `order_data.total_cost` in dollars, when the API sent it. */
  readonly totalCost?: number;
  /** The answer as the API sent it. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** `total_cost` of `order_data` (an object, or a list whose entries each may carry one: summed). */
function totalCostOf(order: unknown): number | undefined {
  const entries = Array.isArray(order) ? order : [order];
  let total: number | undefined;
  for (const entry of entries) {
    if (!isJSONObject(entry)) continue;
    const cost = typeof entry.total_cost === 'string' && entry.total_cost.trim() !== '' ? Number(entry.total_cost) : entry.total_cost;
    if (typeof cost === 'number' && Number.isFinite(cost)) total = (total ?? 0) + cost;
  }
  return total;
}

function claimedLinks(data: unknown): ClaimedLink[] {
  if (!Array.isArray(data)) return [];
  return data.filter(isJSONObject).flatMap((entry) => {
    const sim = typeof entry.sim === 'string' || typeof entry.sim === 'number' ? String(entry.sim) : undefined;
    if (sim === undefined) return [];
    return [{ sim, ...(typeof entry.device === 'number' ? { device: entry.device } : {}), ...(typeof entry.link === 'number' ? { link: entry.link } : {}) }];
  });
}

/**
 * The order of a claim answer. `success: false` is an `APIError` of kind `rejected` whose
 * `apiMessage` is the API's reason: `error` (current answers) or `data[ICCID]` (the Python SDK's
 * reading of older ones).
 */
export function parseActivation(endpoint: string, response: APIResponse, sim: string, preview: boolean): ActivationOrder {
  const json = readEnvelope(endpoint, response);
  if (json.success !== true) {
    const reasons = isJSONObject(json.data) ? json.data : {};
    const reason = reasons[sim];
    const apiMessage = typeof reason === 'string' && reason !== '' ? apiMessageOf({ error: reason }, '') : apiMessageOf(json, '');
    throw new APIError('rejected', endpoint, `the API refused to ${preview ? 'price' : 'activate'} SIM ${sim}${apiMessage === undefined ? '' : `: ${apiMessage}`}`, {
      status: response.status,
      apiMessage,
    });
  }
  const totalCost = totalCostOf(json.order_data);
  return { preview, links: claimedLinks(json.data), ...(totalCost === undefined ? {} : { totalCost }), raw: json };
}
