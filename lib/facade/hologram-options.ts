import type { SubmitOptions } from '../delivery/delivery-pipeline';
import type { SchedulerLike } from '../rx';
import { InvalidArgumentError } from '../errors';
import { checkTimeout } from '../validation/duration';
import { Credentials } from '../cloud/credentials';
import type { MessageModeName } from '../cloud/message-mode';
import type { Transport } from '../cloud/transport';
import { resolveBackoffOptions, type BackoffOptions } from '../operators/backoff-options';
import { checkMethods, checkOptions, checkScheduler, type OptionKeys } from '../options/check-options';
import type { Network, NetworkName } from '../network/network';
import type { CreateNetworkOptions } from '../network/create-network';
import { describeValue } from '../options/describe-value';
import { checkOutboxOptions, type OutboxOptions } from '../outbox/create-outbox-store';

export interface HologramOptions {
  /** `hologram_cloud` (default) or `tcp-other`. */
  readonly messageMode?: MessageModeName;
  /**
   * The link whose state decides when messages flow: a `Network`, or a name for `createNetwork`
   * (`''` always connected, the default; `'manual'`; `'ethernet'` / `'wifi'` with `interfaceName`;
   * `'cellular'` once registered). A network built from a name is closed by `close()`; one passed
   * in belongs to the caller.
   */
  readonly network?: Network | NetworkName;
  /** For `network: 'ethernet' | 'wifi'`: the interface to watch (e.g. `eth0`, `wlan0`). */
  readonly interfaceName?: string;
  /** For `network: 'cellular'`: the modem's AT port (e.g. `/dev/ttyUSB2`); default: auto-detect. */
  readonly device?: string;
  /** For `network: 'cellular'`: the modem with this IMEI, among several (instead of `device`). */
  readonly imei?: string;
  /** For `network: 'cellular'`: the access point name (default `hologram`). */
  readonly apn?: string;
  /**
   * Where messages wait until the cloud confirms them: in memory by default; with `path`, a SQLite
   * file (loaded only then) that survives restarts and power cuts. Limits default to 100,000
   * messages / 64 MiB with overflow `drop-oldest`.
   */
  readonly outbox?: OutboxOptions;
  /** Sends under way at once (default 1, which keeps messages in order). */
  readonly concurrency?: number;
  /** Waits between failed sends (default 1 s first ceiling, at most 5 min, full jitter). */
  readonly backoff?: Partial<BackoffOptions>;
  /**
   * Sends of one message before it fails undelivered (`MessageAttemptsExhaustedError`). Default
   * `Infinity`: retry until delivered. Set it only for one-shot scripts that must end.
   */
  readonly maxAttempts?: number;
  /** Clock and timers of the delivery, backoff and periodic messages (default `asyncScheduler`). */
  readonly scheduler?: SchedulerLike;
  /** Defaults to `cloudsocket.hologram.io` in `hologram_cloud`; required in `tcp-other`. */
  readonly sendHost?: string;
  /** Defaults to 9999 in `hologram_cloud`; required in `tcp-other`. */
  readonly sendPort?: number | string;
  /** Default 5000 ms. */
  readonly connectTimeoutMs?: number;
  /** Default 5000 ms. */
  readonly replyTimeoutMs?: number;
  /**
   * `tcp-other`: a reply is whole once the server, having answered, is silent this long
   * (default 250 ms), so a server that keeps the connection open costs no reply timeout.
   */
  readonly replyIdleMs?: number;
  /** Carries messages when the network brings no transport of its own. Default: `TcpTransport`. */
  readonly transport?: Transport;
}

const HOLOGRAM_OPTION_KEYS: OptionKeys<HologramOptions> = {
  messageMode: true,
  network: true,
  interfaceName: true,
  device: true,
  imei: true,
  apn: true,
  outbox: true,
  concurrency: true,
  backoff: true,
  maxAttempts: true,
  scheduler: true,
  sendHost: true,
  sendPort: true,
  connectTimeoutMs: true,
  replyTimeoutMs: true,
  replyIdleMs: true,
  transport: true,
};

/**
 * Checks the shape of the facade's options before anything is opened: an object of known keys
 * (`sendhost` is refused with "did you mean sendHost?", never ignored: ignored, it sends to the
 * real cloud), nested `outbox` and `backoff` objects of known keys, and the values that are
 * objects. Each value is checked where it is used; returns the options (`{}` for none).
 */
export function checkHologramOptions(options: HologramOptions | undefined): HologramOptions {
  const checked = checkOptions('options', options, HOLOGRAM_OPTION_KEYS);
  checkOutboxOptions(checked.outbox);
  if (checked.backoff !== undefined) resolveBackoffOptions(checked.backoff);
  if (typeof checked.network !== 'string') checkNetwork(checked.network);
  checkScheduler(checked.scheduler);
  checkMethods('transport', checked.transport, ['exchange$'], 'a Transport (exchange$)');
  return checked;
}

const NETWORK = "a Network or a network name such as 'cellular'";

/**
 * A `network` given as an object: the methods and streams the facade reads, so a network written
 * for an older `Network` (without `modem$`) is named here rather than failing later as a TypeError.
 */
function checkNetwork(network: unknown): void {
  checkMethods('network', network, ['connect', 'disconnect', 'close'], NETWORK);
  if (network === undefined) return;
  const isStream = (name: string): boolean => typeof (Reflect.get(network as object, name) as { subscribe?: unknown } | undefined)?.subscribe === 'function';
  const missing = ['state$', 'connected$', 'modem$'].filter((name) => !isStream(name));
  if (missing.length > 0) {
    throw new InvalidArgumentError(
      'network',
      `network must be ${NETWORK}: it has no ${missing.join(', ')} (a StatefulNetwork has every one), got ${describeValue(network)}`,
    );
  }
}

// The port rule lives in validation/; re-exported here for the facade's existing importers.
export { parsePort } from '../validation/port';

/** Options of one `sendMessage` / `sendMessage$` call. */
export interface SendMessageOptions {
  /**
   * Stop waiting after this many milliseconds (at most 2^31−1): the call fails with
   * `MessageTimeoutError` and the message stays in the outbox, still to be sent. Default: wait
   * until it is delivered, however long the network is down.
   */
  readonly timeoutMs?: number;
}

const SEND_MESSAGE_OPTION_KEYS: OptionKeys<SendMessageOptions> = { timeoutMs: true };

/**
 * `sendMessage`'s options as the outbox takes them, checked: an object of known keys (`{ timeout }`
 * is refused with "did you mean timeoutMs?", not ignored) and a positive timer-sized duration.
 * None given (the common case): nothing to check or build.
 */
export function submitOptions(options: SendMessageOptions | undefined): SubmitOptions | undefined {
  if (options === undefined) return undefined;
  const timeoutMs = checkTimeout('timeoutMs', checkOptions('options', options, SEND_MESSAGE_OPTION_KEYS).timeoutMs);
  return timeoutMs === undefined ? undefined : { timeoutMs };
}

/** Checks credentials given from JavaScript (no type checker): a `Credentials` object. */
export function checkCredentials(credentials: unknown): Credentials {
  if (!(credentials instanceof Credentials)) {
    throw new InvalidArgumentError('credentials', 'credentials must be a Credentials object: new Credentials(cloudId, cloudKey)');
  }
  return credentials;
}

/** Whether the facade builds its network from a name (and so closes it), rather than being given one. */
export function ownsNetwork(options: HologramOptions): boolean {
  return typeof options.network !== 'object' || options.network === null;
}

/** The options `createNetwork` gets from the facade's: only the ones the caller set. */
export function networkOptions(options: HologramOptions, scheduler: SchedulerLike): CreateNetworkOptions {
  return {
    scheduler,
    interfaceName: options.interfaceName,
    ...(options.device === undefined ? {} : { device: options.device }),
    ...(options.imei === undefined ? {} : { imei: options.imei }),
    ...(options.apn === undefined ? {} : { apn: options.apn }),
  };
}
