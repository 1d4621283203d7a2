import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { APIError, HologramAPI } from '../../lib/api';
import { InvalidArgumentError } from '../../lib/errors';
import { RestEmulator } from '../../lib/testing';

/** The REST client over real HTTP against the REST emulator (Node's fetch, a real server). */

const KEY = 'apikey-Zq8wKx3m';
const SIM = '8944500102198304826';

async function failure(promise: Promise<unknown>): Promise<APIError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof APIError)) throw new Error(`expected an APIError, got ${String(error)}`);
  return error;
}

describe('HologramAPI against the REST emulator', () => {
  let emulator: RestEmulator;
  let api: HologramAPI;

  beforeEach(async () => {
    emulator = new RestEmulator({ apiKeys: [KEY], users: [{ username: 'dev@example.com', password: 'pw-Secret1' }], sims: [SIM] });
    await emulator.listen();
    api = new HologramAPI({ apiKey: KEY }, { baseURL: emulator.baseURL, timeoutMs: 2000 });
  });
  afterEach(() => emulator.close());

  it('lists the plans', async () => {
    const plans = await api.getPlans();
    expect(plans.map((plan) => [plan.id, plan.name, plan.zones.map((zone) => zone.id)])).toEqual([
      [1, 'Pay as you go', ['1', '2']],
      [10, 'Developer', ['global']],
      [20, 'Legacy 5 MB', ['1']],
    ]);
    expect(emulator.requests).toEqual([{ method: 'GET', path: '/plans', query: {}, auth: 'apikey', body: '', status: 200 }]);
  });

  it('previews, activates, then reads the SIM LIVE', async () => {
    expect(await api.activateSIM({ sim: SIM, plan: 1, zone: 2, preview: true })).toMatchObject({ totalCost: 1.5, preview: true });
    expect(emulator.simState(SIM)).toBeUndefined();
    expect(await api.activateSIM({ sim: SIM, plan: 1, zone: '2' })).toMatchObject({ totalCost: 1.5, preview: false });
    expect(await api.getSIMState(SIM)).toBe('LIVE');
    expect(emulator.requests.map((request) => [request.method, request.path, request.query, request.body])).toEqual([
      ['POST', `/links/cellular/sim_${SIM}/claim`, { preview: '1' }, '{"plan":1,"tier":"2"}'],
      ['POST', `/links/cellular/sim_${SIM}/claim`, {}, '{"plan":1,"tier":"2"}'],
      ['GET', '/links/cellular', { sim: SIM }, ''],
    ]);
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
    const zone = await failure(api.activateSIM({ sim: SIM.replace(/6$/, '7'), plan: 10, zone: '3' }));
    expect(zone.apiMessage).toBe('SIM not found');
  });

  it('is not-found for a SIM not on the account', async () => {
    expect(await failure(api.getSIMState(SIM))).toMatchObject({ kind: 'not-found' });
  });

  it('reads PENDING until the SIM is LIVE', async () => {
    const slow = new RestEmulator({ apiKeys: [KEY], sims: [SIM], pendingPolls: 2 });
    await slow.listen();
    try {
      const client = new HologramAPI({ apiKey: KEY }, { baseURL: slow.baseURL });
      await client.activateSIM({ sim: SIM, plan: 1 });
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
    expect(error).toMatchObject({ kind: 'timeout', message: 'GET /plans: no answer within 200 ms' });
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
    [() => api.activateSIM({ sim: SIM, plan: 1, zone: 'a b' }), /zone must be a zone id/],
    [() => new HologramAPI({ apiKey: KEY }, { baseURL: 'ftp://x' }).getPlans(), /baseURL must be an http\(s\) URL/],
    [() => new HologramAPI({ apiKey: KEY }, { timeoutMs: 0 }).getPlans(), /timeoutMs must be a positive number/],
  ])('rejects bad arguments before any request (%#)', async (call, message) => {
    await expect((async () => call())()).rejects.toThrow(InvalidArgumentError);
    await expect((async () => call())()).rejects.toThrow(message);
    expect(emulator.requests).toEqual([]);
  });

  it("answers the Python SDK's requests (form-encoded claim, auth tuple) the same way", async () => {
    const script = [
      'import requests, sys',
      'base, key, sim = sys.argv[1:4]',
      "r = requests.post(base + '/links/cellular/sim_' + sim + '/claim', params={'apikey': key, 'preview': 1}, data={'plan': 1, 'tier': 2})",
      'print(r.status_code, r.json()["order_data"]["total_cost"])',
      "r = requests.get(base + '/plans', auth=('dev@example.com', 'pw-Secret1'))",
      'print(r.status_code, len(r.json()["data"]))',
    ].join('\n');
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile('/usr/bin/python3', ['-c', script, emulator.baseURL, KEY, SIM], (error, out, err) => (error ? reject(new Error(`${error.message} ${err}`)) : resolve(out))),
    );
    expect(stdout).toBe('200 1.5\n200 3\n');
    expect(emulator.requests.map((request) => request.auth)).toEqual(['apikey', 'basic']);
  });
});
