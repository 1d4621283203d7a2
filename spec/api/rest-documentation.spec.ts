import { createServer, type IncomingMessage, type Server } from 'node:http';
import { APIError, HologramAPI } from '../../lib/api';

/**
 * The client's requests against Hologram's REST documentation, field for field, one endpoint at a
 * time: a plain HTTP server records exactly what arrives on the wire and answers with bodies
 * shaped like the documentation's examples (the same fields, values of our own). Sources, as
 * docs/REST-API.md lists them:
 * - [BP] the API Blueprint, github.com/hologram-io/rest-api-docs, apiary.apib at cb35c99 (2023-12-08);
 * - [PLANS] docs.hologram.io/api/1/plans/get (its example answer: paging fields, string prices);
 * - [BULK] docs.hologram.io/api/1/links/cellular/bulkclaim/post (zone "Defaults to global", the
 *   same Basic authorization for the claim endpoints).
 */

const KEY = 'docsKey7Lm2Qp9Zr';
const SIM = '89330123456789012345';

interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

describe('REST requests match the documentation', () => {
  let server: Server;
  let base: string;
  let recorded: Recorded[];
  /** What the server answers next, by path. */
  let answers: Record<string, (query: URLSearchParams) => { status: number; json: unknown }>;

  beforeEach(async () => {
    recorded = [];
    answers = {};
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += String(chunk)));
      request.on('end', () => {
        const url = new URL(request.url ?? '/', 'http://recorder');
        recorded.push({ method: request.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: request.headers, body });
        const route = answers[url.pathname];
        const { status, json } = route === undefined ? { status: 404, json: { success: false, error: 'no route' } } : route(url.searchParams);
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(json));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    // [BP] HOST https://dashboard.hologram.io/ and paths /api/1/...: the base URL ends in /api/1.
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/1`;
  });
  afterEach(() => new Promise((resolve) => server.close(resolve)));

  const api = (): HologramAPI => new HologramAPI({ apiKey: KEY }, { baseURL: base, pageSize: 2 });

  it('authenticates as [BP] "Authentication" says: HTTP Basic, username apikey, the key as password, never a query parameter', async () => {
    answers['/api/1/plans'] = () => ({ status: 200, json: { success: true, data: [] } });
    await api().getPlans();
    const [request] = recorded;
    // [BP]: -u apikey:KEY, or the header Authorization: Basic base64("apikey:KEY").
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`apikey:${KEY}`).toString('base64')}`);
    expect(request.query).not.toHaveProperty('apikey');
    expect(JSON.stringify(request)).not.toContain(KEY);
  });

  it('GET /api/1/plans takes the documented limit and startafter and reads every page [BP "List All Data Plans", PLANS]', async () => {
    // [PLANS]: success, limit, size, continues, links { path, base, next }, lastid, data; prices are
    // decimal strings in tiers.<TIER>.zones.<ZONE>; the answer also carries fields the SDK ignores.
    const plan = (id: number, zone: string) => ({
      id,
      partnerid: 1,
      name: `Plan ${id}`,
      description: 'flat rate',
      data: 0,
      recurring: 1,
      enabled: 1,
      billingperiod: 1,
      groupid: 7,
      developerplan: 0,
      tiers: { BASE: { devicecount: 0, zones: { [zone]: { amount: '2.500000', sms: '0.190000', overage: '0.050000', carriers: { '4': { apn: 'hologram' } } } } } },
      zones: { Global: { amount: '2.500000' } },
    });
    answers['/api/1/plans'] = (query) =>
      query.get('startafter') === null
        ? {
            status: 200,
            json: {
              success: true,
              limit: 2,
              size: 2,
              continues: true,
              links: { path: '/api/1/plans', base: 'dashboard.hologram.io', next: '/api/1/plans?limit=2&startafter=31' },
              lastid: 31,
              data: [plan(30, 'global'), plan(31, 'Global')],
            },
          }
        : { status: 200, json: { success: true, limit: 2, size: 1, links: { path: '/api/1/plans', base: 'dashboard.hologram.io' }, lastid: 40, data: [plan(40, '1')] } };
    const plans = await api().getPlans();
    expect(plans.map((p) => [p.id, p.zones])).toEqual([
      [30, [{ id: 'global', amount: 2.5, overage: 0.05, sms: 0.19 }]],
      [31, [{ id: 'Global', amount: 2.5, overage: 0.05, sms: 0.19 }]],
      [40, [{ id: '1', amount: 2.5, overage: 0.05, sms: 0.19 }]],
    ]);
    expect(recorded.map(({ method, path, query, body }) => ({ method, path, query, body }))).toEqual([
      { method: 'GET', path: '/api/1/plans', query: { limit: '2' }, body: '' },
      { method: 'GET', path: '/api/1/plans', query: { limit: '2', startafter: '31' }, body: '' },
    ]);
    // [BP]: the documented parameters of this call are orgid, id, ids, limit, startafter.
    for (const request of recorded) for (const name of Object.keys(request.query)) expect(['orgid', 'id', 'ids', 'limit', 'startafter']).toContain(name);
  });

  it('GET /api/1/links/cellular lists the links with or without sim [BP "List All Cellular Links", "Cellular Link (object)"]', async () => {
    const link = (id: number, sim: string, state: string) => ({ id, deviceid: id + 5000, devicename: 'My device', orgid: 12, sim, msisdn: '88800001', imsi: 1234, zone: 1, state, apn: 'hologram' });
    answers['/api/1/links/cellular'] = (query) => ({
      status: 200,
      json: { success: true, limit: 2, size: 1, data: query.get('sim') === null ? [link(1, SIM, 'LIVE'), link(2, '89330123456789012399', 'PAUSED')] : [link(1, SIM, 'LIVE')] },
    });
    const client = api();
    expect((await client.getCellularLinks()).map((l) => [l.id, l.sim, l.state, l.deviceid])).toEqual([
      [1, SIM, 'LIVE', 5001],
      [2, '89330123456789012399', 'PAUSED', 5002],
    ]);
    expect(await client.getSIMState(SIM)).toBe('LIVE');
    expect(recorded.map(({ method, path, query }) => ({ method, path, query }))).toEqual([
      { method: 'GET', path: '/api/1/links/cellular', query: { limit: '2' } },
      { method: 'GET', path: '/api/1/links/cellular', query: { sim: SIM, limit: '2' } },
    ]);
    // [BP]: sim, limit and startafter are among this call's documented parameters.
    for (const request of recorded) for (const name of Object.keys(request.query)) expect(['orgid', 'limit', 'sim', 'startafter']).toContain(name);
  });

  it('POST /api/1/links/cellular/sim_{ICCID}/claim sends the documented JSON attributes [BP "Activate Single SIM by ICCID", BULK]', async () => {
    answers[`/api/1/links/cellular/sim_${SIM}/claim`] = () => ({ status: 200, json: { success: true, data: [{ device: 9876, link: 5432, sim: SIM }] } });
    const order = await api().activateSIM({ sim: SIM, plan: 202, orgid: 100, tagid: 1, overageLimit: 100000, threshold: 100000, smsLimit: 10 });
    // [BP]: the success answer is data: [{ device, link, sim }], with no order_data.
    expect(order).toMatchObject({ preview: false, links: [{ device: 9876, link: 5432, sim: SIM }] });
    expect(order.totalCost).toBeUndefined();
    const [request] = recorded;
    expect(request.method).toBe('POST');
    expect(request.path).toBe(`/api/1/links/cellular/sim_${SIM}/claim`);
    expect(request.query).toEqual({});
    expect(request.headers['content-type']).toBe('application/json');
    // [BP] Request (application/json) attributes, with their types: plan (number), zone (string,
    // default 'global'), orgid, tagid, overage_limit, threshold, smslimit (numbers).
    expect(JSON.parse(request.body)).toEqual({ plan: 202, zone: 'global', orgid: 100, tagid: 1, overage_limit: 100000, threshold: 100000, smslimit: 10 });
    // No 2016 field: tier is gone from the current documentation.
    expect(request.body).not.toContain('tier');
  });

  it('reads the documented failure shapes: success false with error, and 429 "API rate limit exceeded" [BP "Responses", "Rate Limiting"]', async () => {
    answers['/api/1/plans'] = () => ({ status: 429, json: { success: false, error: 'API rate limit exceeded' } });
    answers[`/api/1/links/cellular/sim_${SIM}/claim`] = () => ({ status: 200, json: { success: false, error: 'Insufficient balance' } });
    const limited = await api()
      .getPlans()
      .catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(APIError);
    expect(limited).toMatchObject({ kind: 'status', status: 429, apiMessage: 'API rate limit exceeded' });
    const refused = await api()
      .activateSIM({ sim: SIM, plan: 202 })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ kind: 'rejected', apiMessage: 'Insufficient balance' });
  });
});
