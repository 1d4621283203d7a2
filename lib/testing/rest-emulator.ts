import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { logger } from '../logging';
import { Subject, type Observable } from '../rx';
import { answer, authenticate, type EmulatedPlan, type EmulatedSim, type RestAccount, type RestRequest } from './rest/rest-routes';

const log = logger('rest-emulator');

/** Faults the REST emulator can inject; change them at any time, they apply to the next request. */
export interface RestEmulatorFaults {
  /** Answer every request with this HTTP status (and `{"success": false, "error": ...}`). */
  status: number | undefined;
  /** Wait this long before answering (ms). */
  replyDelayMs: number;
  /** Answer 200 with a body that is not JSON. */
  malformed: boolean;
}

export interface RestEmulatorOptions extends Partial<RestEmulatorFaults> {
  /** Organisation API keys that authenticate. */
  readonly apiKeys?: readonly string[];
  /** Dashboard users that authenticate with basic auth. */
  readonly users?: readonly { readonly username: string; readonly password: string }[];
  /** The plans `GET /plans` lists (default `DEFAULT_EMULATED_PLANS`). */
  readonly plans?: readonly EmulatedPlan[];
  /** ICCIDs of SIMs that exist and may be claimed. */
  readonly sims?: readonly string[];
  /** After a claim, how many state reads answer `PENDING` before `LIVE` (default 0). */
  readonly pendingPolls?: number;
}

/** One request the emulator answered, without its secrets (no API key, no Authorization header). */
export interface RestRequestRecord {
  readonly method: string;
  readonly path: string;
  /** Query parameters other than `apikey`. */
  readonly query: Readonly<Record<string, string>>;
  /** How it authenticated, or `none` when it did not. */
  readonly auth: 'apikey' | 'basic' | 'none';
  readonly body: string;
  readonly status: number;
}

/** Plans like the dashboard's: pay as you go (two zones), a developer plan (one zone), one no longer offered. */
export const DEFAULT_EMULATED_PLANS: readonly EmulatedPlan[] = [
  {
    id: 1,
    name: 'Pay as you go',
    data: 0,
    tiers: { BASE: { zones: { '1': { amount: 1, overage: 0.6 }, '2': { amount: 1.5, overage: 2.5 } } } },
  },
  { id: 10, name: 'Developer', data: 1048576, available: true, tiers: { BASE: { zones: { global: { amount: 0, overage: 0.4 } } } } },
  { id: 20, name: 'Legacy 5 MB', data: 5242880, available: false, tiers: { BASE: { zones: { '1': { amount: 5, overage: 0.5 } } } } },
];

/**
 * An in-process Hologram REST API (`PROTOCOL.md` §4) on a real HTTP server, for tests, examples
 * and `hologram activate --base-url`: it checks the API key or basic auth, lists plans, prices and
 * claims SIMs (`success: false` with the reason for this SIM when it cannot), reports their state
 * (`PENDING` for `pendingPolls` reads, then `LIVE`), and can answer with a forced HTTP status, late
 * or garbled. Every request is recorded, without its secrets, in `requests`.
 */
export class RestEmulator {
  readonly faults: RestEmulatorFaults;
  readonly #account: RestAccount;
  readonly #requests: RestRequestRecord[] = [];
  readonly #requests$ = new Subject<RestRequestRecord>();
  readonly #sockets = new Set<Socket>();
  /** Answers held back by `replyDelayMs`: `close()` ends the wait. */
  readonly #delays = new Map<NodeJS.Timeout, () => void>();
  #server: Server | undefined;
  /** The last `close()`: resolves once its server let go of the port. */
  #closing?: Promise<void>;
  #port = 0;

  constructor(options: RestEmulatorOptions = {}) {
    this.faults = { status: options.status, replyDelayMs: options.replyDelayMs ?? 0, malformed: options.malformed ?? false };
    this.#account = {
      apiKeys: new Set(options.apiKeys ?? []),
      users: new Map((options.users ?? []).map((user) => [user.username, user.password])),
      plans: options.plans ?? DEFAULT_EMULATED_PLANS,
      sims: new Map((options.sims ?? []).map((iccid): [string, EmulatedSim] => [iccid, { pendingPolls: 0 }])),
      pendingPolls: options.pendingPolls ?? 0,
    };
  }

  /** Each request as it is answered (what `requests` records); completes on `close()`. */
  readonly requests$: Observable<RestRequestRecord> = this.#requests$.asObservable();

  /** Every request answered so far, in order. */
  get requests(): readonly RestRequestRecord[] {
    return this.#requests;
  }

  /** The state of a SIM: undefined until it is claimed. */
  simState(iccid: string): string | undefined {
    return this.#account.sims.get(iccid)?.state;
  }

  /** `http://127.0.0.1:PORT` once listening: pass it as `baseURL` (CLI: `--base-url`). */
  get baseURL(): string {
    if (this.#server === undefined) throw new Error('RestEmulator is not listening: call listen() first');
    return `http://127.0.0.1:${this.#port}`;
  }

  /** Starts listening on 127.0.0.1 (`port` 0: any free port) and resolves with the port. */
  async listen(port = 0): Promise<number> {
    const server = createServer((request, response) => void this.#handle(request, response));
    server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.#server = server;
    this.#port = (server.address() as { port: number }).port;
    return this.#port;
  }

  /** Stops listening and ends every open connection; resolves once the port is released (a second call waits too). */
  close(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    this.#requests$.complete();
    if (server === undefined) return this.#closing ?? Promise.resolve();
    for (const socket of this.#sockets) socket.destroy();
    for (const [timer, release] of this.#delays) {
      clearTimeout(timer);
      release();
    }
    this.#delays.clear();
    this.#closing = new Promise<void>((resolve) => server.close(() => resolve()));
    return this.#closing;
  }

  async #handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const url = new URL(incoming.url ?? '/', 'http://emulator');
    const request: RestRequest = {
      method: incoming.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      authorization: incoming.headers.authorization,
      contentType: incoming.headers['content-type'],
      body: Buffer.concat(chunks).toString('utf8'),
    };
    const { status, json } =
      this.faults.status === undefined ? answer(this.#account, request) : { status: this.faults.status, json: { success: false, error: `Emulated HTTP ${this.faults.status}` } };
    const auth = authenticate(this.#account, request);
    const query = Object.fromEntries([...url.searchParams].filter(([name]) => name !== 'apikey'));
    const record: RestRequestRecord = { method: request.method, path: request.path, query, auth: auth.ok ? auth.type : 'none', body: request.body, status };
    this.#requests.push(record);
    this.#requests$.next(record);
    log('%s %s -> %d', request.method, request.path, status);
    if (this.faults.replyDelayMs > 0) await this.#delay(this.faults.replyDelayMs);
    if (response.destroyed) return;
    response.writeHead(status, { 'content-type': this.faults.malformed ? 'text/html' : 'application/json' });
    response.end(this.faults.malformed ? '<html>Bad gateway</html>' : JSON.stringify(json));
  }

  #delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#delays.delete(timer);
        resolve();
      }, ms);
      this.#delays.set(timer, resolve);
    });
  }
}
