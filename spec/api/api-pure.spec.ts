import { parseActivation } from '../../lib/api/activation-order';
import { checkAPICredentials } from '../../lib/api/api-credentials';
import { APIError } from '../../lib/api/api-error';
import { claimRequest, linksRequest, plansRequest } from '../../lib/api/api-request';
import { readPage } from '../../lib/api/api-response';
import { parsePlans, selectablePlans } from '../../lib/api/plan';
import { parseRetryAfter, shouldRetry } from '../../lib/api/retry-after';
import { parseLinks, simStateOf } from '../../lib/api/sim-state';
import { InvalidArgumentError } from '../../lib/errors';
import { redact, registerSecret } from '../../lib/logging';

/** Request building and answer parsing of the REST client, as data (no HTTP). */

const BASE = 'https://dashboard.hologram.io/api/1';
const SIM = '8944500102198304826';
const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

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
  it('authenticates by HTTP Basic, user apikey, and never puts the key in the URL', () => {
    const request = plansRequest(`${BASE}/`, { apiKey: 'k3y-value' }, { limit: 100 });
    expect(request).toEqual({
      method: 'GET',
      url: `${BASE}/plans?limit=100`,
      headers: { accept: 'application/json', 'accept-encoding': 'identity', authorization: basic('apikey', 'k3y-value') },
      endpoint: 'GET /plans',
    });
  });

  it('uses the username and password for dashboard credentials', () => {
    const request = linksRequest(BASE, { username: 'me@example.com', password: 'p:ss wörd' }, SIM, { limit: 5, startafter: '1200' });
    expect(request.url).toBe(`${BASE}/links/cellular?sim=${SIM}&limit=5&startafter=1200`);
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from('me@example.com:p:ss wörd').toString('base64')}`);
    expect(linksRequest(BASE, { apiKey: 'k' }, undefined, { limit: 5 }).url).toBe(`${BASE}/links/cellular?limit=5`);
  });

  it('claims with plan and zone in a JSON body, the optional fields only when given, preview=1 only for a preview', () => {
    const order = claimRequest(BASE, { apiKey: 'k' }, { sim: SIM, plan: 10, zone: 'global', preview: false });
    expect(order).toMatchObject({ method: 'POST', url: `${BASE}/links/cellular/sim_${SIM}/claim`, body: '{"plan":10,"zone":"global"}' });
    expect(order.headers['content-type']).toBe('application/json');
    const full = claimRequest(BASE, { apiKey: 'k' }, { sim: SIM, plan: 1, zone: '2', preview: true, orgid: 7, tagid: 3, overage_limit: -1, threshold: 100, smslimit: 10 });
    expect(full.url).toBe(`${BASE}/links/cellular/sim_${SIM}/claim?preview=1`);
    expect(JSON.parse(full.body ?? '')).toEqual({ plan: 1, zone: '2', orgid: 7, tagid: 3, overage_limit: -1, threshold: 100, smslimit: 10 });
  });
});

describe('API credentials', () => {
  it.each([
    [{}, /needs an API key, or a username and password/],
    [null, /needs credentials/],
    [{ username: 'me' }, /username needs its password/],
    [{ password: 'secret-pw' }, /password needs its username/],
    [{ apiKey: 'abc', username: 'me', password: 'pw' }, /either apiKey or username and password/],
    [{ apiKey: 'abc def' }, /white space/],
    [{ apiKey: 42 }, /apiKey must be a string, got number/],
    [{ apikey: 'abc' }, /no option "apikey": did you mean apiKey\?/],
    [{ username: 'a:b', password: 'pw' }, /username must not contain ":"/],
    [{ apiKey: 'a\u0000b' }, /control character/],
  ])('rejects %j with InvalidArgumentError', (credentials, message) => {
    expect(() => checkAPICredentials(credentials)).toThrow(InvalidArgumentError);
    expect(() => checkAPICredentials(credentials)).toThrow(message);
  });

  it('registers the key, the password and their Basic-auth and URL forms as secrets', () => {
    checkAPICredentials({ apiKey: 'redact/this+key' });
    checkAPICredentials({ username: 'someone', password: 'redact-this-pw' });
    const header = basic('apikey', 'redact/this+key');
    expect(redact(`key redact/this+key ${encodeURIComponent('redact/this+key')} ${header} pw redact-this-pw user someone`)).toBe(
      'key ******** ******** ******** pw ******** user someone',
    );
  });
});

describe('REST answers', () => {
  const ok = (json: unknown) => ({ status: 200, body: JSON.stringify(json) });
  // The Blueprint's "Data Plan" object: prices are decimal strings, zones under tiers.BASE.
  const plan = {
    id: 1,
    name: 'PAYG',
    data: 0,
    enabled: 1,
    tiers: { BASE: { devicecount: 0, zones: { global: { amount: '1.500000', overage: '0.600000', sms: '0.190000' }, '2': { amount: 2, overage: 1 } } } },
  };
  const plans = (json: unknown) => {
    const response = ok(json);
    return parsePlans('GET /plans', 200, readPage('GET /plans', response, 'plans').items);
  };

  it('reads plans with their zones and string prices', () => {
    const [parsed] = plans({ success: true, data: [plan] });
    expect(parsed).toEqual({
      id: 1,
      name: 'PAYG',
      data: 0,
      enabled: true,
      zones: [
        { id: '2', amount: 2, overage: 1 },
        { id: 'global', amount: 1.5, overage: 0.6, sms: 0.19 },
      ],
      raw: plan,
    });
  });

  it('reads the tier with the fewest devices when there is no BASE tier', () => {
    const tiered = { ...plan, tiers: { T100: { devicecount: 100, zones: { global: { amount: '0.5', overage: '0.1' } } }, T10: { devicecount: 10, zones: { global: { amount: '0.8', overage: '0.1' } } } } };
    expect(plans({ success: true, data: [tiered] })[0].zones).toEqual([{ id: 'global', amount: 0.8, overage: 0.1 }]);
  });

  it('offers the enabled plans only (the older available: true counts)', () => {
    const parsed = plans({ success: true, data: [plan, { ...plan, id: 2, enabled: 0 }, { ...plan, id: 3, enabled: undefined, available: true }] });
    expect(selectablePlans(parsed).map((p) => p.id)).toEqual([1, 3]);
    expect(() => selectablePlans(null as never)).toThrow(InvalidArgumentError);
  });

  it.each([
    [{ status: 401, body: '{"success":false,"error":"Invalid API key"}' }, 'status', /GET \/plans: HTTP 401 \(Invalid API key\): check the API key/],
    [{ status: 500, body: 'Internal Server Error' }, 'status', /HTTP 500 \(Internal Server Error\)/],
    [{ status: 429, body: '{"success":false,"error":"API rate limit exceeded"}' }, 'status', /HTTP 429 \(API rate limit exceeded\): too many requests, wait 5 to 10 s/],
    [{ status: 503, body: '', retryAfterMs: 60_000 }, 'status', /HTTP 503: the server asks to retry after 60 s/],
    [{ status: 200, body: '<html>' }, 'malformed', /not the JSON object/],
    [ok({ success: false, error: 'Account locked' }), 'rejected', /the API refused: Account locked/],
    [ok({ success: true, data: {} }), 'malformed', /no valid data \(a list of plans\)/],
    [ok({ success: true, data: [{ id: 1, name: 'x' }] }), 'malformed', /tiers\.BASE\.zones in plan 1/],
    [ok({ success: true, data: [{ ...plan, tiers: { BASE: { zones: { '1': { amount: 'free' } } } } }] }), 'malformed', /amount and overage in zone 1 of plan 1/],
    [ok({ success: true, continues: true, data: [{ name: 'no id' }] }), 'malformed', /lastid/],
  ])('turns %j into an APIError of kind %s', (response, kind, message) => {
    const failure = rejection(() => parsePlans('GET /plans', response.status, readPage('GET /plans', response, 'plans').items));
    expect(failure.kind).toBe(kind);
    expect(failure.message).toMatch(message);
    expect(failure.status).toBe(response.status);
  });

  it('finds where the next page starts: links.next, else lastid, else the last id', () => {
    const page = (extra: object) => readPage('GET /plans', ok({ success: true, limit: 2, size: 2, continues: true, data: [{ id: 5 }, { id: 9 }], ...extra }), 'plans');
    expect(page({ links: { next: '/api/1/plans?limit=2&startafter=9' }, lastid: 7 }).startafter).toBe('9');
    expect(page({ lastid: 7 }).startafter).toBe('7');
    expect(page({}).startafter).toBe('9');
    expect(readPage('GET /plans', ok({ success: true, limit: 2, size: 1, data: [{ id: 5 }] }), 'plans').startafter).toBeUndefined();
  });

  it('flags 401 and 403 as unauthorized', () => {
    expect(rejection(() => readPage('GET /plans', { status: 403, body: '' }, 'plans')).unauthorized).toBe(true);
    expect(rejection(() => readPage('GET /plans', { status: 404, body: '' }, 'plans')).unauthorized).toBe(false);
  });

  it('redacts a secret the server echoes before cutting its message to 200 characters', () => {
    registerSecret('echoed-secret-0123456789');
    const echo = `${'x'.repeat(190)}echoed-secret-0123456789 and more`;
    const error = rejection(() => readPage('GET /plans', { status: 400, body: JSON.stringify({ success: false, error: echo }) }, 'plans'));
    expect(error.apiMessage).toBe(`${'x'.repeat(190)}******** a…`);
    expect(`${error.message} ${error.stack ?? ''}`).not.toMatch(/echoed-s/);
  });

  it('reads links and a SIM state; no link for the SIM is not-found', () => {
    const links = parseLinks('GET /links/cellular', 200, [{ id: 1000, sim: SIM, state: 'LIVE', deviceid: 7 }]);
    expect(links).toEqual([{ id: 1000, sim: SIM, state: 'LIVE', deviceid: 7, raw: { id: 1000, sim: SIM, state: 'LIVE', deviceid: 7 } }]);
    expect(simStateOf('GET /links/cellular', 200, links, SIM)).toBe('LIVE');
    const missing = rejection(() => simStateOf('GET /links/cellular', 200, [], SIM));
    expect(missing).toMatchObject({ kind: 'not-found', message: `GET /links/cellular: no SIM with ICCID ${SIM} on this account` });
    expect(rejection(() => parseLinks('GET /links/cellular', 200, [{ id: 1, sim: SIM }])).message).toMatch(/state of link 1/);
  });

  it('reads a claim: data [{ device, link, sim }] with no price, or a preview with order_data', () => {
    const order = parseActivation('POST /claim', ok({ success: true, data: [{ device: 1234, link: 3214, sim: SIM }] }), SIM, false);
    expect(order).toEqual({ preview: false, links: [{ device: 1234, link: 3214, sim: SIM }], raw: { success: true, data: [{ device: 1234, link: 3214, sim: SIM }] } });
    expect(parseActivation('POST /claim', ok({ success: true, order_data: { total_cost: '2.5' } }), SIM, true)).toMatchObject({ preview: true, links: [], totalCost: 2.5 });
    expect(parseActivation('POST /claim', ok({ success: true, data: [], order_data: [{ total_cost: 1 }, { sales_tax: 0 }] }), SIM, true).totalCost).toBe(1);
  });

  it('reads a refused claim from error (current answers) or data[ICCID] (older ones)', () => {
    const current = rejection(() => parseActivation('POST /claim', ok({ success: false, error: 'Invalid zone 3 for plan 10' }), SIM, false));
    expect(current).toMatchObject({ kind: 'rejected', apiMessage: 'Invalid zone 3 for plan 10', message: `POST /claim: the API refused to activate SIM ${SIM}: Invalid zone 3 for plan 10` });
    const older = rejection(() => parseActivation('POST /claim', ok({ success: false, data: { [SIM]: 'SIM is already activated' } }), SIM, true));
    expect(older).toMatchObject({ kind: 'rejected', apiMessage: 'SIM is already activated', message: `POST /claim: the API refused to price SIM ${SIM}: SIM is already activated` });
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    [undefined, undefined],
    ['2', 2000],
    [' 120 ', 120_000],
    ['Thu, 01 Jan 2026 00:00:05 GMT', 5000],
    ['Wed, 31 Dec 2025 23:59:00 GMT', 0],
    ['-1', undefined],
    ['soon', undefined],
    ['1.5', undefined],
  ])('reads %j as %j ms', (header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms);
  });

  it.each([
    [1000, 3000, 2, 250, true],
    [1000, 1100, 2, 250, false],
    [1000, 3000, 0, 250, false],
    [undefined, 3000, 2, 250, false],
  ])('retries after %j ms with %j ms left and %j attempts left: %j', (after, left, attempts, margin, expected) => {
    expect(shouldRetry(after, left, attempts, margin)).toBe(expected);
  });
});
