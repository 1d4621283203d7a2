import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { HologramAPI } from '../../lib/api';
import { InvalidArgumentError } from '../../lib/errors';
import { RESTEmulator } from '../../lib/testing';
import { failure } from './api-failure';

/** The REST client over real HTTP against the REST emulator (Node's fetch, a real server). */

const KEY = 'apikey-Zq8wKx3m';
const SIM = '8944500102198304826';

describe('HologramAPI against the REST emulator', () => {
  let emulator: RESTEmulator;
  let api: HologramAPI;

  beforeEach(async () => {
    emulator = new RESTEmulator({ apiKeys: [KEY], users: [{ username: 'dev@example.com', password: 'pw-Secret1' }], sims: [SIM] });
    await emulator.listen();
    api = new HologramAPI({ apiKey: KEY }, { baseURL: emulator.baseURL, timeoutMs: 2000 });
  });
  afterEach(() => emulator.close());

  it('lists the plans, with prices sent as decimal strings', async () => {
    const plans = await api.getPlans();
    expect(plans.map((plan) => [plan.id, plan.name, plan.enabled, plan.zones.map((zone) => `${zone.id} ${zone.amount}`)])).toEqual([
      [1, 'Pay as you go', true, ['1 1', '2 1.5']],
      [10, 'Developer', true, ['global 0']],
      [20, 'Legacy 5 MB', false, ['1 5']],
    ]);
    expect(emulator.requests).toEqual([{ method: 'GET', path: '/plans', query: { limit: '100' }, auth: 'apikey', body: '', status: 200 }]);
  });

  it('previews, activates in the default zone "global", then reads the SIM LIVE', async () => {
    expect(await api.activateSIM({ sim: SIM, plan: 10, preview: true })).toMatchObject({ totalCost: 0, preview: true, links: [] });
    expect(emulator.simState(SIM)).toBeUndefined();
    expect(await api.activateSIM({ sim: SIM, plan: 10 })).toEqual({ preview: false, links: [{ device: 101000, link: 1000, sim: SIM }], raw: expect.anything() });
    expect(await api.getSIMState(SIM)).toBe('LIVE');
    expect(emulator.requests.map((request) => [request.method, request.path, request.query, request.contentType, request.body])).toEqual([
      ['POST', `/links/cellular/sim_${SIM}/claim`, { preview: '1' }, 'application/json', '{"plan":10,"zone":"global"}'],
      ['POST', `/links/cellular/sim_${SIM}/claim`, {}, 'application/json', '{"plan":10,"zone":"global"}'],
      ['GET', '/links/cellular', { sim: SIM, limit: '100' }, undefined, ''],
    ]);
  });

  it('claims in a numbered zone', async () => {
    expect(await api.activateSIM({ sim: SIM, plan: 1, zone: 2, preview: true })).toMatchObject({ totalCost: 1.5 });
    expect(emulator.requests[0].body).toBe('{"plan":1,"zone":"2"}');
  });

  it('reads every page of a list, and the organisation\'s links without a SIM filter', async () => {
    const many = Array.from({ length: 23 }, (_, index) => `89445001021983${String(index).padStart(5, '0')}`);
    const paged = new RESTEmulator({ apiKeys: [KEY], liveSIMs: many, maxPageSize: 5 });
    await paged.listen();
    try {
      const client = new HologramAPI({ apiKey: KEY }, { baseURL: paged.baseURL, pageSize: 10 });
      const links = await client.getCellularLinks();
      expect(links.map((link) => link.sim)).toEqual(many);
      expect(links[0]).toMatchObject({ id: 1000, state: 'LIVE', deviceid: 101000 });
      expect(paged.requests.map((request) => request.query)).toEqual([
        { limit: '10' },
        { limit: '10', startafter: '1004' },
        { limit: '10', startafter: '1009' },
        { limit: '10', startafter: '1014' },
        { limit: '10', startafter: '1019' },
      ]);
      expect((await client.getPlans()).map((plan) => plan.id)).toEqual([1, 10, 20]);
      expect(await client.getCellularLinks({ sim: many[7] })).toHaveLength(1);
      // The typed cursor, a page at a time.
      const first = await client.getCellularLinksPage();
      expect([first.links.map((link) => link.id), first.next]).toEqual([[1000, 1001, 1002, 1003, 1004], '1004']);
      const last = await client.getCellularLinksPage({ startafter: '1019' });
      expect([last.links.map((link) => link.id), last.next]).toEqual([[1020, 1021, 1022], undefined]);
    } finally {
      await paged.close();
    }
  });

  it('answers curl -u apikey:KEY (HTTP Basic as documented)', async () => {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '-u', `apikey:${KEY}`, `${emulator.baseURL}/plans`], (error, out) => (error ? reject(error) : resolve(out))),
    );
    expect(stdout).toBe('200');
    expect(emulator.requests[0].auth).toBe('apikey');
  });

  it('waits out a 429 whose Retry-After ends within the call, and reports one that does not', async () => {
    emulator.faults.status = 429;
    emulator.faults.statusCount = 1;
    emulator.faults.retryAfter = '1';
    const started = Date.now();
    expect(await api.getPlans()).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(emulator.requests.map((request) => request.status)).toEqual([429, 200]);
    emulator.faults.statusCount = undefined;
    emulator.faults.status = 503;
    emulator.faults.retryAfter = '30';
    const error = await failure(api.getPlans());
    expect(error).toMatchObject({ kind: 'status', status: 503, retryAfterMs: 30_000 });
    expect(error.message).toMatch(/the server asks to retry after 30 s/);
  });

  it('refuses plain http to another machine unless allowInsecureHTTP', () => {
    expect(() => new HologramAPI({ apiKey: KEY }, { baseURL: 'http://api.example.com/api/1' })).toThrow(/plain http to another machine.*allowInsecureHTTP: true/);
    expect(new HologramAPI({ apiKey: KEY }, { baseURL: 'http://api.example.com/api/1', allowInsecureHTTP: true }).baseURL).toBe('http://api.example.com/api/1');
    expect(new HologramAPI({ apiKey: KEY }, { baseURL: 'http://localhost:1/api/1' }).baseURL).toBe('http://localhost:1/api/1');
    expect(new HologramAPI({ apiKey: KEY }, { baseURL: 'http://[::1]:1' }).baseURL).toBe('http://[::1]:1');
    expect(() => new HologramAPI({ apiKey: KEY }, { baseURL: `https://apikey:${KEY}@dashboard.hologram.io/api/1` })).toThrow(/must not carry a user name or password/);
  });

  it('authenticates with a username and password (basic auth)', async () => {
    const basic = new HologramAPI({ username: 'dev@example.com', password: 'pw-Secret1' }, { baseURL: emulator.baseURL });
    expect(basic.authType).toBe('basic_auth');
    expect(await basic.getPlans()).toHaveLength(3);
    expect(emulator.requests[0].auth).toBe('basic');
  });

  it('rejects a wrong key with status 401 and the API message, never quoting the key', async () => {
    const wrong = new HologramAPI({ apiKey: 'not-the-key-123' }, { baseURL: emulator.baseURL });
    const error = await failure(wrong.getPlans());
    expect(error).toMatchObject({ kind: 'status', status: 401, apiMessage: 'Invalid API key', unauthorized: true });
    expect(error.message).toBe('GET /plans: HTTP 401 (Invalid API key): check the API key (or username and password)');
    expect(error.message).not.toContain('not-the-key-123');
    const badPassword = await failure(new HologramAPI({ username: 'dev@example.com', password: 'nope-pw' }, { baseURL: emulator.baseURL }).getPlans());
    expect(badPassword.apiMessage).toBe('Invalid username or password');
  });

  it('reports a refused claim with the reason for this SIM', async () => {
    await api.activateSIM({ sim: SIM, plan: 10, zone: 'global' });
    const again = await failure(api.activateSIM({ sim: SIM, plan: 10, zone: 'global' }));
    expect(again).toMatchObject({ kind: 'rejected', status: 200, apiMessage: 'SIM is already activated' });
    const unknown = await failure(api.activateSIM({ sim: '8901260000000000001', plan: 10 }));
    expect(unknown.apiMessage).toBe('SIM not found');
    const other = new RESTEmulator({ apiKeys: [KEY], sims: [SIM] });
    await other.listen();
    try {
      const client = new HologramAPI({ apiKey: KEY }, { baseURL: other.baseURL });
      expect((await failure(client.activateSIM({ sim: SIM, plan: 10, zone: '3' }))).apiMessage).toBe('Invalid zone 3 for plan 10');
      expect((await failure(client.activateSIM({ sim: SIM, plan: 20, zone: '1' }))).apiMessage).toBe('Plan 20 is not available for new activations');
    } finally {
      await other.close();
    }
  });

  it('is not-found for a SIM not on the account', async () => {
    expect(await failure(api.getSIMState(SIM))).toMatchObject({ kind: 'not-found' });
  });

  it('reads PENDING until the SIM is LIVE', async () => {
    const slow = new RESTEmulator({ apiKeys: [KEY], sims: [SIM], pendingPolls: 2 });
    await slow.listen();
    try {
      const client = new HologramAPI({ apiKey: KEY }, { baseURL: slow.baseURL });
      await client.activateSIM({ sim: SIM, plan: 1, zone: '1' });
      expect([await client.getSIMState(SIM), await client.getSIMState(SIM), await client.getSIMState(SIM)]).toEqual(['PENDING', 'PENDING', 'LIVE']);
    } finally {
      await slow.close();
    }
  });

  it('maps a forced 503 and a garbled answer to typed errors', async () => {
    emulator.faults.status = 503;
    expect(await failure(api.getPlans())).toMatchObject({ kind: 'status', status: 503, apiMessage: 'Emulated HTTP 503' });
    emulator.faults.status = undefined;
    emulator.faults.malformed = true;
    expect(await failure(api.getPlans())).toMatchObject({ kind: 'malformed', status: 200 });
  });

  it('times out a late answer', async () => {
    emulator.faults.replyDelayMs = 1500;
    const quick = new HologramAPI({ apiKey: KEY }, { baseURL: emulator.baseURL, timeoutMs: 200 });
    const error = await failure(quick.getPlans());
    expect(error).toMatchObject({ kind: 'timeout', message: 'GET /plans: no whole answer within 200 ms' });
  });

  it('is a network error, naming the system code, when nothing listens', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = server.address() as { port: number };
        server.close(() => resolve(free));
      });
    });
    const error = await failure(new HologramAPI({ apiKey: KEY }, { baseURL: `http://127.0.0.1:${port}` }).getSIMState(SIM));
    expect(error).toMatchObject({ kind: 'network', details: { code: 'ECONNREFUSED' } });
    expect(error.message).toMatch(/^GET \/links\/cellular: cannot reach the API \(ECONNREFUSED\)/);
    expect(error.message).not.toContain(KEY);
  });

  it.each([
    [() => api.getSIMState('1234'), /sim must be the SIM's ICCID \(18 to 22 digits\), got "1234"/],
    [() => api.activateSIM({ sim: SIM, plan: 0 }), /plan must be a plan id/],
    [() => api.activateSIM({ sim: SIM, plan: 1, zone: 'a b' }), /zone must be a zone of the plan/],
    [() => api.activateSIM({ sim: SIM, plan: 1, tier: 1 } as never), /no option "tier"/],
    [() => api.activateSIM(undefined as never), /activateSIM needs \{ sim, plan \}, got undefined/],
    [() => api.getSIMState(10n as never), /got 10n/],
    [() => new HologramAPI({ apiKey: KEY }, null as never), /options must be an object of options, got null/],
    [() => new HologramAPI({ apiKey: KEY }, { timeout: 5 } as never), /no option "timeout": did you mean timeoutMs\?/],
    [() => new HologramAPI({ apiKey: KEY }, { baseURL: 'ftp://x' }).getPlans(), /baseURL must be an http\(s\) URL/],
    [() => new HologramAPI({ apiKey: KEY }, { timeoutMs: 0 }).getPlans(), /timeoutMs must be a number of milliseconds above 0/],
    [() => new HologramAPI({ apiKey: KEY }, { maxBodyBytes: 1.5 }).getPlans(), /maxBodyBytes must be a whole number/],
  ])('rejects bad arguments before any request (%#)', async (call, message) => {
    await expect((async () => call())()).rejects.toThrow(InvalidArgumentError);
    await expect((async () => call())()).rejects.toThrow(message);
    expect(emulator.requests).toEqual([]);
  });

  it("answers the Python SDK's requests (form-encoded claim, auth tuple) the same way", async () => {
    const script = [
      'import requests, sys',
      'base, key, sim = sys.argv[1:4]',
      // The Python SDK sends the 2016 shapes: the key as ?apikey= and the zone as a form field tier.
      "r = requests.post(base + '/links/cellular/sim_' + sim + '/claim', params={'apikey': key, 'preview': 1}, data={'plan': 1, 'tier': 2})",
      'print(r.status_code, r.json()["order_data"]["total_cost"])',
      "r = requests.get(base + '/plans', auth=('dev@example.com', 'pw-Secret1'))",
      'print(r.status_code, len(r.json()["data"]))',
    ].join('\n');
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile('/usr/bin/python3', ['-c', script, emulator.baseURL, KEY, SIM], (error, out, err) => (error ? reject(new Error(`${error.message} ${err}`)) : resolve(out))),
    );
    expect(stdout).toBe('200 1.5\n200 3\n');
    expect(emulator.requests.map((request) => request.auth)).toEqual(['apikey-query', 'basic']);
  });
});
