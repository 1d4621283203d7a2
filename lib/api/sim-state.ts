import { APIError } from './api-error';
import { isJsonObject, malformed, readSuccess, type ApiResponse } from './api-response';

/** A SIM's state as the API reports it: `LIVE` once activated; other values (`PENDING`, `PAUSED`...) pass through. */
export type SIMState = 'LIVE' | (string & {});

/** The state in a `GET /links/cellular?sim=ICCID` answer; `not-found` when the account holds no such SIM. */
export function parseSimState(endpoint: string, response: ApiResponse, sim: string): SIMState {
  const json = readSuccess(endpoint, response);
  if (!Array.isArray(json.data)) throw malformed(endpoint, 'data (a list of links)', response.status);
  const [link] = json.data;
  if (link === undefined) throw new APIError('not-found', endpoint, `no SIM with ICCID ${sim} on this account`, { status: response.status });
  if (!isJsonObject(link) || typeof link.state !== 'string') throw malformed(endpoint, 'state of the SIM', response.status);
  return link.state;
}
