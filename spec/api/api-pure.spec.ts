import { checkApiCredentials } from '../../lib/api/api-credentials';
import { APIError } from '../../lib/api/api-error';
import { claimRequest, plansRequest, simStateRequest } from '../../lib/api/api-request';
import { parseActivation } from '../../lib/api/activation-order';
import { parsePlans, selectablePlans } from '../../lib/api/plan';
import { parseSimState } from '../../lib/api/sim-state';
import { InvalidArgumentError } from '../../lib/errors';
import { redact } from '../../lib/logging';

/** Request building and answer parsing of the REST client, as data (no HTTP). */

const BASE = 'https://dashboard.hologram.io/api/1';
const SIM = '8944500102198304826';

function rejection(run: () => unknown): APIError {
  try {
    run();
  } catch (error) {
    if (error instanceof APIError) return error;
    throw error;
  }
  throw new Error('expected an APIError');
}

describe('REST requests', () => {
  it('puts the API key in the query and names the call without it', () => {
    const request = plansRequest(`${BASE}/`, { apiKey: 'k3y-value' });
    expect(request).toEqual({ method: 'GET', url: `${BASE}/plans?apikey=k3y-value`, headers: { accept: 'application/json' }, endpoint: 'GET /plans' });
  });

  it('uses basic auth for a username and password', () => {
    const request = simStateRequest(BASE, { username: 'me@example.com', password: 'p:ss wörd' }, SIM);
    expect(request.url).toBe(`${BASE}/links/cellular?sim=${SIM}`);
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from('me@example.com:p:ss wörd').toString('base64')}`);
  });

  it('claims with plan and tier in a JSON body, preview=1 only for a preview', () => {
    const order = claimRequest(BASE, { apiKey: 'k' }, { sim: SIM, plan: 10, zone: 'global', preview: false });
    expect(order).toMatchObject({ method: 'POST', url: `${BASE}/links/cellular/sim_${SIM}/claim?apikey=k`, body: '{"plan":10,"tier":"global"}' });
    expect(order.headers['content-type']).toBe('application/json');
    expect(claimRequest(BASE, { apiKey: 'k' }, { sim: SIM, plan: 1, zone: '2', preview: true }).url).toBe(`${BASE}/links/cellular/sim_${SIM}/claim?preview=1&apikey=k`);
  });
});

describe('API credentials', () => {
  it.each([
    [{}, /needs an API key, or a username and password/],
    [{ username: 'me' }, /username needs its password/],
    [{ password: 'secret-pw' }, /password needs its username/],
    [{ apiKey: 'abc', username: 'me', password: 'pw' }, /either apiKey or username and password/],
    [{ apiKey: 'abc def' }, /white space/],
    [{ apiKey: 42 }, /apiKey must be a string, got number/],
  ])('rejects %j with InvalidArgumentError', (credentials, message) => {
    expect(() => checkApiCredentials(credentials)).toThrow(InvalidArgumentError);
    expect(() => checkApiCredentials(credentials)).toThrow(message);
  });

  it('registers the key and the password as secrets', () => {
    checkApiCredentials({ apiKey: 'redact-this-key' });
    checkApiCredentials({ username: 'someone', password: 'redact-this-pw' });
    expect(redact('key redact-this-key pw redact-this-pw user someone')).toBe('key ******** pw ******** user someone');
  });
});

describe('REST answers', () => {
  const ok = (json: unknown) => ({ status: 200, body: JSON.stringify(json) });
  const plan = { id: 1, name: 'PAYG', data: 0, tiers: { BASE: { zones: { '1': { amount: '1.50', overage: 0.6 }, '2': { amount: 2, overage: 1 } } } } };

  it('reads plans with their zones and prices', () => {
    const [parsed] = parsePlans('GET /plans', ok({ success: true, data: [plan] }));
    expect(parsed).toEqual({
      id: 1,
      name: 'PAYG',
      data: 0,
      available: false,
      zones: [
        { id: '1', amount: 1.5, overage: 0.6 },
        { id: '2', amount: 2, overage: 1 },
      ],
      raw: plan,
    });
  });

  it('offers available and pay-as-you-go plans only', () => {
    const plans = parsePlans('GET /plans', ok({ success: true, data: [plan, { ...plan, id: 2, data: 5, available: true }, { ...plan, id: 3, data: 5 }] }));
    expect(selectablePlans(plans).map((p) => p.id)).toEqual([1, 2]);
  });

  it.each([
    [{ status: 401, body: '{"success":false,"error":"Invalid API key"}' }, 'status', /GET \/plans: HTTP 401 \(Invalid API key\): check the API key/],
    [{ status: 500, body: 'Internal Server Error' }, 'status', /HTTP 500 \(Internal Server Error\)/],
    [{ status: 200, body: '<html>' }, 'malformed', /not the JSON object/],
    [ok({ success: false, error: 'Account locked' }), 'rejected', /the API refused: Account locked/],
    [ok({ success: true, data: {} }), 'malformed', /no valid data \(a list of plans\)/],
    [ok({ success: true, data: [{ id: 1, name: 'x' }] }), 'malformed', /tiers\.BASE\.zones in plan 1/],
    [ok({ success: true, data: [{ ...plan, tiers: { BASE: { zones: { '1': { amount: 'free' } } } } }] }), 'malformed', /amount and overage in zone 1 of plan 1/],
  ])('turns %j into an APIError of kind %s', (response, kind, message) => {
    const error = rejection(() => parsePlans('GET /plans', response));
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
    expect(error.status).toBe(response.status);
  });

  it('flags 401 and 403 as unauthorized', () => {
    expect(rejection(() => parsePlans('GET /plans', { status: 403, body: '' })).unauthorized).toBe(true);
    expect(rejection(() => parsePlans('GET /plans', { status: 404, body: '' })).unauthorized).toBe(false);
  });

  it('reads a SIM state; an empty list is not-found', () => {
    expect(parseSimState('GET /links/cellular', ok({ success: true, data: [{ state: 'LIVE' }] }), SIM)).toBe('LIVE');
    const missing = rejection(() => parseSimState('GET /links/cellular', ok({ success: true, data: [] }), SIM));
    expect(missing).toMatchObject({ kind: 'not-found', message: `GET /links/cellular: no SIM with ICCID ${SIM} on this account` });
  });

  it('reads an order; a refused claim carries the reason for this SIM', () => {
    expect(parseActivation('POST /claim', ok({ success: true, order_data: { total_cost: '2.5' } }), SIM, true)).toEqual({ totalCost: 2.5, preview: true, raw: { total_cost: '2.5' } });
    const refused = rejection(() => parseActivation('POST /claim', ok({ success: false, data: { [SIM]: 'SIM is already activated' } }), SIM, false));
    expect(refused).toMatchObject({ kind: 'rejected', apiMessage: 'SIM is already activated', message: `POST /claim: the API refused to activate SIM ${SIM}: SIM is already activated` });
    expect(rejection(() => parseActivation('POST /claim', ok({ success: true, order_data: {} }), SIM, false)).message).toMatch(/order_data\.total_cost/);
  });
});
