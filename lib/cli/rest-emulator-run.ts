import { registerSecret } from '../logging';
import { MODEM_PERSONALITIES } from '../testing/modem-simulator/personality';
import { RESTEmulator, type RESTRequestRecord } from '../testing/rest-emulator';
import type { CliOutput } from './cli-command';
import { parsePositive } from './parse-positive';
import { untilStopped } from './until-stopped';
import { UsageError } from './usage-error';

/** What `hologram emulator --rest` was given. */
export interface RESTEmulatorArguments {
  readonly port: number;
  readonly apikey?: readonly string[];
  readonly user?: readonly string[];
  readonly sim?: readonly string[];
  readonly 'pending-polls'?: string;
  readonly json: boolean;
}

/**
 * The SIMs the emulator knows by default: those of `hologram simulator`'s models, so that
 * `hologram activate --device <simulator>` works against it with nothing else to set up.
 */
const SIMULATED_ICCIDS = [...new Set(MODEM_PERSONALITIES.map((personality) => personality.identity.iccid.replace(/F$/i, '')))];

/** `NAME:PASSWORD`; both parts registered as secrets, so no line printed can show the password. */
function parseUser(text: string): { username: string; password: string } {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) throw new UsageError('emulator', '--user must be NAME:PASSWORD');
  const password = text.slice(colon + 1);
  registerSecret(password);
  return { username: text.slice(0, colon), password };
}

/** One printed line per request: never a key or a password (the records hold neither). */
function describeRequest(request: RESTRequestRecord, json: boolean): string {
  if (json) return JSON.stringify(request);
  const query = new URLSearchParams(request.query as Record<string, string>).toString();
  const body = request.body === '' ? '' : ` ${request.body}`;
  return `${request.method} ${request.path}${query === '' ? '' : `?${query}`}${body} (auth ${request.auth}) -> ${request.status}`;
}

/**
 * `hologram emulator --rest`: the Hologram REST API emulator on 127.0.0.1 until Ctrl-C or SIGTERM,
 * printing each request it answers; `hologram activate --base-url` (or an application's REST
 * client) talks to it instead of the dashboard.
 */
export async function runRESTEmulator(args: RESTEmulatorArguments, output: CliOutput): Promise<number> {
  const apiKeys = args.apikey ?? [];
  for (const key of apiKeys) {
    if (key.trim() === '') throw new UsageError('emulator', '--apikey is empty');
    registerSecret(key);
  }
  const users = (args.user ?? []).map(parseUser);
  if (apiKeys.length === 0 && users.length === 0) {
    throw new UsageError('emulator', '--rest needs --apikey KEY or --user NAME:PASSWORD: the emulator lets in only those');
  }
  for (const iccid of args.sim ?? []) {
    if (!/^\d{18,22}$/.test(iccid)) throw new UsageError('emulator', `--sim must be an ICCID of 18 to 22 digits, got ${JSON.stringify(iccid)}`);
  }
  const sims = args.sim ?? SIMULATED_ICCIDS;
  const pendingPolls = args['pending-polls'] === '0' ? 0 : parsePositive('emulator', 'pending-polls', args['pending-polls'], { integer: true });

  const emulator = new RESTEmulator({ apiKeys, users, sims, ...(pendingPolls === undefined ? {} : { pendingPolls }) });
  let port: number;
  try {
    port = await emulator.listen(args.port);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    output.err(`hologram emulator: cannot listen on 127.0.0.1:${args.port} (${code}): pick another --port`);
    return 1;
  }
  emulator.requests$.subscribe((request) => output.out(describeRequest(request, args.json)));
  output.out(
    args.json
      ? JSON.stringify({ listening: { baseURL: emulator.baseURL, port, sims } })
      : `REST emulator listening on ${emulator.baseURL} (SIMs ${sims.join(', ')}); use --base-url ${emulator.baseURL}; Ctrl-C to stop`,
  );
  await untilStopped().stopped;
  await emulator.close();
  return 0;
}
