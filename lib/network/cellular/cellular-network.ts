import { asyncScheduler, BehaviorSubject, catchError, defer, distinctUntilChanged, EMPTY, filter, firstValueFrom, map, type Observable, switchMap, throwError, throwIfEmpty, timeout, type SchedulerLike, type Subscription } from '../../rx';
import { concat, from, merge, of } from '../../rx-extra';
import type { Transport } from '../../cloud/transport';
import { InvalidArgumentError } from '../../errors';
import { checkBoundedDuration } from '../../validation/duration';
import { logger } from '../../logging';
import type { DetectOptions } from '../../modem/modem-detect';
import { Modem, type ModemOptions } from '../../modem/modem';
import { modemOptionsOf } from '../../modem/modem-options';
import { validateApn } from '../../modem/apn';
import type { BackoffOptions } from '../../operators/backoff-options';
import { checkOptions, checkScheduler, type OptionKeys } from '../../options/check-options';
import { ClosedError } from '../../closed-error';
import { NetworkConnectTimeoutError } from '../network-connect-timeout-error';
import { isConnected } from '../network-state';
import { StatefulNetwork } from '../stateful-network';
import type { PppdSpawner } from '../ppp/pppd-process';
import { cellularEvents, type CellularEvent } from './cellular-events';
import { linkWaiting, type CellularInput, type LinkInput } from './cellular-input';
import { CellularModeError } from './cellular-mode-error';
import { resolveCellularMode, type CellularMode } from './cellular-mode';
import { cellularNetworkState, describeCellularFacts, initialCellularFacts, type CellularFacts } from './cellular-network-state';
import { checkModemSource, resolveCellularSettings, type CellularSettings } from './cellular-settings';
import type { DataLink } from './data-link';
import { keepLinkUp } from './keep-link-up';
import { linkAttempt } from './link-attempt';
import { PPPDataLink } from './ppp-data-link';
import { SocketDataLink } from './socket-data-link';

const log = logger('cellular');

export interface CellularNetworkOptions {
  /** Access point name (default `hologram`). */
  readonly apn?: string;
  /** PDP context id for the data connection, 1..16 in both data modes (default 1). */
  readonly contextId?: number;
  /** `auto` (default): AT sockets when the modem speaks a socket dialect, else PPP. */
  readonly mode?: CellularMode;
  /**
   * How long `connect()` waits by default, and how long one attempt may take to bring the data
   * context or PPP up once the modem is registered (default 120 000 ms: an R410 may take that long).
   */
  readonly connectTimeoutMs?: number;
  /** Waits between attempts after a failure or a drop (defaults: `DEFAULT_BACKOFF`). */
  readonly backoff?: Partial<BackoffOptions>;
  /** Clock of every timer (default `asyncScheduler`). */
  readonly scheduler?: SchedulerLike;
  /** PPP mode: the pppd program (default `pppd` on PATH). */
  readonly pppdPath?: string;
  /** PPP mode: the chat program (default `chat`). */
  readonly chatPath?: string;
  /** PPP mode: the port pppd dials on (default: the modem's own port, handed over while up). */
  readonly pppDevice?: string;
  /** PPP mode: starts pppd (default: a real child process). */
  readonly pppdSpawn?: PppdSpawner;
  /** Start connecting at once (default true); else on `connect()`. */
  readonly autoConnect?: boolean;
  /**
   * Close the modem in `close()`. Default: true for a modem the network opened (from a device
   * path or auto-detection), false for a `Modem` passed in.
   */
  readonly ownsModem?: boolean;
}

export const CELLULAR_NETWORK_OPTION_KEYS: OptionKeys<CellularNetworkOptions> = {
  apn: true,
  contextId: true,
  mode: true,
  connectTimeoutMs: true,
  backoff: true,
  scheduler: true,
  pppdPath: true,
  chatPath: true,
  pppDevice: true,
  pppdSpawn: true,
  autoConnect: true,
  ownsModem: true,
};

const CONNECT_OPTION_KEYS: OptionKeys<CellularConnectOptions> = { apn: true, timeoutMs: true };

/**
 * Where the network's modem comes from: a `Modem` already open, a port to open, or the modem with
 * an IMEI among those detected (none of these: the first modem detected). A modem the network
 * opens again (after it was closed) is looked for the same way.
 */
export type CellularModemSource =
  | Modem
  | { readonly device?: string; readonly imei?: string; readonly modemOptions?: ModemOptions & DetectOptions };

export interface CellularConnectOptions {
  /** Switch to this APN (the link is brought up again if it was up on another one). */
  readonly apn?: string;
  /** How long to wait for the connection (default `connectTimeoutMs`). */
  readonly timeoutMs?: number;
}

/**
 * The cellular network: a modem's data connection, over its AT sockets or PPP (see
 * `CellularMode`), kept up without any help from the application.
 *
 * `state$` is `connecting` while the modem initializes and registers and the data context (or
 * PPP) comes up, `connected` (detail: how, and the address) once registered with the link up,
 * `disconnected` with a reason when registration is lost, the network tears the data context down
 * (`+UUPSDD`, `+QIURC: "pdpdeact"`), pppd exits, or the modem is unplugged. Until `disconnect()`
 * it reconnects by itself with exponential backoff and full jitter, so a delivery pipeline
 * holding messages sends them again as soon as the link is back. `events$` says
 * `cellular.connected` / `cellular.disconnected` once per change of connectivity.
 *
 * In sockets mode `transport` is the modem's `ModemSocketTransport` (one per modem, reused); in
 * PPP mode it is undefined: the host's TCP runs over `ppp0`.
 */
export class CellularNetwork extends StatefulNetwork {
  readonly name = 'cellular' as const;
  /** connect() / disconnect(), with why; the loop runs while true. Private: see `state$`. */
  readonly #wanted: BehaviorSubject<{ wanted: boolean; reason: string }>;
  /** The modem in use, once open. */
  readonly #modemSubject: BehaviorSubject<Modem | undefined>;
  readonly #source: CellularModemSource;
  /** The options, checked, with their defaults; but the APN, which `connect()` may change. */
  readonly #settings: Omit<CellularSettings, 'apn'>;
  #apn: string;
  /** The data link of the current modem; replaced along with the modem. */
  #link: { readonly modem: Modem; readonly link: DataLink } | undefined;
  /** Inputs folded into the state, and the connection loop inside them; released by `close()`. */
  readonly #subscription: Subscription;

  /** `cellular.connected` / `cellular.disconnected`, once per change of connectivity. */
  readonly events$: Observable<CellularEvent>;

  readonly #options: CellularNetworkOptions;

  constructor(source: CellularModemSource, options: CellularNetworkOptions = {}) {
    checkOptions('options', options, CELLULAR_NETWORK_OPTION_KEYS);
    const autoConnect = options.autoConnect ?? true;
    const wanted = { wanted: autoConnect, reason: autoConnect ? 'connecting' : 'not connected yet: call connect()' };
    const initial = initialCellularFacts(wanted.wanted, wanted.reason);
    super({ ...describeCellularFacts(initial), since: (checkScheduler(options.scheduler) ?? asyncScheduler).now() });
    this.#options = options;
    this.#source = checkModemSource(source);
    const { apn, ...settings } = resolveCellularSettings(options, source);
    this.#settings = settings;
    this.#apn = apn;
    this.#wanted = new BehaviorSubject(wanted);
    this.#modemSubject = new BehaviorSubject<Modem | undefined>(source instanceof Modem ? source : undefined);
    this.events$ = this.state$.pipe(cellularEvents());
    this.#subscription = this.#followInputs(initial);
  }

  /**
   * Opens the modem on `device` (auto-detected when absent; `modemOptions.imei` picks the modem with
   * that IMEI among several), then builds the network on it; the
   * network owns that modem (closes it in `close()`). Resolves once the modem is open, not once
   * connected: await `connect()` for that. Rejects with `SerialPortOpenError`, `ModemInitError`,
   * `ModemDetectError`.
   */
  static async open(device?: string, options: CellularNetworkOptions & { readonly modemOptions?: ModemOptions & DetectOptions } = {}): Promise<CellularNetwork> {
    const { modemOptions, ...networkOptions } = options;
    const modemSettings = { scheduler: options.scheduler, ...modemOptions };
    const modem = device === undefined ? await Modem.detect(modemSettings) : await Modem.open(device, modemOptionsOf(modemSettings));
    return new CellularNetwork(modem, { ownsModem: true, ...networkOptions });
  }

  /** The modem in use (undefined until the network opened it). */
  override get modem(): Modem | undefined {
    return this.#modemSubject.value;
  }

  /**
   * The modem in use: the current one at once (undefined until the network opened it), then each
   * one the network opens (again, after the previous one was closed), as soon as it is open,
   * whatever the state does meanwhile. Completes on `close()`.
   */
  override get modem$(): Observable<Modem | undefined> {
    return this.#modemSubject.pipe(distinctUntilChanged());
  }

  /** How data flows now: `sockets` or `ppp`; undefined until the modem is known. */
  get dataMode(): 'sockets' | 'ppp' | undefined {
    return this.#link?.link.mode;
  }

  /** The modem's AT-socket transport in sockets mode; undefined in PPP mode (the kernel's TCP). */
  override get transport(): Transport | undefined {
    return this.#link?.link.transport;
  }

  /**
   * Starts (or keeps) the link up and resolves once connected. After `timeoutMs` it rejects with
   * `NetworkConnectTimeoutError` (naming the last reason) but keeps trying, as it does after any
   * drop, until `disconnect()`. Rejects with `ClosedError` (`network`) after `close()`.
   */
  async connect(options?: CellularConnectOptions): Promise<void> {
    if (this.closed) throw new ClosedError('network', this.name);
    options = checkOptions('options', options, CONNECT_OPTION_KEYS);
    const timeoutMs = options.timeoutMs ?? this.#settings.connectTimeoutMs;
    checkBoundedDuration('timeoutMs', timeoutMs, { positive: true });
    if (options.apn !== undefined && validateApn(options.apn) !== this.#apn) {
      this.#apn = options.apn;
      // Down on the old APN first (an active context would otherwise be reused), then up again.
      if (this.#wanted.value.wanted) this.#wanted.next({ wanted: false, reason: `switching to APN ${options.apn}` });
      await this.#link?.link.down();
    }
    if (!this.#wanted.value.wanted) this.#wanted.next({ wanted: true, reason: 'connect() was called' });
    return firstValueFrom(
      this.state$.pipe(
        filter(isConnected),
        timeout({
          first: timeoutMs,
          scheduler: this.#settings.scheduler,
          with: () => {
            const state = this.state;
            return throwError(() => new NetworkConnectTimeoutError(this.name, timeoutMs, state.kind === 'connected' ? 'connected' : state.reason));
          },
        }),
        throwIfEmpty(() => new ClosedError('network', this.name)),
      ),
    ).then(() => undefined);
  }

  /**
   * Takes the link down and stops reconnecting until `connect()`: deactivates the data context
   * (sockets) or stops our pppd and takes the port back (PPP). Messages wait in the outbox.
   */
  async disconnect(): Promise<void> {
    if (this.closed) throw new ClosedError('network', this.name);
    if (this.#wanted.value.wanted) this.#wanted.next({ wanted: false, reason: 'disconnect() was called' });
    await this.#link?.link.down();
  }

  /**
   * Stops the loop, takes the link down (our pppd stopped, the port taken back), releases what
   * the network created, and closes the modem if the network owns it. Completes `state$`.
   */
  protected override async release(): Promise<void> {
    this.#subscription.unsubscribe();
    const link = this.#link;
    if (link) await link.link.close();
    const modem = this.#modemSubject.value;
    this.#modemSubject.complete();
    this.#wanted.complete();
    if (modem && this.#settings.ownsModem) await modem.close();
  }

  /** Folds what the network learns (wanted, the modem, the loop's attempts) into its state. */
  #followInputs(initial: CellularFacts): Subscription {
    return merge(this.#wantedInputs$(), this.#modemInputs$(), this.#loop$())
      .pipe(cellularNetworkState(initial, this.#settings.scheduler))
      .subscribe({
        next: (state) => {
          if (this.setState(state)) log('%s', state.kind === 'connected' ? `connected: ${state.detail}` : `${state.kind}: ${state.reason}`);
        },
        error: (error: unknown) => log('state failed: %s', error instanceof Error ? error.message : error),
      });
  }

  #wantedInputs$(): Observable<CellularInput> {
    return this.#wanted.pipe(map(({ wanted, reason }): CellularInput => ({ type: 'wanted', wanted, reason })));
  }

  /** The current modem's state and registration, as inputs. */
  #modemInputs$(): Observable<CellularInput> {
    return this.#modemSubject.pipe(
      switchMap((modem) =>
        modem === undefined
          ? of<CellularInput>({ type: 'modem', state: 'absent' })
          : merge(
              modem.state$.pipe(map((state): CellularInput => ({ type: 'modem', state }))),
              modem.registration$.pipe(map((r): CellularInput => ({ type: 'registration', registered: r.registered, state: r.state }))),
            ),
      ),
    );
  }

  /** Runs attempts while wanted, with backoff between them. */
  #loop$(): Observable<LinkInput> {
    const attempt = concat(
      of(linkWaiting),
      defer(() => from(this.#currentModem())).pipe(
        switchMap((modem) => linkAttempt(modem, this.#linkFor(modem), { apn: this.#apn, timeoutMs: this.#settings.connectTimeoutMs, scheduler: this.#settings.scheduler })),
      ),
    );
    return this.#wanted.pipe(
      map(({ wanted }) => wanted),
      distinctUntilChanged(),
      switchMap((wanted) =>
        wanted
          ? keepLinkUp(attempt, {
              backoff: this.#settings.backoff,
              scheduler: this.#settings.scheduler,
              shouldRetry: (error) => !(error instanceof CellularModeError || error instanceof InvalidArgumentError || (error instanceof ClosedError && error.resource === 'modem' && !this.#settings.ownsModem)),
            }).pipe(
              // A failure retrying cannot fix: its reason stays the state (emitted as `down`) until connect().
              catchError((error: unknown) => {
                log('not reconnecting: %s', error instanceof Error ? error.message : error);
                return EMPTY;
              }),
            )
          : EMPTY,
      ),
    );
  }

  /** The modem to use: the one given, or ours (opened, or opened again after it was closed). */
  async #currentModem(): Promise<Modem> {
    const current = this.#modemSubject.value;
    if (current !== undefined && (current.state !== 'closed' || !this.#settings.ownsModem)) return current;
    if (this.#source instanceof Modem) throw new ClosedError('modem', this.#source.path);
    if (current !== undefined) {
      await this.#link?.link.close();
      this.#link = undefined;
    }
    const { device, imei, modemOptions } = this.#source;
    const settings = { scheduler: this.#options.scheduler, ...modemOptions, ...(imei === undefined ? {} : { imei }) };
    log('opening the modem %s', device ?? (imei === undefined ? '(detecting)' : `with IMEI ${imei}`));
    const modem = device === undefined ? await Modem.detect(settings) : await Modem.open(device, modemOptionsOf(settings));
    if (this.closed) {
      await modem.close();
      throw new ClosedError('network', this.name);
    }
    this.#modemSubject.next(modem);
    return modem;
  }

  /** The modem's data link, made once per modem in the mode its driver allows. */
  #linkFor(modem: Modem): DataLink {
    if (this.#link?.modem === modem) return this.#link.link;
    const mode = resolveCellularMode(this.#settings.mode, modem.driver);
    const link: DataLink =
      mode === 'sockets'
        ? new SocketDataLink(modem, { contextId: this.#settings.contextId, scheduler: this.#settings.scheduler })
        : new PPPDataLink(modem, {
            pppDevice: this.#options.pppDevice,
            pppdPath: this.#options.pppdPath,
            chatPath: this.#options.chatPath,
            scheduler: this.#settings.scheduler,
            spawn: this.#options.pppdSpawn,
          });
    log('%s: data over %s', modem.driver.description, mode === 'sockets' ? 'AT sockets' : `PPP on ${(link as PPPDataLink).device}`);
    this.#link = { modem, link };
    return link;
  }
}
