import { APIError } from './api-error';
import { isJsonObject, malformed, readEnvelope, type ApiResponse, type JSONObject } from './api-response';

/** What a claim costs (a preview) or cost (an order): the API's `order_data`. */
export interface ActivationOrder {
  /** Total in dollars. */
  readonly totalCost: number;
  /** True when nothing was ordered (`preview: true`). */
  readonly preview: boolean;
  /** `order_data` as the API sent it. */
  readonly raw: JSONObject;
}

/**
 * The order of a `POST /links/cellular/sim_ICCID/claim` answer. `success: false` is an `APIError`
 * of kind `rejected` whose `apiMessage` is the API's reason for this SIM (`data[ICCID]`).
 */
export function parseActivation(endpoint: string, response: ApiResponse, sim: string, preview: boolean): ActivationOrder {
  const json = readEnvelope(endpoint, response);
  if (json.success !== true) {
    const reasons = isJsonObject(json.data) ? json.data : {};
    const reason = reasons[sim] ?? json.error;
    const apiMessage = typeof reason === 'string' && reason !== '' ? reason : undefined;
    throw new APIError('rejected', endpoint, `the API refused to ${preview ? 'price' : 'activate'} SIM ${sim}${apiMessage === undefined ? '' : `: ${apiMessage}`}`, {
      status: response.status,
      apiMessage,
    });
  }
  const order = json.order_data;
  if (!isJsonObject(order)) throw malformed(endpoint, 'order_data', response.status);
  const totalCost = typeof order.total_cost === 'string' ? Number(order.total_cost) : order.total_cost;
  if (typeof totalCost !== 'number' || !Number.isFinite(totalCost)) throw malformed(endpoint, 'order_data.total_cost', response.status);
  return { totalCost, preview, raw: order };
}
