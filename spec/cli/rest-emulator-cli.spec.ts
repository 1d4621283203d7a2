import { createServer, type Server } from 'node:net';
import { hologram, startCli, stopCli, type RunningCli } from './cli-harness';

/**
 * `hologram emulator --rest` as a user runs it: the built CLI in a child process serves the REST
 * API on real HTTP; `hologram activate` (another child process) talks to it, reading the SIM from
 * a `hologram simulator` on a real pty, so the whole activation is tested without code or account.
 * Build before running this alone.
 */
const API_KEY = 'rest-emulator-key-0001';
const PASSWORD = 'pa55-w0rd-secret';

describe('hologram emulator --rest', () => {
  const running: RunningCli[] = [];
  afterEach(async () => {
    for (const cli of running.splice(0)) await stopCli(cli);
  });

  function start(...args: string[]): RunningCli {
    const cli = startCli(...args);
    running.push(cli);
    return cli;
  }

  it('activates the SIM of a hologram simulator through hologram activate, printing each request without a secret', async () => {
    const rest = start('emulator', '--rest', '--apikey', API_KEY, '--user', `ops:${PASSWORD}`, '--json');
    const { listening } = JSON.parse(await rest.line(0)) as { listening: { baseURL: string; port: number; sims: string[] } };
    expect(listening.baseURL).toBe(`http://127.0.0.1:${listening.port}`);
    const simulator = start('simulator', '--json');
    const { device, iccid } = JSON.parse(await simulator.line(0)) as { device: string; iccid: string };
    expect(listening.sims).toContain(iccid);

    const activate = await hologram('activate', '--device', device, '--apikey', API_KEY, '--base-url', listening.baseURL, '--plan', '1', '--zone', '1', '--yes', '--wait', '10');
    expect(activate.stderr).toBe('');
    expect(activate.code).toBe(0);
    expect(activate.stdout).toMatch(new RegExp(`SIM #${iccid} is LIVE`));

    // Basic auth and a bad key, straight over HTTP.
    const basic = await fetch(`${listening.baseURL}/plans`, { headers: { authorization: `Basic ${Buffer.from(`ops:${PASSWORD}`).toString('base64')}` } });
    expect(basic.status).toBe(200);
    const refused = await fetch(`${listening.baseURL}/plans?apikey=wrong-key`);
    expect(refused.status).toBe(401);

    const lines = await Promise.all([1, 2, 3, 4, 5, 6].map((index) => rest.line(index)));
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { method: 'GET', path: '/plans', query: { limit: '100' }, auth: 'apikey', body: '', status: 200 },
      { method: 'POST', path: `/links/cellular/sim_${iccid}/claim`, query: { preview: '1' }, auth: 'apikey', contentType: 'application/json', body: expect.any(String), status: 200 },
      { method: 'POST', path: `/links/cellular/sim_${iccid}/claim`, query: {}, auth: 'apikey', contentType: 'application/json', body: expect.any(String), status: 200 },
      { method: 'GET', path: '/links/cellular', query: { limit: '100', sim: iccid }, auth: 'apikey', body: '', status: 200 },
      { method: 'GET', path: '/plans', query: {}, auth: 'basic', body: '', status: 200 },
      { method: 'GET', path: '/plans', query: {}, auth: 'none', body: '', status: 401 },
    ]);
    rest.child.kill('SIGINT');
    expect(await rest.exit).toBe(0);
    expect(rest.stdout()).not.toContain(API_KEY);
    expect(rest.stdout()).not.toContain(PASSWORD);
    expect(rest.stderr()).toBe('');
  });

  it('prints a line per request in text, and says how to point a client at it', async () => {
    const rest = start('emulator', '--rest', '--apikey', API_KEY, '--sim', '89014103211118510720', '--pending-polls', '2');
    const first = await rest.line(0);
    const baseURL = /listening on (http:\/\/127\.0\.0\.1:\d+) \(SIMs 89014103211118510720\); use --base-url \1; Ctrl-C to stop/.exec(first)?.[1];
    expect(baseURL).toBeDefined();
    await fetch(`${baseURL}/plans?x=1`, { headers: { authorization: `Basic ${Buffer.from(`apikey:${API_KEY}`).toString('base64')}` } });
    expect(await rest.line(1)).toBe('GET /plans?x=1 (auth apikey) -> 200');
    rest.child.kill('SIGTERM');
    expect(await rest.exit).toBe(0);
  });

  it('refuses what does not fit with exit 2, and a port in use with exit 1', async () => {
    const cases: [string[], RegExp][] = [
      [['--rest'], /--rest needs --apikey KEY or --user NAME:PASSWORD/],
      [['--rest', '--apikey', API_KEY, '--devicekey', 'abcdefgh'], /--devicekey is for the cloud emulator, not --rest/],
      [['--rest', '--apikey', API_KEY, '--host', '0.0.0.0'], /--host is for the cloud emulator, not --rest/],
      [['--apikey', API_KEY], /--apikey goes with --rest/],
      [['--sim', '89014103211118510720'], /--sim goes with --rest/],
      [['--rest', '--user', 'nopassword'], /--user must be NAME:PASSWORD/],
      [['--rest', '--apikey', API_KEY, '--sim', '1234'], /--sim must be an ICCID of 18 to 22 digits, got "1234"/],
      [['--rest', '--apikey', API_KEY, '--pending-polls', '-1'], /--pending-polls/],
      [['--rest', '--apikey', API_KEY, '--port', '70000'], /--port must be a port number from 0 \(any free port\) to 65535/],
    ];
    for (const [args, message] of cases) {
      const run = await hologram('emulator', ...args);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toContain(API_KEY);
    }
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const busy = await hologram('emulator', '--rest', '--apikey', API_KEY, '--port', String(port));
      expect(busy.code).toBe(1);
      expect(busy.stderr).toMatch(new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port} \\(EADDRINUSE\\): pick another --port`));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
