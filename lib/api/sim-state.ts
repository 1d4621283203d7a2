import { APIError } from './api-error';
import { isJSONObject, malformed } from './api-response';

/** A SIM's state as the API reports it: `LIVE` once activated; other values (`PAUSED`, `DEAD`...) pass through. */
export type SIMState = 'LIVE' | (string & {});

/** A cellular link (the Blueprint's "Cellular Link" object): a SIM on the account, with its state. */
export interface CellularLink {
  /** The link id. */
  readonly id: number;
  /** The SIM's ICCID. */
  readonly sim: string;
  readonly state: SIMState;
  /** The device the link belongs to, when the API says. */
  readonly deviceid?: number;
  /** The link as the API sent it, for fields not modelled here. */
  readonly raw: Readonly<Record<string, unknown>>;
}

function parseLink(endpoint: string, status: number, value: unknown, index: number): CellularLink {
  if (!isJSONObject(value)) throw malformed(endpoint, `link at index ${index}`, status);
  const { id, sim, state, deviceid } = value;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw malformed(endpoint, `id of the link at index ${index}`, status);
  if (typeof sim !== 'string' && typeof sim !== 'number') throw malformed(endpoint, `sim of link ${id}`, status);
  if (typeof state !== 'string') throw malformed(endpoint, `state of link ${id}`, status);
  return { id, sim: String(sim), state, ...(typeof deviceid === 'number' ? { deviceid } : {}), raw: value };
}

/** The links of one page of `GET /links/cellular`. */
export function parseLinks(endpoint: string, status: number, items: readonly unknown[]): CellularLink[] {
  return items.map((link, index) => parseLink(endpoint, status, link, index));
}

/** The state of SIM `sim` among `links` (those `GET /links/cellular?sim=` listed); `not-found` when none is it. */
export function simStateOf(endpoint: string, status: number, links: readonly CellularLink[], sim: string): SIMState {
  const link = links.find((candidate) => candidate.sim === sim);
  if (link === undefined) throw new APIError('not-found', endpoint, `no SIM with ICCID ${sim} on this account`, { status });
  return link.state;
}
