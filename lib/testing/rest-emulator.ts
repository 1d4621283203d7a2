import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { logger } from '../logging';
import { Subject, type Observable } from '../rx';
import { echoRequest, endlessBody, gzipBomb, trickleBody } from './rest/rest-hostile-answers';
import { answer, authenticate, type EmulatedPlan, type EmulatedSIM, type RESTAccount, type RESTRequest } from './rest/rest-routes';

const log = logger('rest-emulator');

/** Link ids start here (devices get the link's id plus 100 000). */
const FIRST_LINK_ID = 1000;
/** Request bodies past this are answered 413 and not kept. */
const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * What a hostile or broken server does instead of answering: `endless-body` streams a 200 body
 * forever as fast as the client reads, `trickle-body` sends one byte every 50 ms forever,
 * `gzip-bomb` sends a small gzip body that decompresses to `gzipBombBytes`, `echo-request`
 * answers 400 with the request's target and `Authorization` header echoed in its error.
 */
export type RESTHostileAnswer = 'endless-body' | 'trickle-body' | 'gzip-bomb' | 'echo-request';

/** Faults the REST emulator can inject; change them at any time, they apply to the next request. */
export interface RESTEmulatorFaults {
  /** Answer with this HTTP status (and `{"success": false, "error": ...}`). */
  status: number | undefined;
  /** With `status`: only this many requests get it, then the emulator answers normally again (undefined: all). */
  statusCount: number | undefined;
  /** With `status`: the `Retry-After` header to send (`"2"`, or an HTTP-date). */
  retryAfter: string | undefined;
  /** Wait this long before answering (ms). */
  replyDelayMs: number;
  /** Answer 200 with a body that is not JSON. */
  malformed: boolean;
  /** Answer as a hostile server would (see `RESTHostileAnswer`). */
  hostile: RESTHostileAnswer | undefined;
  /** Decompressed size of the `gzip-bomb` (default 256 MiB). */
  gzipBombBytes: number;
}

export interface RESTEmulatorOptions extends Partial<RESTEmulatorFaults> {
  /** Organisation API keys that authenticate. */
  readonly apiKeys?: readonly string[];
  /** Dashboard users that authenticate with basic auth. */
  readonly users?: readonly { readonly username: string; readonly password: string }[];
  /** The plans `GET /plans` lists (default `DEFAULT_EMULATED_PLANS`). */
  readonly plans?: readonly EmulatedPlan[];
  /** ICCIDs of SIMs that exist and may be claimed. */
  readonly sims?: readonly string[];
  /** ICCIDs of SIMs already on the account, `LIVE` (`GET /links/cellular` lists them). */
  readonly liveSIMs?: readonly string[];
  /** The most values one page of a list holds, whatever `limit` the client asks for (default: no cap). */
  readonly maxPageSize?: number;
  /** After a claim, how many state reads answer `PENDING` before `LIVE` (default 0). */
  readonly pendingPolls?: number;
}

/** One request the emulator answered, without its secrets (no API key, no Authorization header). */
export interface RESTRequestRecord {
  readonly method: string;
  readonly path: string;
  /** Query parameters other than `apikey`. */
  readonly query: Readonly<Record<string, string>>;
  /**
   * How it authenticated: `apikey` (HTTP Basic, user `apikey`, as documented), `basic` (a
   * dashboard username and password), `apikey-query` (the 2016 `?apikey=`), or `none`.
   */
  readonly auth: 'apikey' | 'basic' | 'apikey-query' | 'none';
  readonly contentType?: string;
  readonly body: string;
  readonly status: number;
}

/** A zone's prices as decimal strings, as the API sends them. */
const zone = (amount: number, overage: number, sms: number) => ({ amount: amount.toFixed(6), overage: overage.toFixed(6), sms: sms.toFixed(6) });

/** Plans like the dashboard's: pay as you go (two zones), a developer plan (zone `global`), one no longer offered. */
export const DEFAULT_EMULATED_PLANS: readonly EmulatedPlan[] = [
  { id: 1, name: 'Pay as you go', data: 0, recurring: 1, enabled: 1, billingperiod: 1, tiers: { BASE: { devicecount: 0, zones: { '1': zone(1, 0.6, 0.19), '2': zone(1.5, 2.5, 0.19) } } } },
  { id: 10, name: 'Developer', data: 1048576, recurring: 1, enabled: 1, billingperiod: 1, developerplan: 1, tiers: { BASE: { devicecount: 0, zones: { global: zone(0, 0.4, 0.19) } } } },
  { id: 20, name: 'Legacy 5 MB', data: 5242880, recurring: 1, enabled: 0, billingperiod: 1, tiers: { BASE: { devicecount: 0, zones: { '1': zone(5, 0.5, 0.19) } } } },
];

/**
 * Whether the emulator serves: `idle` before `listen()`, `listening` on `port`, `closed` (`released`
 * resolves once the port is let go).
 */
type RESTEmulatorPhase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'listening'; readonly server: Server; readonly port: number }
  | { readonly kind: 'closed'; readonly released: Promise<void> };

/**
 * An in-process Hologram REST API (docs/REST-API.md) on a real HTTP server, for tests, examples
 * and `hologram activate --base-url`: it checks HTTP Basic auth (user `apikey` and the key, or a
 * dashboard user; the 2016 `?apikey=` too), lists plans and cellular links a page at a time
 * (`limit`, `startafter`, `continues`, `lastid`, `links`), prices and claims SIMs (`zone`, or the
 * 2016 `tier`; `success: false` with the reason when it cannot), reports their state (`PENDING`
 * for `pendingPolls` reads, then `LIVE`), and can answer with a forced HTTP status (with
 * `Retry-After`), late, garbled or as a hostile server. Every request is recorded, without its
 * secrets, in `requests`.
 */
export class RESTEmulator {
  readonly faults: RESTEmulatorFaults;
  readonly #account: RESTAccount;
  readonly #requests: RESTRequestRecord[] = [];
  readonly #requests$ = new Subject<RESTRequestRecord>();
  readonly #sockets = new Set<Socket>();
  /** Answers held back by `replyDelayMs`: `close()` ends the wait. */
  readonly #delays = new Map<NodeJS.Timeout, () => void>();
  /** Changed by `listen` and `close` only. */
  #phase: RESTEmulatorPhase = { kind: 'idle' };

  constructor(options: RESTEmulatorOptions = {}) {
    this.faults = {
      status: options.status,
      statusCount: options.statusCount,
      retryAfter: options.retryAfter,
      replyDelayMs: options.replyDelayMs ?? 0,
      malformed: options.malformed ?? false,
      hostile: options.hostile,
      gzipBombBytes: options.gzipBombBytes ?? 256 * 1024 * 1024,
    };
    const live = (options.liveSIMs ?? []).map((iccid, index): [string, EmulatedSIM] => [
      iccid,
      { state: 'LIVE', plan: 10, zone: 'global', link: FIRST_LINK_ID + index, device: FIRST_LINK_ID + index + 100_000, pendingPolls: 0 },
    ]);
    this.#account = {
      apiKeys: new Set(options.apiKeys ?? []),
      users: new Map((options.users ?? []).map((user) => [user.username, user.password])),
      plans: options.plans ?? DEFAULT_EMULATED_PLANS,
      sims: new Map([...(options.sims ?? []).map((iccid): [string, EmulatedSIM] => [iccid, { pendingPolls: 0 }]), ...live]),
      pendingPolls: options.pendingPolls ?? 0,
      maxPageSize: options.maxPageSize,
      nextLinkId: FIRST_LINK_ID + live.length,
    };
  }

  /** Each request as it is answered (what `requests` records); completes on `close()`. */
  readonly requests$: Observable<RESTRequestRecord> = this.#requests$.asObservable();

  /** Every request answered so far, in order. */
  get requests(): readonly RESTRequestRecord[] {
    return this.#requests;
  }

  /** The state of a SIM: undefined until it is claimed. */
  simState(iccid: string): string | undefined {
    return this.#account.sims.get(iccid)?.state;
  }

  /** `http://127.0.0.1:PORT` once listening: pass it as `baseURL` (CLI: `--base-url`). */
  get baseURL(): string {
    if (this.#phase.kind !== 'listening') throw new Error('RESTEmulator is not listening: call listen() first');
    return `http://127.0.0.1:${this.#phase.port}`;
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
    const bound = (server.address() as { port: number }).port;
    this.#phase = { kind: 'listening', server, port: bound };
    return bound;
  }

  /** Stops listening and ends every open connection; resolves once the port is released (a second call waits too). */
  close(): Promise<void> {
    const phase = this.#phase;
    this.#requests$.complete();
    if (phase.kind === 'closed') return phase.released;
    if (phase.kind === 'idle') {
      this.#phase = { kind: 'closed', released: Promise.resolve() };
      return this.#phase.released;
    }
    for (const socket of this.#sockets) socket.destroy();
    for (const [timer, release] of this.#delays) {
      clearTimeout(timer);
      release();
    }
    this.#delays.clear();
    const { server } = phase;
    this.#phase = { kind: 'closed', released: new Promise<void>((resolve) => server.close(() => resolve())) };
    return this.#phase.released;
  }

  async #handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of incoming) {
      size += (chunk as Buffer).length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk as Buffer);
    }
    const url = new URL(incoming.url ?? '/', 'http://emulator');
    const request: RESTRequest = {
      method: incoming.method ?? 'GET',
      // The real API lives under /api/1: the emulator answers with and without it.
      path: url.pathname.replace(/^\/api\/1(?=\/)/, ''),
      query: url.searchParams,
      authorization: incoming.headers.authorization,
      contentType: incoming.headers['content-type'],
      body: size > MAX_REQUEST_BYTES ? '' : Buffer.concat(chunks).toString('utf8'),
      host: incoming.headers.host,
    };
    const forced = this.#forcedStatus();
    const { status, json } =
      size > MAX_REQUEST_BYTES
        ? { status: 413, json: { success: false, error: 'Request body too large' } }
        : forced === undefined
          ? answer(this.#account, request)
          : { status: forced, json: { success: false, error: forced === 429 ? 'API rate limit exceeded' : `Emulated HTTP ${forced}` } };
    const auth = authenticate(this.#account, request);
    const query = Object.fromEntries([...url.searchParams].filter(([name]) => name !== 'apikey'));
    const record: RESTRequestRecord = { method: request.method, path: request.path, query, auth: auth.ok ? auth.type : 'none', contentType: request.contentType, body: request.body, status };
    this.#requests.push(record);
    this.#requests$.next(record);
    log('%s %s -> %d', request.method, request.path, status);
    if (this.faults.replyDelayMs > 0) await this.#delay(this.faults.replyDelayMs);
    if (response.destroyed) return;
    switch (this.faults.hostile) {
      case 'endless-body':
        return endlessBody(response);
      case 'trickle-body':
        return trickleBody(response);
      case 'echo-request':
        return echoRequest(response, request.method, incoming.url ?? '/', incoming.headers.authorization);
      case 'gzip-bomb': {
        const bomb = await gzipBomb(this.faults.gzipBombBytes);
        if (response.destroyed) return;
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': bomb.length });
        response.end(bomb);
        return;
      }
      default:
    }
    const headers: Record<string, string> = { 'content-type': this.faults.malformed ? 'text/html' : 'application/json' };
    if (forced !== undefined && this.faults.retryAfter !== undefined) headers['retry-after'] = this.faults.retryAfter;
    response.writeHead(status, headers);
    response.end(this.faults.malformed ? '<html>Bad gateway</html>' : JSON.stringify(json));
  }

  /** The status `faults` force on this request, counting down `statusCount`. */
  #forcedStatus(): number | undefined {
    const { status, statusCount } = this.faults;
    if (status === undefined || statusCount === 0) return undefined;
    if (statusCount !== undefined) this.faults.statusCount = statusCount - 1;
    return status;
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
