import type { Duplex } from 'node:stream';
import {
  asyncScheduler,
  BehaviorSubject,
  catchError,
  combineLatest,
  concatMap,
  defer,
  distinctUntilChanged,
  EMPTY,
  exhaustMap,
  filter,
  firstValueFrom,
  from,
  map,
  merge,
  Observable,
  of,
  ReplaySubject,
  retry,
  scan,
  share,
  startWith,
  Subject,
  switchMap,
  take,
  takeUntil,
  tap,
  timer,
  type SchedulerLike,
  type Subscription,
} from 'rxjs';
import { InvalidArgumentError } from '../errors';
import { logger } from '../logging';
import { splitPrefixedLine } from './at/at-args';
import { AtEngine, type AtCommandOptions, type AtEngineOptions } from './at/at-engine';
import { plainLines, type AtResponse } from './at/at-response';
import type { Urc } from './at/urc';
import type { ModemDriver, UsbId } from './drivers/modem-driver';
import { parseIccid, queryValue } from './drivers/parse-query';
import { detectModemPort, type DetectOptions } from './modem-detect';
import { initializeModem } from './modem-init';
import { ModemResetError } from './modem-reset-error';
import type { ModemEvent, ModemIdentity, ModemState, ModemStatus } from './modem-status';
import { parseCops, parseUdopn, type NetworkOperator } from './operator';
import {
  combineRegistrations,
  parseRegistration,
  sameRegistration,
  type RegistrationFamily,
  type RegistrationStatus,
} from './registration-status';
import { SerialPortConnection } from './serial-port-connection';
import { parseExtendedSignalQuality, parseSignalQuality, type ExtendedSignalQuality, type SignalQuality } from './signal-quality';
import { SmsService, type ReceivedSms } from './sms-service';
import type { SmsStatusReportPdu } from './sms/sms-pdu';
import type { SubmitOptions } from './sms/encode-submit';
import type { StoredSms } from './stored-sms';

const log = logger('modem');

export interface ModemOptions {
  /** Serial speed for `Modem.open` (default 115200; USB modems ignore it). */
  readonly baudRate?: number;
  /** Force a driver; by default it is picked from the USB id (when detected) or `AT+CGMI`/`AT+CGMM`. */
  readonly driver?: ModemDriver;
  /** USB id of the port (set by `Modem.detect`), a hint for the driver choice. */
  readonly usbId?: UsbId;
  /** Clock of every timer (polling, reset, reconnect, AT timeouts). Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /** How often `signal$` polls `AT+CSQ` while subscribed (default 10000 ms). */
  readonly signalIntervalMs?: number;
  /** How often to look for an unplugged port to come back (default 1000 ms). */
  readonly reconnectPollMs?: number;
  /** Pause before a failed re-init (after a replug) is tried again (default 5000 ms). */
  readonly reinitDelayMs?: number;
  /** How long parts of a multipart SMS wait for the rest (default 24 h). */
  readonly smsMaxPartAgeMs?: number;
  /** AT engine options (timeouts, retry of busy errors); its scheduler defaults to `scheduler`. */
  readonly at?: AtEngineOptions;
}

export interface ResetOptions {
  /** Wait before probing the modem again (default 1000 ms). */
  readonly settleMs?: number;
  /** Give up after this long (default 60000 ms). */
  readonly timeoutMs?: number;
}

/** What to do with a registration family's URC lines. */
const REGISTRATION_FAMILIES: readonly RegistrationFamily[] = ['+CREG', '+CGREG', '+CEREG'];

/** Operator response parsers by the driver's operator response prefix. */
const OPERATOR_PARSERS: Readonly<Record<string, (rest: string) => NetworkOperator | undefined>> = {
  '+COPS': parseCops,
  '+UDOPN': parseUdopn,
};

/**
 * A cellular modem on a serial port: init, identity, live status, raw commands, radio and reset,
 * SMS. Built on one `AtEngine` (commands in FIFO order, URCs apart) and, for a device path, a
 * `SerialPortConnection` that reopens the port after an unplug; every (re)opened port is
 * initialized again automatically.
 *
 * Status streams are lazy: `signal$` polls `AT+CSQ` only while someone listens (shared, replays the
 * last reading); `registration$` follows the `+CxREG` URCs plus a read after each init.
 */
export class Modem {
  private readonly scheduler: SchedulerLike;
  private readonly stateSubject = new BehaviorSubject<ModemState>('initializing');
  /** Latest report of each registration family; cleared when the modem re-initializes. */
  private readonly registrations = new Map<RegistrationFamily, RegistrationStatus>();
  private readonly registrationSubject = new BehaviorSubject<RegistrationStatus | undefined>(undefined);
  private readonly signalEventSubject = new Subject<SignalQuality>();
  private readonly closedSubject = new Subject<void>();
  private readonly subscriptions: Subscription[] = [];
  /** The init run in progress, if any. */
  private initRun: Promise<void> | undefined;
  private initSubscription: Subscription | undefined;
  private currentDriver: ModemDriver | undefined;
  private directDeliveryAck = false;
  /** `AT+CGMM` as read by the last init. */
  private modelName: string | undefined;
  /** Between `releasePort()` and `reclaimPort()`: the port belongs to another program. */
  private portReleased = false;
  private manufacturerName: string | undefined;

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
  /** The SMS service (also reachable through the shortcuts below). */
  readonly sms: SmsService;
  /** Every URC the modem prints. */
  readonly urc$: Observable<Urc>;

  private constructor(
    private readonly engine: AtEngine,
    private readonly connection: SerialPortConnection | undefined,
    private readonly options: ModemOptions,
    /** Device path, or a description of the stream. */
    readonly path: string,
  ) {
    this.scheduler = options.scheduler ?? asyncScheduler;
    this.state$ = this.stateSubject.asObservable();
    this.urc$ = engine.urc$;
    const signalIntervalMs = options.signalIntervalMs ?? 10_000;
    if (!(Number.isFinite(signalIntervalMs) && signalIntervalMs > 0)) {
      throw new InvalidArgumentError('signalIntervalMs', `signalIntervalMs must be a positive number, got ${String(signalIntervalMs)}`);
    }
    this.signal$ = timer(0, signalIntervalMs, this.scheduler).pipe(
      exhaustMap(() =>
        this.readSignal().pipe(
          catchError((error: unknown) => {
            log('signal poll failed: %s', error instanceof Error ? error.message : error);
            return EMPTY;
          }),
        ),
      ),
      tap((signal) => this.signalEventSubject.next(signal)),
      takeUntil(this.closedSubject),
      share({ connector: () => new ReplaySubject<SignalQuality>(1), resetOnRefCountZero: true }),
    );
    this.registration$ = this.registrationSubject.pipe(
      filter((r): r is RegistrationStatus => r !== undefined),
      distinctUntilChanged<RegistrationStatus>(sameRegistration),
    );
    this.operator$ = this.registration$.pipe(
      switchMap((registration) =>
        registration.registered
          ? this.readOperator().pipe(
              catchError((error: unknown) => {
                log('operator read failed: %s', error instanceof Error ? error.message : error);
                return of(undefined);
              }),
            )
          : of(undefined),
      ),
      distinctUntilChanged((a, b) => a?.name === b?.name && a?.act === b?.act),
      share({ connector: () => new ReplaySubject<NetworkOperator | undefined>(1), resetOnRefCountZero: true }),
    );
    this.status$ = combineLatest({
      state: this.state$,
      registration: this.registrationSubject.pipe(distinctUntilChanged(sameRegistration)),
      signal: this.signal$.pipe(startWith(undefined)),
      operator: this.operator$.pipe(startWith(undefined)),
    }).pipe(
      map((status) => withoutUndefined(status)),
      // Each poll emits a reading; the combined status only changes when something in it does.
      distinctUntilChanged(
        (a, b) =>
          a.state === b.state &&
          sameRegistration(a.registration, b.registration) &&
          a.signal?.raw === b.signal?.raw &&
          a.signal?.ber === b.signal?.ber &&
          a.operator?.name === b.operator?.name,
      ),
    );
    this.sms = new SmsService(
      {
        command: (command, commandOptions) => this.engine.command(command, commandOptions),
        urc$: engine.urc$,
        ready$: this.state$.pipe(
          distinctUntilChanged(),
          filter((state) => state === 'ready'),
        ),
        ackDirectDelivery: () => this.directDeliveryAck,
      },
      { maxPartAgeMs: options.smsMaxPartAgeMs, scheduler: this.scheduler },
    );
    this.events$ = merge(
      this.state$.pipe(
        scan(
          (acc, state) => ({ previous: acc.state, state }),
          { previous: undefined as ModemState | undefined, state: undefined as ModemState | undefined },
        ),
        concatMap(({ previous, state }): Observable<ModemEvent> => {
          if (state === 'ready' && previous !== 'ready') {
            return of({ name: 'modem.connected', payload: withoutUndefined({ driver: this.driver.name, model: this.modelName, port: this.path }) });
          }
          if (previous === 'ready' && state !== 'ready' && state !== undefined) {
            return of({ name: 'modem.disconnected', payload: { state, reason: state === 'closed' ? 'closed' : 'port lost' } });
          }
          return EMPTY;
        }),
      ),
      this.registration$.pipe(map((r): ModemEvent => ({ name: 'modem.registration', payload: { ...r, status: r.state } }))),
      this.signalEventSubject.pipe(
        map((s): ModemEvent => ({ name: 'modem.signal', payload: { ...s, rssi: s.raw === 99 ? null : s.raw, dbm: s.rssiDbm ?? null } })),
      ),
      this.sms.sms$.pipe(map((payload): ModemEvent => ({ name: 'sms.received', payload }))),
    ).pipe(takeUntil(this.closedSubject));
    this.subscriptions.push(engine.urc$.subscribe((urc) => this.onUrc(urc)));
  }

  /**
   * Opens the modem on `path` (`/dev/ttyUSB2`, `/dev/ttyACM0`...), initializes it and resolves once
   * it is ready. The port is reopened and the modem re-initialized after an unplug. Rejects with
   * `SerialPortOpenError` or `ModemInitError` (the port is then released).
   */
  static async open(path: string, options: ModemOptions = {}): Promise<Modem> {
    const connection = new SerialPortConnection({
      path,
      baudRate: options.baudRate,
      pollIntervalMs: options.reconnectPollMs,
      scheduler: options.scheduler,
    });
    const engine = new AtEngine(undefined, { ...options.at, scheduler: options.at?.scheduler ?? options.scheduler });
    const modem = new Modem(engine, connection, options, path);
    modem.followConnection(connection);
    try {
      await connection.open();
      await modem.initialize();
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
  static async fromStream(stream: Duplex, options: Omit<ModemOptions, 'baudRate' | 'reconnectPollMs'> = {}): Promise<Modem> {
    const engine = new AtEngine(stream, { ...options.at, scheduler: options.at?.scheduler ?? options.scheduler });
    const modem = new Modem(engine, undefined, options, 'stream');
    modem.subscriptions.push(
      engine.state$.pipe(filter((state) => state === 'disconnected')).subscribe(() => modem.stateSubject.next('closed')),
    );
    try {
      await modem.initialize();
    } catch (error) {
      await modem.close();
      throw error;
    }
    return modem;
  }

  /**
   * Finds the modem: serial ports with a known modem USB id, each probed with `AT`; opens the first
   * that answers. Rejects with `ModemDetectError` (no udev: pass the path to `Modem.open`).
   */
  static async detect(options: ModemOptions & DetectOptions = {}): Promise<Modem> {
    const found = await detectModemPort(options);
    return Modem.open(found.path, { ...options, usbId: found.usbId, driver: options.driver ?? found.driver });
  }

  /** The driver in use (known once the first init identified the modem). */
  get driver(): ModemDriver {
    if (!this.currentDriver) throw new InvalidArgumentError('driver', 'the modem is not initialized yet');
    return this.currentDriver;
  }

  get state(): ModemState {
    return this.stateSubject.value;
  }

  /** The latest combined registration, synchronously. */
  get registration(): RegistrationStatus | undefined {
    return this.registrationSubject.value;
  }

  /**
   * The AT engine behind this modem, for layers that speak their own commands on the same port
   * (`PdpContext`, `ModemSocketTransport`): going through it keeps their commands in the modem's
   * one FIFO queue instead of racing it on the wire.
   */
  get atEngine(): AtEngine {
    return this.engine;
  }

  /**
   * Hands the serial port over to another program (pppd, which opens the same device): waits for
   * the command in flight, fails queued ones with `ModemDisconnectedError` (`detached`), then
   * closes the port without dropping DTR (so the modem keeps the data call). Until
   * `reclaimPort()`, commands fail at once and no URC is read. Only for a modem opened on a path:
   * a modem on a stream (`fromStream`) throws `InvalidArgumentError`, since it has no port to give.
   */
  async releasePort(): Promise<void> {
    const connection = this.connection;
    if (connection === undefined) {
      throw new InvalidArgumentError('port', `the modem on ${this.path} has no serial port of its own to release`);
    }
    if (this.portReleased) return;
    this.portReleased = true;
    await this.engine.detach();
    await connection.close();
    log('port %s released', this.path);
  }

  /**
   * Takes the port back after `releasePort()`: reopens it and initializes the modem again (the
   * other program may have left it in any state); resolves once the modem is ready. Rejects with
   * `SerialPortOpenError` or `ModemInitError`; the port then stays released and this may be called
   * again.
   */
  async reclaimPort(): Promise<void> {
    const connection = this.connection;
    if (connection === undefined || !this.portReleased) return;
    // followConnection() attaches the reopened port and starts the re-init.
    await connection.open();
    this.portReleased = false;
    log('port %s reclaimed', this.path);
    await this.initialize();
  }

  /** Whether the port is handed over (between `releasePort()` and `reclaimPort()`). */
  get portIsReleased(): boolean {
    return this.portReleased;
  }

  /** Raw AT access: a cold Observable of the response (see `AtEngine.command`). */
  command(command: string, options: AtCommandOptions = {}): Observable<AtResponse> {
    return this.engine.command(command, options);
  }

  /** Promise form of `command()`. */
  send(command: string, options: AtCommandOptions = {}): Promise<AtResponse> {
    return firstValueFrom(this.engine.command(command, options));
  }

  /** One `AT+CSQ` reading. */
  readSignal(): Observable<SignalQuality> {
    return this.engine.command('AT+CSQ').pipe(
      map((response) => {
        const line = response.lines.map(splitPrefixedLine).find((split) => split?.name === '+CSQ');
        const signal = line && parseSignalQuality(line.rest);
        if (!signal) throw new InvalidArgumentError('response', `unexpected AT+CSQ response: ${response.lines.join(' | ')}`);
        return signal;
      }),
    );
  }

  /** One `AT+CESQ` reading (LTE/UMTS detail); errors on modems without it. */
  readExtendedSignal(): Observable<ExtendedSignalQuality> {
    return this.engine.command('AT+CESQ').pipe(
      map((response) => {
        const line = response.lines.map(splitPrefixedLine).find((split) => split?.name === '+CESQ');
        const signal = line && parseExtendedSignalQuality(line.rest);
        if (!signal) throw new InvalidArgumentError('response', `unexpected AT+CESQ response: ${response.lines.join(' | ')}`);
        return signal;
      }),
    );
  }

  /** Reads the registration families now (`AT+CxREG?`) and updates `registration$`. */
  readRegistration(): Observable<RegistrationStatus | undefined> {
    return defer(() =>
      from(this.driver.registration).pipe(
        concatMap((family) =>
          this.engine.command(`AT${family}?`).pipe(
            tap((response) => {
              for (const line of response.lines) {
                const split = splitPrefixedLine(line);
                const status = split?.name === family ? parseRegistration(family, split.rest, 'read') : undefined;
                if (status) this.updateRegistration(status);
              }
            }),
            catchError((error: unknown) => {
              log('%s? failed: %s', family, error instanceof Error ? error.message : error);
              return EMPTY;
            }),
          ),
        ),
        toLast(() => this.registrationSubject.value),
      ),
    );
  }

  /** Reads the operator now (`+COPS?` or u-blox `+UDOPN=12`); undefined when none is selected. */
  readOperator(): Observable<NetworkOperator | undefined> {
    return defer(() => {
      const query = this.driver.operator;
      const parse = OPERATOR_PARSERS[query.prefix ?? '+COPS'] ?? parseCops;
      return this.engine.command(query.command).pipe(
        map((response) => {
          const line = response.lines.map(splitPrefixedLine).find((split) => split?.name === query.prefix);
          return line ? parse(line.rest) : undefined;
        }),
      );
    });
  }

  /** IMEI (`AT+CGSN`). */
  imei(): Promise<string> {
    return this.readPlain('AT+CGSN');
  }

  /** ICCID of the SIM, without the filler `F` (driver's command: `+CCID`, `+QCCID`, `^ICCID`). */
  async iccid(): Promise<string> {
    const response = await this.send(this.driver.iccid.command);
    const raw = queryValue(response, this.driver.iccid);
    const iccid = parseIccid(raw);
    if (!iccid) throw new InvalidArgumentError('response', `unexpected ${this.driver.iccid.command} response: ${response.lines.join(' | ')}`);
    return iccid;
  }

  /** IMSI (`AT+CIMI`). */
  imsi(): Promise<string> {
    return this.readPlain('AT+CIMI');
  }

  /** `AT+CGMI`, as read by the last init (it runs again after every replug or reset). */
  manufacturer(): Promise<string> {
    return this.manufacturerName !== undefined ? Promise.resolve(this.manufacturerName) : this.readPlain('AT+CGMI');
  }

  /** `AT+CGMM`, as read by the last init. */
  model(): Promise<string> {
    return this.modelName !== undefined ? Promise.resolve(this.modelName) : this.readPlain('AT+CGMM');
  }

  revision(): Promise<string> {
    return this.readPlain('AT+CGMR');
  }

  /** Everything about the modem and SIM; fields the modem cannot answer (no SIM) are left out. */
  async identity(): Promise<ModemIdentity> {
    const settle = <T>(promise: Promise<T>): Promise<T | undefined> =>
      promise.catch((error: unknown) => {
        log('identity read failed: %s', error instanceof Error ? error.message : error);
        return undefined;
      });
    const [manufacturer, model, revision, imei, iccid, imsi] = await Promise.all([
      settle(this.manufacturer()),
      settle(this.model()),
      settle(this.revision()),
      settle(this.imei()),
      settle(this.iccid()),
      settle(this.imsi()),
    ]);
    return withoutUndefined({ manufacturer, model, revision, imei, iccid, imsi });
  }

  /** Radio on (`AT+CFUN=1`): the modem registers again. */
  async radioOn(): Promise<void> {
    await this.send('AT+CFUN=1');
  }

  /** Radio off (`AT+CFUN=0`): deregisters; the modem keeps answering. */
  async radioOff(): Promise<void> {
    await this.send('AT+CFUN=0');
  }

  /**
   * Reboots the modem (the driver's reset command), waits for it to answer again (a USB modem's
   * port disappears and is reopened meanwhile) and re-runs init. Resolves when it is ready.
   */
  async reset(options: ResetOptions = {}): Promise<void> {
    const settleMs = options.settleMs ?? 1000;
    const timeoutMs = options.timeoutMs ?? 60_000;
    await this.send(this.driver.resetCommand);
    log('reset sent (%s); waiting for the modem', this.driver.resetCommand);
    this.setState('initializing');
    this.clearRegistration();
    const deadline = this.scheduler.now() + timeoutMs;
    const probe$ = defer(() => {
      if (this.scheduler.now() > deadline) throw new ModemResetError(this.driver.resetCommand, timeoutMs);
      return this.engine.command('AT', { timeoutMs: 1000, retry: false });
    }).pipe(
      retry({
        delay: (error: unknown) => {
          if (error instanceof ModemResetError) throw error;
          return timer(500, this.scheduler);
        },
      }),
    );
    await firstValueFrom(timer(settleMs, this.scheduler).pipe(concatMap(() => probe$)));
    await this.initialize();
  }

  // SMS shortcuts.

  /** Received SMS (see `SmsService.sms$`). */
  get sms$(): Observable<ReceivedSms> {
    return this.sms.sms$;
  }

  get smsStatusReports$(): Observable<SmsStatusReportPdu> {
    return this.sms.statusReports$;
  }

  /** Sends an SMS; resolves with the message reference of each part. */
  sendSms(destination: string, text: string, options?: Omit<SubmitOptions, 'concatReference'>): Promise<number[]> {
    return this.sms.sendAsync(destination, text, options);
  }

  listSms(): Promise<StoredSms[]> {
    return firstValueFrom(this.sms.list());
  }

  readSms(index: number): Promise<StoredSms | undefined> {
    return firstValueFrom(this.sms.read(index));
  }

  async deleteSms(index: number): Promise<void> {
    await firstValueFrom(this.sms.delete(index), { defaultValue: undefined });
  }

  popSms(): Promise<StoredSms | undefined> {
    return firstValueFrom(this.sms.pop());
  }

  /** Releases the port, the engine and every timer; completes the observables. */
  async close(): Promise<void> {
    if (this.state === 'closed' && this.closedSubject.closed) return;
    this.initSubscription?.unsubscribe();
    this.closedSubject.next();
    this.closedSubject.complete();
    for (const subscription of this.subscriptions.splice(0)) subscription.unsubscribe();
    this.setState('closed');
    this.engine.close();
    await this.connection?.dispose();
    this.stateSubject.complete();
    this.registrationSubject.complete();
    this.signalEventSubject.complete();
  }

  /** Runs the init sequence (joining one in progress); the modem is `ready` when it resolves. */
  private initialize(): Promise<void> {
    if (this.initRun) return this.initRun;
    this.setState('initializing');
    this.clearRegistration();
    const run = new Promise<void>((resolve, reject) => {
      this.initSubscription = initializeModem(this.engine, {
        driver: this.options.driver ?? this.currentDriver,
        hints: { usbId: this.options.usbId },
      })
        .pipe(
          concatMap((result) => {
            this.currentDriver = result.driver;
            this.modelName = result.model;
            this.manufacturerName = result.manufacturer;
            return this.engine.command('AT+CSMS?').pipe(
              map((response) => (this.directDeliveryAck = /^\+CSMS:\s*1\b/i.test(response.lines[0] ?? ''))),
              catchError(() => of(false)),
              concatMap(() => this.readRegistration()),
            );
          }),
        )
        .subscribe({
          error: (error: unknown) => {
            this.initRun = undefined;
            reject(error);
          },
          complete: () => {
            this.initRun = undefined;
            if (this.state !== 'closed') this.setState('ready');
            log('ready (%s)', this.currentDriver?.name);
            resolve();
          },
        });
    });
    this.initRun = run;
    return run;
  }

  /** Attaches each (re)opened port to the engine and initializes it; mirrors the port's state. */
  private followConnection(connection: SerialPortConnection): void {
    let first = true;
    this.subscriptions.push(
      connection.port$.subscribe((port) => {
        if (this.engine.state === 'ready') return;
        this.engine.attach(port);
        if (first) {
          first = false; // the first init is run (and awaited) by open()
          return;
        }
        log('port back: initializing again');
        this.reinitialize();
      }),
      connection.state$.subscribe((state) => {
        if (state === 'reconnecting') {
          this.clearRegistration();
          this.setState('reconnecting');
        }
      }),
    );
  }

  /** Init after a replug; retried while it fails and the port is there. */
  private reinitialize(): void {
    const delayMs = this.options.reinitDelayMs ?? 5000;
    const subscription = defer(() => from(this.initialize()))
      .pipe(
        retry({
          delay: (error: unknown) => {
            log('re-init failed: %s', error instanceof Error ? error.message : error);
            return this.engine.state === 'ready' ? timer(delayMs, this.scheduler) : EMPTY;
          },
        }),
        takeUntil(this.closedSubject),
        take(1),
      )
      .subscribe({ error: () => undefined });
    this.subscriptions.push(subscription);
  }

  private onUrc(urc: Urc): void {
    const family = REGISTRATION_FAMILIES.find((f) => f === urc.name);
    if (!family) return;
    const status = parseRegistration(family, urc.line.slice(urc.line.indexOf(':') + 1), 'urc');
    if (status) this.updateRegistration(status);
  }

  private updateRegistration(status: RegistrationStatus): void {
    this.registrations.set(status.family, status);
    const combined = combineRegistrations(this.registrations.values());
    // Always stored (the family may have changed); the public streams drop repeats.
    if (!this.registrationSubject.closed) this.registrationSubject.next(combined);
  }

  private clearRegistration(): void {
    this.registrations.clear();
  }

  private setState(state: ModemState): void {
    if (this.stateSubject.closed || this.stateSubject.value === state) return;
    if (this.stateSubject.value === 'closed') return;
    this.stateSubject.next(state);
  }

  private async readPlain(command: string): Promise<string> {
    const response = await this.send(command);
    const value = plainLines(response).find((line) => line.trim() !== '') ?? queryValue(response, { command, prefix: commandPrefix(command) });
    if (value === undefined) throw new InvalidArgumentError('response', `unexpected ${command} response: ${response.lines.join(' | ')}`);
    return value.trim();
  }
}

/** `AT+CGSN` → `+CGSN` (some firmware prefixes its answer). */
function commandPrefix(command: string): string {
  return command.replace(/^AT/i, '').replace(/[=?].*$/, '');
}

/** Emits `value()` once the source completes (whatever it emitted). */
function toLast<T, R>(value: () => R) {
  return (source: Observable<T>): Observable<R> =>
    new Observable<R>((subscriber) =>
      source.subscribe({
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          subscriber.next(value());
          subscriber.complete();
        },
      }),
    );
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
