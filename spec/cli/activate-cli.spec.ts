import { createServer } from 'node:http';
import { RESTEmulator } from '../../lib/testing/rest-emulator';
import { openPtyPair } from '../../lib/testing/pty-pair';
import { ModemSimulator } from '../../lib/testing/modem-simulator';
import { runCli, startCli, type RunningCli } from './cli-harness';

/**
 * `hologram activate` as users run it: the built CLI in a child process against the REST emulator
 * on a real HTTP server, questions answered over stdin. `npm test` builds first; build before
 * running this alone.
 */

const KEY = 'orgkey-Zq8wKx3mP0';
const SIM = '8944500102198304826';

describe('hologram activate', () => {
  let emulator: RESTEmulator;
  let url: string;
  const running: RunningCli[] = [];

  beforeEach(async () => {
    emulator = new RESTEmulator({ apiKeys: [KEY], users: [{ username: 'dev@example.com', password: 'pw-S3cret!' }], sims: [SIM] });
    await emulator.listen();
    url = emulator.baseURL;
  });
  afterEach(async () => {
    for (const cli of running.splice(0)) if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    await emulator.close();
  });

  const start = (...args: string[]): RunningCli => {
    const cli = startCli('activate', '--base-url', url, ...args);
    running.push(cli);
    return cli;
  };
  /** Waits for the question matching `pattern`, then types `answer`. */
  const answer = async (cli: RunningCli, pattern: RegExp, text: string, from = 0): Promise<void> => {
    await cli.stdoutMatching(new RegExp(`[\\s\\S]{${from}}[\\s\\S]*?${pattern.source}`));
    cli.child.stdin.write(`${text}\n`);
  };

  it('asks for the key, plan, zone and confirmation, then orders and waits for LIVE', async () => {
    const cli = start('--sim', SIM);
    await answer(cli, /API key \(leave empty to use your username and password\): /, KEY);
    await answer(cli, /Choose the plan id for this device: /, '20');
    // 20 exists but is not offered; the question comes again.
    await cli.stdoutMatching(/"20" is not one of the plan ids 1, 10/);
    cli.child.stdin.write('1\n');
    await answer(cli, /Choose the zone for this device: /, '2');
    await answer(cli, /Activate SIM #8944500102198304826 on Pay as you go \(plan 1\) zone 2 for \$1\.50 \(y\/N\)\? /, 'y');
    expect(await cli.exit).toBe(0);
    const stdout = cli.stdout();
    expect(stdout).toMatch(/Available plans:\n {2}1 {3}Pay as you go\n {2}10 {2}Developer\n/);
    expect(stdout).not.toMatch(/Legacy/);
    expect(stdout).toMatch(/ {2}2 {2}\$1\.50 a month, \$2\.50 per MB/);
    expect(stdout).toMatch(/Activating SIM\.\.\.[\s\S]*Activation successful: SIM #8944500102198304826 is LIVE\n$/);
    expect(stdout + cli.stderr()).not.toContain(KEY);
    expect(emulator.simState(SIM)).toBe('LIVE');
    expect(emulator.requests.map((request) => `${request.method} ${request.path} ${JSON.stringify(request.query)}`)).toEqual([
      'GET /plans {"limit":"100"}',
      `POST /links/cellular/sim_${SIM}/claim {"preview":"1"}`,
      `POST /links/cellular/sim_${SIM}/claim {}`,
      `GET /links/cellular {"sim":"${SIM}","limit":"100"}`,
    ]);
    // The key travels by HTTP Basic (user apikey), as documented: never in a query.
    expect(emulator.requests.every((request) => request.auth === 'apikey')).toBe(true);
  });

  it('asks for a username and password when no key is given (basic auth)', async () => {
    const cli = start('--sim', SIM, '--plan', '10');
    await answer(cli, /API key \(leave empty/, '');
    await answer(cli, /Hologram username: /, 'dev@example.com');
    await answer(cli, /Hologram password: /, 'pw-S3cret!');
    await answer(cli, /\(y\/N\)\? /, 'yes');
    expect(await cli.exit).toBe(0);
    expect(cli.stdout()).not.toContain('pw-S3cret!');
    expect(emulator.requests.every((request) => request.auth === 'basic')).toBe(true);
  });

  it('runs unattended with --apikey, --sim, --plan, --zone and --yes', async () => {
    const run = await runCli(['activate', '--base-url', url, '--apikey', KEY, '--sim', SIM, '--plan', '1', '--zone', '1', '--yes']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe('Activating SIM... (this may take up to a few minutes)\nActivation successful: SIM #8944500102198304826 is LIVE\n');
  });

  it('takes the key from HOLOGRAM_API_KEY and picks a plan with one zone without asking', async () => {
    const run = await runCli(['activate', '--base-url', url, '--sim', SIM, '--plan', '10', '-y'], { env: { ...process.env, HOLOGRAM_API_KEY: KEY } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Zones of Developer:\n {2}global {2}\$0\.00 a month, \$0\.40 per MB\n/);
    expect(emulator.requests[2]).toMatchObject({ body: '{"plan":10,"zone":"global"}' });
  });

  it('with --preview prints the cost and orders nothing', async () => {
    const run = await runCli(['activate', '--base-url', url, '--apikey', KEY, '--sim', SIM, '--plan', '1', '--zone', '2', '--preview']);
    expect(run).toMatchObject({ code: 0, stdout: 'Preview: activating SIM #8944500102198304826 on Pay as you go (plan 1) zone 2 for $1.50 (nothing ordered)\n' });
    expect(emulator.simState(SIM)).toBeUndefined();
  });

  it('orders nothing and exits 1 when the confirmation is declined', async () => {
    const cli = start('--apikey', KEY, '--sim', SIM, '--plan', '10');
    await answer(cli, /\(y\/N\)\? /, 'n');
    expect(await cli.exit).toBe(1);
    expect(cli.stdout()).toMatch(/Not activated\.\n$/);
    expect(emulator.requests.filter((request) => request.method === 'POST').map((request) => request.query)).toEqual([{ preview: '1' }]);
  });

  it('exits 2 naming the option when stdin ends before an answer', async () => {
    const cli = start('--apikey', KEY, '--sim', SIM);
    await cli.stdoutMatching(/Choose the plan id/);
    cli.child.stdin.end();
    expect(await cli.exit).toBe(2);
    expect(cli.stderr()).toMatch(/no plan chosen: answer with a plan id, or pass --plan \(one of 1, 10\)/);
  });

  it('exits 1 with the status and the API message for a wrong key, never printing it', async () => {
    const run = await runCli(['activate', '--base-url', url, '--apikey', 'wrong-key-42', '--sim', SIM, '--plan', '1', '--yes']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('hologram activate: GET /plans: HTTP 401 (Invalid API key): check the API key (or username and password)\n');
    expect(run.stdout + run.stderr).not.toContain('wrong-key-42');
  });

  it('exits 1 with the reason when the API refuses the claim', async () => {
    const run = await runCli(['activate', '--base-url', url, '--apikey', KEY, '--sim', '8944500102198304827', '--plan', '1', '--zone', '1', '--yes']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/the API refused to price SIM 8944500102198304827: SIM not found/);
  });

  it('exits 1 when the SIM is not LIVE within --wait, saying it was ordered', async () => {
    const slow = new RESTEmulator({ apiKeys: [KEY], sims: [SIM], pendingPolls: 1000 });
    await slow.listen();
    try {
      const run = await runCli(['activate', '--base-url', slow.baseURL, '--apikey', KEY, '--sim', SIM, '--plan', '10', '--yes', '--wait', '1']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/ordered, but SIM #8944500102198304826 is PENDING after 1 s: check its status on the Hologram Dashboard/);
    } finally {
      await slow.close();
    }
  });

  it.each([
    [['--sim', '1234'], /sim must be the SIM's ICCID \(18 to 22 digits\), got "1234"/],
    [['--sim', SIM, '--base-url', 'http://api.example.com/api/1'], /--base-url is plain http to another machine[^\n]*--allow-insecure-http/],
    [['--sim', SIM, '--plan', 'one'], /--plan must be a plan id/],
    [['--sim', SIM, '--plan', '20'], /plan 20 is not offered for activation: choose one of 1, 10/],
    [['--sim', SIM, '--plan', '1', '--zone', '3'], /plan 1 has no zone "3": choose one of 1, 2/],
    [['--sim', SIM, '--wait=-1'], /--wait must be a number of seconds/],
    [['--device', '/dev/missing-modem'], /^hologram activate: the device path \/dev\/missing-modem does not exist: check --device[^\n]*\n$/],
    [['--sim', SIM, '--plan', '1', '--preview', '--yes'], /--preview orders nothing/],
    [['--sim', SIM, '--bogus'], /unknown option --bogus/],
  ])('exits 2 for %j, ordering nothing', async (args, message) => {
    const run = await runCli(['activate', '--base-url', url, '--apikey', KEY, ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(emulator.requests.filter((request) => request.method === 'POST' && !request.query.preview)).toEqual([]);
  });

  it('reads the plans over several pages', async () => {
    const paged = new RESTEmulator({ apiKeys: [KEY], sims: [SIM], maxPageSize: 1 });
    await paged.listen();
    try {
      const cli = startCli('activate', '--base-url', paged.baseURL, '--apikey', KEY, '--sim', SIM);
      running.push(cli);
      await cli.stdoutMatching(/Choose the plan id for this device: /);
      cli.child.stdin.write('10\n');
      await cli.stdoutMatching(/\(y\/N\)\? /);
      cli.child.stdin.write('n\n');
      expect(await cli.exit).toBe(1);
      expect(cli.stdout()).toMatch(/Available plans:\n {2}1 {3}Pay as you go\n {2}10 {2}Developer\n/);
      expect(paged.requests.filter((request) => request.path === '/plans').map((request) => request.query)).toEqual([
        { limit: '100' },
        { limit: '100', startafter: '1' },
        { limit: '100', startafter: '10' },
      ]);
    } finally {
      await paged.close();
    }
  });

  it('activates against a server answering only the documented shapes (a claim with no price), quoting the monthly fee', async () => {
    // The Blueprint's single-claim answer is data: [{ device, link, sim }] with no order_data, and
    // it documents no preview answer: a server may price nothing.
    let claimed = false;
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://x');
      const preview = url.searchParams.has('preview');
      if (request.method === 'POST' && !preview) claimed = true;
      const answers: Record<string, unknown> = {
        '/api/1/plans': { success: true, data: [{ id: 77, name: 'Flat', data: 0, enabled: 1, tiers: { BASE: { devicecount: 0, zones: { global: { amount: '2.000000', overage: '0.100000', sms: '0.190000' } } } } }] },
        [`/api/1/links/cellular/sim_${SIM}/claim`]: { success: true, data: preview ? [] : [{ device: 1, link: 2, sim: SIM }] },
        '/api/1/links/cellular': { success: true, data: [{ id: 2, sim: SIM, state: 'LIVE' }] },
      };
      const answer = answers[url.pathname];
      response.writeHead(answer === undefined ? 404 : 200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer ?? { success: false, error: 'no route' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/1`;
      const cli = startCli('activate', '--base-url', base, '--apikey', KEY, '--sim', SIM, '--plan', '77');
      running.push(cli);
      await cli.stdoutMatching(/Activate SIM #8944500102198304826 on Flat \(plan 77\) zone global for \$2\.00 a month \(y\/N\)\? /);
      cli.child.stdin.write('y\n');
      expect(await cli.exit).toBe(0);
      expect(cli.stdout()).toMatch(/Activation successful: SIM #8944500102198304826 is LIVE\n$/);
      expect(claimed).toBe(true);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('reads the ICCID from the modem (simulator on a real pty)', async () => {
    const pair = await openPtyPair();
    const simulator = new ModemSimulator({ vendor: 'u-blox', model: 'SARA-U201' });
    simulator.attach(pair.stream);
    try {
      const run = await runCli(['activate', '--base-url', url, '--apikey', KEY, '--device', pair.path, '--plan', '10', '--preview']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^SIM: ${SIM} \\(read from the modem on ${pair.path}\\)\\n`));
      expect(run.stdout).toMatch(/Preview: activating SIM #8944500102198304826 on Developer/);
    } finally {
      await simulator.close();
      await pair.close();
    }
  });
});
