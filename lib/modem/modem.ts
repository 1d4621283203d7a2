import { readEnginesWith } from './modem-engine';
import type { Duplex } from 'node:stream';
import { asyncScheduler, BehaviorSubject, catchError, defer, distinctUntilChanged, EMPTY, filter, firstValueFrom, map, Observable, Subject, switchMap, takeUntil, timer, type SchedulerLike, type Subscription } from '../rx';
import { from, retry, tap } from '../rx-extra';
import { logger } from '../logging';
import { InvalidArgumentError } from '../errors';
import { ATEngine, type ATCommandOptions } from './at/at-engine';
import type { ATResponse } from './at/at-response';
import type { URC } from './at/urc';
import type { ModemDriver } from './drivers/modem-driver';
import { detectModemPort, type DetectOptions } from './modem-detect';
import { openEach } from './detect/open-each';
import { scanModems, type ModemScanOptions } from './detect/scan-modems';
import { findModemAgain } from './detect/find-modem-again';
import { modemEvents } from './modem-events';
import { ModemIdentityReader } from './modem-identity-reader';
import { locationSettings, type LocationOptions } from './location/location-options';
import type { ModemLocation } from './location/modem-location';
import { requestLocation } from './location/request-location';
import { awaitModemAfterReset, ModemInitializer, type ResetOptions } from './modem-initializer';
import { initialModemLifecycle, lastSession, modemPhase, modemStateOf, reduceModemLifecycle, type InitCause, type ModemLifecycle, type ModemLifecycleEvent, type ModemPhase } from './modem-lifecycle';
import type { ModemSession } from './modem-session';
import { checkModemOptions, modemOptionsOf, type ModemOpenOptions, type ModemOptions } from './modem-options';
import { ModemPortLifecycle, noPortToRelease } from './modem-port-lifecycle';
import type { ModemEvent, ModemIdentity, ModemState, ModemStatus } from './modem-status';
import { ModemStatusTracker } from './modem-status-tracker';
import type { NetworkOperator } from './operator';
import type { RegistrationStatus } from './registration-status';
import { SerialPortConnection } from './serial-port-connection';
import type { ExtendedSignalQuality, SignalQuality } from './signal-quality';
import { SMSService, type ReceivedSMS } from './sms-service';
import type { SMSStatusReportPDU } from './sms/sms-pdu';
import type { SubmitOptions } from './sms/encode-submit';
import type { StoredSMS } from './stored-sms';
import { ModemNotReadyError } from './modem-not-ready-error';

// Declared beside the parts that use them; exported from here as before.
export type { ModemOpenOptions, ModemOptions } from './modem-options';
export type { ResetOptions } from './modem-initializer';

const log = logger('modem');

/**
 * A cellular modem on a serial port: init, identity, live status, raw commands, radio and reset,
 * SMS. Built on one `ATEngine` (commands in FIFO order, URCs apart) and, for a device path, a
 * `SerialPortConnection` that reopens the port after an unplug (`ModemPortLifecycle` reports the
 * port's losses and returns; each return is initialized again).
 *
 * Its one state (a `ModemLifecycle`) is folded by the pure `reduceModemLifecycle` from what
 * happens: init started, done (with a new `ModemSession`) or failed, port lost, closed. Users read
 * it as `lifecycle`, a `ModemPhase`: without the sessions, which hold the engine.
 * The parts get what they need, not a way back into the modem: the status tracker follows
 * `lifecycle$`, the SMS service each ready session, identity reads one session.
 *
 * Status streams are lazy (`ModemStatusTracker`): `signal$` polls `AT+CSQ` only while someone
 * listens (shared, replays the last reading); `registration$` follows the `+CxREG` URCs plus a
 * read after each init. Identity reads are in `ModemIdentityReader`.
 */
export class Modem {
  readonly #scheduler: SchedulerLike;
  /** The one state, folded from lifecycle events by `reduceModemLifecycle`. */
  readonly #lifecycleSubject = new BehaviorSubject<ModemLifecycle>(initialModemLifecycle);
  readonly #closedSubject = new Subject<void>();
  /** Set by `close()`: resolves once everything is released. */
  #closing?: Promise<void>;
  readonly #subscriptions: Subscription[] = [];
  readonly #status: ModemStatusTracker;
  readonly #port: ModemPortLifecycle | undefined;
  readonly #initializer: ModemInitializer;
  readonly #reinitDelayMs: number;

  /** The modem's state with why it initializes and its last failed init; replays the current one. */
  readonly lifecycle$: Observable<ModemPhase>;
  /** The modem's state; replays the current one. */
  readonly state$: Observable<ModemState>;
  /** Signal quality, polled while subscribed (shared; the last reading replays to new subscribers). */
  readonly signal$: Observable<SignalQuality>;
  /** Registration (combined over the families the modem reports), distinct; replays the latest. */
  readonly registration$: Observable<RegistrationStatus>;
  /** The operator, read after each registration change; undefined while unregistered. */
  readonly operator$: Observable<NetworkOperator | undefined>;
  /** State, registration, signal and operator together (subscribing polls the signal). */
  readonly status$: Observable<ModemStatus>;
  /** `modem.*` and `sms.received` events (subscribing collects SMS: see `sms$`). */
  readonly events$: Observable<ModemEvent>;
  /** `modem.*` events only: subscribing leaves stored SMS in the modem. */
  readonly statusEvents$: Observable<ModemEvent>;
  /** The SMS service behind the SMS methods below. */
  readonly #sms: SMSService;
  /** Every URC the modem prints. */
  readonly urc$: Observable<URC>;

  readonly #engine: ATEngine;
  readonly #connection: SerialPortConnection | undefined;
  readonly #streamName: string;

  private constructor(
    engine: ATEngine,
    connection: SerialPortConnection | undefined,
    options: ModemOptions,
    /** A description of the stream, for a modem without a device path. */
    streamName: string,
  ) {
    this.#engine = engine;
    this.#connection = connection;
    this.#streamName = streamName;
    this.#scheduler = options.scheduler ?? asyncScheduler;
    this.#reinitDelayMs = options.reinitDelayMs ?? 5000;
    const lifecycle$ = this.#lifecycleSubject.asObservable();
    this.lifecycle$ = lifecycle$.pipe(map(modemPhase));
    this.state$ = lifecycle$.pipe(
      map(modemStateOf),
      distinctUntilChanged(),
    );
    this.urc$ = engine.urc$;
    this.#status = new ModemStatusTracker({
      engine,
      lifecycle$,
      closed$: this.#closedSubject,
      scheduler: this.#scheduler,
      signalIntervalMs: options.signalIntervalMs ?? 10_000,
    });
    this.#initializer = new ModemInitializer({
      engine,
      forcedDriver: options.driver,
      usbId: options.usbId,
      lastStep: (session) => this.#status.readRegistration$(session),
    });
    this.signal$ = this.#status.signal$;
    this.registration$ = this.#status.registration$;
    this.operator$ = this.#status.operator$;
    this.status$ = this.#status.status$;
    this.#port = connection && new ModemPortLifecycle(connection, engine);
    this.#sms = new SMSService(
      {
        command$: (command, commandOptions) => engine.command$(command, commandOptions),
        urc$: engine.urc$,
        sessions$: lifecycle$.pipe(
          filter((state): state is Extract<ModemLifecycle, { kind: 'ready' }> => state.kind === 'ready'),
          map((state) => state.session),
          distinctUntilChanged(),
        ),
      },
      { maxPartAgeMs: options.smsMaxPartAgeMs, scheduler: this.#scheduler },
    );
    const eventSources = {
      lifecycle$,
      port: () => this.path,
      registration$: this.registration$,
      signalReadings$: this.#status.signalReadings$,
    };
    this.events$ = modemEvents({ ...eventSources, sms$: this.#sms.sms$ }).pipe(takeUntil(this.#closedSubject));
    this.statusEvents$ = modemEvents({ ...eventSources, sms$: EMPTY }).pipe(takeUntil(this.#closedSubject));
    this.#subscriptions.push(this.#status.follow());
  }

  /**
   * Opens the modem on `path` (`/dev/ttyUSB2`, `/dev/ttyACM0`...), initializes it and resolves once
   * it is ready. The port is reopened and the modem re-initialized after an unplug. Rejects with
   * `SerialPortOpenError` or `ModemInitError` (the port is then released).
   */
  static async open(path: string, given?: ModemOpenOptions): Promise<Modem> {
    const options = checkModemOptions(given);
    // The modem to look for if it comes back elsewhere: the one asked for, else the one found here.
    let imei = options.imei;
    const relocate = options.relocate === false ? undefined : { ...relocateDefaults(options), ...options.relocate };
    const connection = new SerialPortConnection({
      path,
      baudRate: options.baudRate,
      pollIntervalMs: options.reconnectPollMs,
      scheduler: options.scheduler,
      binding: options.binding,
      exists: options.portExists,
      relocate: relocate && (() => findModemAgain(imei, relocate)),
    });
    const engine = new ATEngine(undefined, { ...options.at, scheduler: options.at?.scheduler ?? options.scheduler });
    const modem = new Modem(engine, connection, options, path);
    modem.#followPort();
    try {
      await connection.open();
      await modem.#initialize('open');
      if (relocate) imei ??= await modem.imei().catch(() => undefined);
    } catch (error) {
      await modem.close();
      throw error;
    }
    return modem;
  }

  /**
   * A modem on an already open byte stream (a simulator's duplex pair, a socket). No reconnect:
   * when the stream ends the modem is `closed`.
   */
  static async fromStream(stream: Duplex, given?: Omit<ModemOptions, 'baudRate' | 'reconnectPollMs' | 'binding' | 'portExists'>): Promise<Modem> {
    const options = checkModemOptions(given);
    const engine = new ATEngine(stream, { ...options.at, scheduler: options.at?.scheduler ?? options.scheduler });
    const modem = new Modem(engine, undefined, options, 'stream');
    modem.#subscriptions.push(engine.state$.pipe(filter((state) => state === 'disconnected')).subscribe(() => modem.#dispatch({ type: 'closed' })));
    try {
      await modem.#initialize('open');
    } catch (error) {
      await modem.close();
      throw error;
    }
    return modem;
  }

  /**
   * Finds the modem: serial ports with a known modem USB id (listed, or scanned without udev) and
   * `candidatePaths`, each probed with `AT`; opens the first that answers, or with `imei` the one
   * with that IMEI. Rejects with `ModemDetectError` saying why none was found.
   */
  static async detect(options: ModemOptions & DetectOptions = {}): Promise<Modem> {
    const found = await detectModemPort(options);
    return Modem.open(found.path, { ...modemOptionsOf(options), usbId: found.usbId, driver: options.driver ?? found.driver });
  }

  /**
   * Every usable modem once, opened (the Python SDK's `scan_for_all_usable_modems()`): candidate
   * ports are probed and modems told apart by IMEI, so a modem with several AT ports is opened once,
   * on its first. A modem that fails to open is left out. See `scanModems` to list without opening.
   */
  static async detectAll(options: ModemOptions & ModemScanOptions = {}): Promise<Modem[]> {
    return openEach(await scanModems(options), (found) => Modem.open(found.path, { ...modemOptionsOf(options), usbId: found.usbId }));
  }

  /** The device path now (where the modem was found again after a move), or a description of the stream. */
  get path(): string {
    return this.#connection?.path ?? this.#streamName;
  }

  /** The driver in use (known once the first init identified the modem). */
  get driver(): ModemDriver {
    return this.#session.driver;
  }

  /**
   * What the last init learnt (engine, driver, identity), as handed to the modem's parts; throws
   * `ModemNotReadyError` before the first init identified the modem.
   */
  get #session(): ModemSession {
    const session = lastSession(this.#current);
    if (!session) throw new ModemNotReadyError('its session (engine, driver, identity)');
    return session;
  }

  /** The model (`AT+CGMM`) the last init read, synchronously; undefined before it. */
  get modelName(): string | undefined {
    return lastSession(this.#current)?.identity.model;
  }

  get state(): ModemState {
    return modemStateOf(this.#current);
  }

  /** The current state with why it initializes and its last failed init, synchronously. */
  get lifecycle(): ModemPhase {
    return modemPhase(this.#current);
  }

  /** The one state, with the session of the last init. */
  get #current(): ModemLifecycle {
    return this.#lifecycleSubject.value;
  }

  /** The latest combined registration, synchronously. */
  get registration(): RegistrationStatus | undefined {
    return this.#status.registration;
  }

  /**
   * Hands the serial port over to another program (pppd, which opens the same device): waits for
   * the command in flight, fails queued ones with `ModemDisconnectedError` (`detached`), then
   * closes the port without dropping DTR (so the modem keeps the data call). Until
   * `reclaimPort()`, commands fail at once and no URC is read. Only for a modem opened on a path:
   * a modem on a stream (`fromStream`) throws `InvalidArgumentError`, since it has no port to give.
   */
  async releasePort(): Promise<void> {
    if (!this.#port) throw noPortToRelease(this.path);
    await this.#port.release();
  }

  /**
   * Takes the port back after `releasePort()`: reopens it and initializes the modem again (the
   * other program may have left it in any state); resolves once the modem is ready. Rejects with
   * `SerialPortOpenError` or `ModemInitError`; the port then stays released and this may be called
   * again.
   */
  async reclaimPort(): Promise<void> {
    if (!this.#port?.released) return;
    await this.#port.reclaim();
    await this.#initialize('port-back'); // joins the init the port's return started
  }

  /** Whether the port is handed over (between `releasePort()` and `reclaimPort()`). */
  get portIsReleased(): boolean {
    return this.#port?.released ?? false;
  }

  /** Raw AT access: a cold Observable of the response (see `ATEngine.command$`). */
  command$(command: string, options: ATCommandOptions = {}): Observable<ATResponse> {
    return this.#engine.command$(command, options);
  }

  /** Promise form of `command$()`. */
  command(command: string, options: ATCommandOptions = {}): Promise<ATResponse> {
    return firstValueFrom(this.#engine.command$(command, options));
  }

  /** One `AT+CSQ` reading, cold. */
  readSignal$(): Observable<SignalQuality> {
    return this.#status.readSignal$();
  }

  /** Promise form of `readSignal$()`. */
  readSignal(): Promise<SignalQuality> {
    return firstValueFrom(this.readSignal$());
  }

  /** One `AT+CESQ` reading (LTE/UMTS detail), cold; errors on modems without it. */
  readExtendedSignal$(): Observable<ExtendedSignalQuality> {
    return this.#status.readExtendedSignal$();
  }

  /** Promise form of `readExtendedSignal$()`. */
  readExtendedSignal(): Promise<ExtendedSignalQuality> {
    return firstValueFrom(this.readExtendedSignal$());
  }

  /** Reads the registration families now (`AT+CxREG?`) and updates `registration$`; cold. */
  readRegistration$(): Observable<RegistrationStatus | undefined> {
    return this.#status.readRegistration$();
  }

  /** Promise form of `readRegistration$()`. */
  readRegistration(): Promise<RegistrationStatus | undefined> {
    return firstValueFrom(this.readRegistration$(), { defaultValue: undefined });
  }

  /** Reads the operator now (`+COPS?` or u-blox `+UDOPN=12`), cold; undefined when none is selected. */
  readOperator$(): Observable<NetworkOperator | undefined> {
    return this.#status.readOperator$();
  }

  /** Promise form of `readOperator$()`. */
  readOperator(): Promise<NetworkOperator | undefined> {
    return firstValueFrom(this.readOperator$(), { defaultValue: undefined });
  }

  /** IMEI (`AT+CGSN`). */
  imei(): Promise<string> {
    return this.#identityReader().imei();
  }

  /** ICCID of the SIM, without the filler `F` (driver's command: `+CCID`, `+QCCID`, `^ICCID`). */
  iccid(): Promise<string> {
    return this.#identityReader().iccid();
  }

  /** IMSI (`AT+CIMI`). */
  imsi(): Promise<string> {
    return this.#identityReader().imsi();
  }

  /** `AT+CGMI`, as read by the last init (it runs again after every replug or reset). */
  manufacturer(): Promise<string> {
    return this.#identityReader().manufacturer();
  }

  /** `AT+CGMM`, as read by the last init. */
  model(): Promise<string> {
    return this.#identityReader().model();
  }

  revision(): Promise<string> {
    return this.#identityReader().revision();
  }

  /** Everything about the modem and SIM; fields the modem cannot answer (no SIM) are left out. */
  identity(): Promise<ModemIdentity> {
    return this.#identityReader().identity();
  }

  /**
   * One location fix, cold (each subscription asks the modem): u-blox CellLocate or Quectel GNSS,
   * as the driver says. Errors with `LocationError` (`unsupported`, `no-fix`, `timeout`, `failed`).
   */
  readLocation$(options: LocationOptions = {}): Observable<ModemLocation> {
    locationSettings(options);
    return defer(() => requestLocation(this.#engine, this.driver, { scheduler: this.#scheduler, ...options }));
  }

  /** `readLocation$()` with the default options: cold, one fix per subscription. */
  get location$(): Observable<ModemLocation> {
    return this.readLocation$();
  }

  /** Promise form of `readLocation$()`. */
  readLocation(options: LocationOptions = {}): Promise<ModemLocation> {
    return firstValueFrom(this.readLocation$(options));
  }

  /** Radio on (`AT+CFUN=1`): the modem registers again. */
  async radioOn(): Promise<void> {
    await this.command('AT+CFUN=1');
  }

  /** Radio off (`AT+CFUN=0`): deregisters; the modem keeps answering. */
  async radioOff(): Promise<void> {
    await this.command('AT+CFUN=0');
  }

  /**
   * Reboots the modem (the driver's reset command), waits for it to answer again (a USB modem's
   * port disappears and is reopened meanwhile) and re-runs init. Resolves when it is ready.
   */
  async reset(options: ResetOptions = {}): Promise<void> {
    const { resetCommand } = this.driver;
    await firstValueFrom(this.#engine.command$(resetCommand));
    this.#dispatch({ type: 'init-started', cause: 'reset' });
    await awaitModemAfterReset(this.#engine, resetCommand, this.#scheduler, options);
    await this.#initialize('reset');
  }

  // SMS shortcuts.

  /** Received SMS (see `SMSService.sms$`). */
  get sms$(): Observable<ReceivedSMS> {
    return this.#sms.sms$;
  }

  get smsStatusReports$(): Observable<SMSStatusReportPDU> {
    return this.#sms.statusReports$;
  }

  /** Sends an SMS; emits the message reference of each part, then completes (see `SMSService.send$`). */
  sendSMS$(destination: string, text: string, options?: Omit<SubmitOptions, 'concatReference'>): Observable<number[]> {
    return this.#sms.send$(destination, text, options);
  }

  /** Promise form of `sendSMS$()`. */
  sendSMS(destination: string, text: string, options?: Omit<SubmitOptions, 'concatReference'>): Promise<number[]> {
    return this.#sms.send(destination, text, options);
  }

  /** Every message in the modem's memory, decoded where possible; nothing is deleted. */
  listSMS$(): Observable<StoredSMS[]> {
    return this.#sms.list$();
  }

  /** Promise form of `listSMS$()`. */
  listSMS(): Promise<StoredSMS[]> {
    return this.#sms.list();
  }

  /** The message stored at `index`, or undefined for an empty slot. */
  readSMS$(index: number): Observable<StoredSMS | undefined> {
    return this.#sms.read$(index);
  }

  /** Promise form of `readSMS$()`. */
  readSMS(index: number): Promise<StoredSMS | undefined> {
    return this.#sms.read(index);
  }

  /** Deletes the message stored at `index`. */
  deleteSMS$(index: number): Observable<void> {
    return this.#sms.delete$(index);
  }

  /** Promise form of `deleteSMS$()`. */
  deleteSMS(index: number): Promise<void> {
    return this.#sms.delete(index);
  }

  /** Reads the oldest received message and deletes it; undefined when there is none. */
  popSMS$(): Observable<StoredSMS | undefined> {
    return this.#sms.pop$();
  }

  /** Promise form of `popSMS$()`. */
  popSMS(): Promise<StoredSMS | undefined> {
    return this.#sms.pop();
  }


  /**
   * Releases the port, the engine and every timer and completes the observables; resolves once
   * the port is closed (again for a second call).
   */
  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  async #shutDown(): Promise<void> {
    this.#initializer.cancel();
    this.#closedSubject.next();
    this.#closedSubject.complete();
    for (const subscription of this.#subscriptions.splice(0)) subscription.unsubscribe();
    this.#dispatch({ type: 'closed' });
    await this.#engine.close();
    await this.#connection?.close();
    this.#lifecycleSubject.complete();
    this.#status.complete();
    this.#sms.complete();
  }

  /**
   * Runs the init sequence (joining one in progress) and turns its outcome into the state: the
   * modem is `ready` with the new session when it resolves.
   */
  async #initialize(cause: InitCause): Promise<void> {
    const joining = this.#initializer.inProgress;
    if (!joining) this.#dispatch({ type: 'init-started', cause });
    try {
      const session = await this.#initializer.run(lastSession(this.#current)?.driver);
      if (!joining) this.#dispatch({ type: 'init-done', session });
    } catch (error) {
      if (!joining) this.#dispatch({ type: 'init-failed', error });
      throw error;
    }
  }

  /**
   * Follows the port: a lost port makes the modem `reconnecting`; a port back is initialized
   * again, retried every `reinitDelayMs` while it fails and the port is there.
   */
  #followPort(): void {
    const port = this.#port;
    if (!port) return;
    const reinitialize$ = defer(() => from(this.#initialize('port-back'))).pipe(
      retry({
        delay: (error: unknown) => {
          log('re-init failed: %s', error instanceof Error ? error.message : error);
          return this.#engine.state === 'ready' ? timer(this.#reinitDelayMs, this.#scheduler) : EMPTY;
        },
      }),
      catchError(() => EMPTY),
    );
    this.#subscriptions.push(
      port.events$
        .pipe(
          tap((event) => event === 'lost' && this.#dispatch({ type: 'port-lost' })),
          switchMap((event) => (event === 'back' ? reinitialize$ : EMPTY)),
        )
        .subscribe(),
    );
  }

  #identityReader(): ModemIdentityReader {
    return new ModemIdentityReader(this.#session);
  }

  #dispatch(event: ModemLifecycleEvent): void {
    if (this.#lifecycleSubject.closed) return;
    const next = reduceModemLifecycle(this.#current, event);
    if (next !== this.#current) this.#lifecycleSubject.next(next);
  }

  static {
    readEnginesWith((modem) => modem.#engine);
  }
}

/**
 * Where a modem opened with `options` is looked for when its path does not come back: the usual
 * listing and scan, through the modem's binding; a binding other than the platform's (a test
 * double, a simulator) has ports only it can list, so only its own list is asked.
 */
function relocateDefaults(options: ModemOptions): ModemScanOptions {
  const { binding, baudRate } = options;
  if (!binding) return { baudRate };
  return { baudRate, binding, scan: false, listPorts: async () => (await binding.list()).map((port) => ({ path: port.path, vendorId: port.vendorId, productId: port.productId })) };
}
