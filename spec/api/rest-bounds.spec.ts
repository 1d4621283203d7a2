import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { HologramAPI } from '../../lib/api';
import { HologramError } from '../../lib/errors';
import { RESTEmulator } from '../../lib/testing';
import { failure } from './api-failure';

/**
 * The REST client against hostile servers, over real HTTP: an endless body from a server in its
 * own process, a trickling one, a gzip bomb, a body larger than announced limits, an echo of the
 * request's credentials, a redirect, a reset. Each call ends within its time, in bounded memory,
 * with a typed error that never carries the key. The memory and time figures come from a client
 * in its own process, so nothing else this test runner holds is counted.
 */

const KEY = 'orgkey-Bounds9xQ2';
const REGISTER_TS = join(__dirname, '..', 'outbox', 'fixtures', 'register-ts.js');
const MB = 1024 * 1024;
/**
 * What a call cut at the default 1 MiB limit may add to the client's peak memory: the issue's
 * ceiling is 100 MB, the client needs a few MB; this margin still fails when a limit check is lost
 * (the bomb alone inflates to 256 MiB, the endless body to hundreds of MB in 3 s).
 */
const CUT_AT_1_MIB_BYTES = 32 * MB;

interface ChildOutcome {
  readonly ok: boolean;
  readonly isAPIError?: boolean;
  readonly kind?: string;
  readonly message?: string;
  readonly stack?: string;
  readonly apiMessage?: string;
  readonly elapsedMs: number;
  readonly peakGrowthBytes: number;
  readonly stderr: string;
  readonly stdout: string;
}

/** Runs one call in a child process (`rest-client-child.ts`) and reads what it printed. */
function runClient(baseURL: string, call: 'plans' | 'activate', timeoutMs: number, env: NodeJS.ProcessEnv = {}, maxBodyBytes?: number): Promise<ChildOutcome> {
  return new Promise((resolve, reject) => {
    const args = ['-r', REGISTER_TS, join(__dirname, 'fixtures', 'rest-client-child.ts'), baseURL, KEY, call, String(timeoutMs), ...(maxBodyBytes === undefined ? [] : [String(maxBodyBytes)])];
    // Every fault case runs with the SDK's and Node's HTTP debug output on: none may show the key.
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DEBUG: 'hologram:*', NODE_DEBUG: 'http,https,net,tls,fetch,undici', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      let outcome: ChildOutcome;
      try {
        outcome = { ...(JSON.parse(last) as Omit<ChildOutcome, 'stderr' | 'stdout'>), stderr, stdout };
      } catch {
        reject(new Error(`the client child exited with ${code} without a result: ${stdout} ${stderr.slice(-2000)}`));
        return;
      }
      try {
        expectNoKey(stdout + stderr);
        resolve(outcome);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

/** The forms of the key a server or a debug line could show. */
const keyForms = [KEY, Buffer.from(`apikey:${KEY}`).toString('base64'), encodeURIComponent(KEY)];

function expectNoKey(text: string): void {
  for (const form of keyForms) expect(text).not.toContain(form);
}

async function listening(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

describe('REST client bounds against hostile servers', () => {
  let emulator: RESTEmulator;
  const servers: Server[] = [];

  beforeEach(async () => {
    emulator = new RESTEmulator({ apiKeys: [KEY], sims: ['8944500102198304826'] });
    await emulator.listen();
  });
  afterEach(async () => {
    await emulator.close();
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('an endless body (a server in another process) fails by timeoutMs + 0.5 s with memory under 100 MB', async () => {
    const server = spawn(process.execPath, [join(__dirname, 'fixtures', 'endless-server.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const port = await new Promise<string>((resolve) => server.stdout.once('data', (chunk) => resolve(String(chunk).trim())));
      const outcome = await runClient(`http://127.0.0.1:${port}`, 'plans', 3000);
      expect(outcome).toMatchObject({ ok: false, isAPIError: true, kind: 'too-large' });
      expect(outcome.message).toMatch(/^GET \/plans: the answer's body is larger than 1048576 bytes as sent: cut there/);
      expect(outcome.elapsedMs).toBeLessThan(3500);
      expect(outcome.peakGrowthBytes).toBeLessThan(CUT_AT_1_MIB_BYTES);
      // With a limit the stream cannot reach in time, the deadline stops it: still bounded.
      const limited = await runClient(`http://127.0.0.1:${port}`, 'plans', 1000, {}, 40 * MB);
      expect(limited.kind === 'timeout' || limited.kind === 'too-large').toBe(true);
      expect(limited.elapsedMs).toBeLessThan(1500);
      expect(limited.peakGrowthBytes).toBeLessThan(100 * MB);
    } finally {
      server.kill('SIGKILL');
    }
  });

  it('a body that trickles forever fails at timeoutMs, the body included', async () => {
    emulator.faults.hostile = 'trickle-body';
    const outcome = await runClient(emulator.baseURL, 'plans', 3000);
    expect(outcome).toMatchObject({ ok: false, kind: 'timeout', message: 'GET /plans: no whole answer within 3000 ms' });
    expect(outcome.elapsedMs).toBeGreaterThanOrEqual(2990);
    expect(outcome.elapsedMs).toBeLessThan(3500);
  });

  it('a gzip bomb is cut once its decompressed size passes the limit, in bounded memory', async () => {
    emulator.faults.hostile = 'gzip-bomb';
    const outcome = await runClient(emulator.baseURL, 'plans', 10_000);
    expect(outcome).toMatchObject({ ok: false, kind: 'too-large' });
    expect(outcome.message).toMatch(/larger than 1048576 bytes once decompressed/);
    expect(outcome.peakGrowthBytes).toBeLessThan(CUT_AT_1_MIB_BYTES);
  });

  it('echoed credentials reach no error, stack, apiMessage or debug line (DEBUG=hologram:*, NODE_DEBUG)', async () => {
    emulator.faults.hostile = 'echo-request';
    const outcome = await runClient(emulator.baseURL, 'activate', 5000, { DEBUG: 'hologram:*', NODE_DEBUG: 'http,https,net,tls,stream,fetch,undici' });
    expect(outcome).toMatchObject({ ok: false, kind: 'status' });
    expect(outcome.apiMessage).toMatch(/^Bad request: POST \/links\/cellular\/sim_8944500102198304826\/claim \(Authorization: \*+\)$/);
    expect(outcome.stderr).toMatch(/hologram:api POST \/links\/cellular\/sim_8944500102198304826\/claim answered HTTP 400/);
    expect(outcome.stderr).toMatch(/^HTTP \d+:/m);
    expectNoKey(outcome.stdout + outcome.stderr);
  });

  it('an announced Content-Length over the limit is refused before the body, and the limit is settable', async () => {
    const server = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(50 * MB) });
      response.write('{');
    });
    servers.push(server);
    const base = await listening(server);
    const started = Date.now();
    const error = await failure(new HologramAPI({ apiKey: KEY }, { baseURL: base, timeoutMs: 5000 }).getPlans());
    expect(error).toMatchObject({ kind: 'too-large', details: { limitBytes: MB } });
    expect(error.message).toMatch(/it announced 52428800/);
    expect(Date.now() - started).toBeLessThan(1000);
    const small = await failure(new HologramAPI({ apiKey: KEY }, { baseURL: emulator.baseURL, maxBodyBytes: 200 }).getPlans());
    expect(small).toMatchObject({ kind: 'too-large', details: { limitBytes: 200 } });
    expect(await new HologramAPI({ apiKey: KEY }, { baseURL: emulator.baseURL, maxBodyBytes: 64 * 1024 }).getPlans()).toHaveLength(3);
  });

  it('never follows a redirect (the credentials stay with the API)', async () => {
    let elsewhere = 0;
    const other = createServer((request, response) => {
      elsewhere += 1;
      response.end('{}');
    });
    servers.push(other);
    const target = await listening(other);
    const redirecting = createServer((request, response) => {
      response.writeHead(302, { location: `${target}/plans` });
      response.end();
    });
    servers.push(redirecting);
    const error = await failure(new HologramAPI({ apiKey: KEY }, { baseURL: await listening(redirecting) }).getPlans());
    expect(error).toMatchObject({ kind: 'status', status: 302 });
    expect(elsewhere).toBe(0);
  });

  it('a connection reset in the middle of the body is a network error', async () => {
    const server = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      response.write('{"success":true,', () => response.socket?.destroy());
    });
    servers.push(server);
    const error = await failure(new HologramAPI({ apiKey: KEY }, { baseURL: await listening(server) }).getPlans());
    expect(error.kind).toBe('network');
    expect(error).toBeInstanceOf(HologramError);
  });

  it('an undecodable or unknown encoding is malformed', async () => {
    const server = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': request.url?.startsWith('/plans') ? 'gzip' : 'zstd' });
      response.end('not gzip at all');
    });
    servers.push(server);
    const api = new HologramAPI({ apiKey: KEY }, { baseURL: await listening(server) });
    expect((await failure(api.getPlans())).message).toMatch(/the answer's gzip body cannot be decoded/);
    expect((await failure(api.getCellularLinks())).message).toMatch(/an encoding the client does not read \("zstd"\)/);
  });
});
