import { BehaviorSubject, catchError, defer, distinctUntilChanged, EMPTY, filter, map, Observable, startWith, Subject, takeUntil, timer, switchMap, type SchedulerLike, type Subscription } from '../rx';
import { combineLatest, concatMap, exhaustMap, from, of, ReplaySubject, share, tap } from '../rx-extra';
import { checkBoundedDuration } from '../validation/duration';
import { logger } from '../logging';
import { splitPrefixedLine } from './at/at-args';
import type { ATEngine } from './at/at-engine';
import type { URC } from './at/urc';
import { lastSession, type ModemLifecycle } from './modem-lifecycle';
import type { ModemSession } from './modem-session';
import type { ModemState, ModemStatus } from './modem-status';
import { parseCops, parseUdopn, type NetworkOperator } from './operator';
import {
  combineRegistrations,
  parseRegistration,
  sameRegistration,
  type RegistrationFamily,
  type RegistrationStatus,
} from './registration-status';
import { parseExtendedSignalQuality, parseSignalQuality, type ExtendedSignalQuality, type SignalQuality } from './signal-quality';
import { withoutUndefined } from './without-undefined';
import { UnexpectedModemResponseError } from './unexpected-modem-response-error';
import { ModemNotReadyError } from './modem-not-ready-error';

const log = logger('modem');

/** The registration families whose URC lines update the registration. */
const REGISTRATION_FAMILIES: readonly RegistrationFamily[] = ['+CREG', '+CGREG', '+CEREG'];

/** Operator response parsers by the driver's operator response prefix. */
const OPERATOR_PARSERS: Readonly<Record<string, (rest: string) => NetworkOperator | undefined>> = {
  '+COPS': parseCops,
  '+UDOPN': parseUdopn,
};

/** What the status tracker works from. */
export interface ModemStatusSource {
  readonly engine: ATEngine;
  /**
   * The modem's state (replaying the current one): its session gives the driver's commands, and
   * an init or a lost port makes the registration reports stale.
   */
  readonly lifecycle$: Observable<ModemLifecycle>;
  /** Emits once when the modem closes: ends the polling. */
  readonly closed$: Observable<void>;
  readonly scheduler: SchedulerLike;
  /** How often `signal$` polls `AT+CSQ` while subscribed. */
  readonly signalIntervalMs: number;
}

/**
 * The modem's live status: signal, registration, operator and all of them together. Kept apart
 * from `Modem` because it is its own small state machine: registration is combined from the URCs
 * of every family plus explicit reads, and the signal is polled only while someone listens (one
 * shared poll, whatever the number of subscribers).
 */
export class ModemStatusTracker {
  /** Latest report of each registration family; cleared when the modem re-initializes. */
  readonly #registrations = new Map<RegistrationFamily, RegistrationStatus>();
  readonly #registrationSubject = new BehaviorSubject<RegistrationStatus | undefined>(undefined);
  /** Every polled reading, for `modem.signal` events (`signal$` replays; events must not). */
  readonly #signalReadingSubject = new Subject<SignalQuality>();
  /** The session of the modem's last init (its driver's commands), from `lifecycle$`. */
  #session: ModemSession | undefined;
  readonly #state$: Observable<ModemState>;

  /** Signal quality, polled while subscribed (shared; the last reading replays to new subscribers). */
  readonly signal$: Observable<SignalQuality>;
  /** Each signal reading as it is polled (no replay). */
  readonly signalReadings$: Observable<SignalQuality>;
  /** Registration (combined over the families the modem reports), distinct; replays the latest. */
  readonly registration$: Observable<RegistrationStatus>;
  /** The operator, read after each registration change; undefined while unregistered. */
  readonly operator$: Observable<NetworkOperator | undefined>;
  /** State, registration, signal and operator together (subscribing polls the signal). */
  readonly status$: Observable<ModemStatus>;

  readonly #source: ModemStatusSource;

  constructor(source: ModemStatusSource) {
    this.#source = source;
    const signalIntervalMs = checkBoundedDuration('signalIntervalMs', source.signalIntervalMs, { positive: true });
    this.signalReadings$ = this.#signalReadingSubject.asObservable();
    this.#state$ = source.lifecycle$.pipe(
      map((state) => state.kind),
      distinctUntilChanged(),
    );
    this.signal$ = timer(0, signalIntervalMs, source.scheduler).pipe(
      exhaustMap(() =>
        this.readSignal$().pipe(
          catchError((error: unknown) => {
            log('signal poll failed: %s', error instanceof Error ? error.message : error);
            return EMPTY;
          }),
        ),
      ),
      tap((signal) => this.#signalReadingSubject.next(signal)),
      takeUntil(source.closed$),
      share({ connector: () => new ReplaySubject<SignalQuality>(1), resetOnRefCountZero: true }),
    );
    this.registration$ = this.#registrationSubject.pipe(
      filter((r): r is RegistrationStatus => r !== undefined),
      distinctUntilChanged<RegistrationStatus>(sameRegistration),
    );
    this.operator$ = this.registration$.pipe(
      switchMap((registration) =>
        registration.registered
          ? this.readOperator$().pipe(
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
      state: this.#state$,
      registration: this.#registrationSubject.pipe(distinctUntilChanged(sameRegistration)),
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
  }

  /**
   * Follows the modem: its session, the `+CxREG` URCs, and its inits and port losses (after which
   * the registration reports no longer hold). The modem ends it with its other subscriptions.
   */
  follow(): Subscription {
    const subscription = this.#source.lifecycle$.subscribe((state) => {
      this.#session = lastSession(state);
      if (state.kind === 'initializing' || state.kind === 'reconnecting') this.#registrations.clear();
    });
    subscription.add(this.#source.engine.urc$.subscribe((urc) => this.#onURC(urc)));
    return subscription;
  }

  /** The latest combined registration, synchronously. */
  get registration(): RegistrationStatus | undefined {
    return this.#registrationSubject.value;
  }

  /** One `AT+CSQ` reading. */
  readSignal$(): Observable<SignalQuality> {
    return this.#source.engine.command$('AT+CSQ', { expect: { kind: 'prefixed', prefix: '+CSQ' } }).pipe(
      map((response) => {
        const line = response.lines.map(splitPrefixedLine).find((split) => split?.name === '+CSQ');
        const signal = line && parseSignalQuality(line.rest);
        if (!signal) throw new UnexpectedModemResponseError('AT+CSQ', response.lines);
        return signal;
      }),
    );
  }

  /** One `AT+CESQ` reading (LTE/UMTS detail); errors on modems without it. */
  readExtendedSignal$(): Observable<ExtendedSignalQuality> {
    return this.#source.engine.command$('AT+CESQ', { expect: { kind: 'prefixed', prefix: '+CESQ' } }).pipe(
      map((response) => {
        const line = response.lines.map(splitPrefixedLine).find((split) => split?.name === '+CESQ');
        const signal = line && parseExtendedSignalQuality(line.rest);
        if (!signal) throw new UnexpectedModemResponseError('AT+CESQ', response.lines);
        return signal;
      }),
    );
  }

  /** Reads the registration families now (`AT+CxREG?`) and updates `registration$`; by default with the last session's driver. */
  readRegistration$(session?: ModemSession): Observable<RegistrationStatus | undefined> {
    return defer(() =>
      from(this.#requireSession(session).driver.registration).pipe(
        concatMap((family) =>
          this.#source.engine.command$(`AT${family}?`, { expect: { kind: 'prefixed', prefix: family } }).pipe(
            tap((response) => {
              for (const line of response.lines) {
                const split = splitPrefixedLine(line);
                const status = split?.name === family ? parseRegistration(family, split.rest, 'read') : undefined;
                if (status) this.#updateRegistration(status);
              }
            }),
            catchError((error: unknown) => {
              log('%s? failed: %s', family, error instanceof Error ? error.message : error);
              return EMPTY;
            }),
          ),
        ),
        toLast(() => this.#registrationSubject.value),
      ),
    );
  }

  /** Reads the operator now (`+COPS?` or u-blox `+UDOPN=12`); undefined when none is selected. */
  readOperator$(): Observable<NetworkOperator | undefined> {
    return defer(() => {
      const query = this.#requireSession().driver.operator;
      const parse = OPERATOR_PARSERS[query.prefix ?? '+COPS'] ?? parseCops;
      return this.#source.engine.command$(query.command, query.prefix === undefined ? {} : { expect: { kind: 'prefixed', prefix: query.prefix } }).pipe(
        map((response) => {
          const line = response.lines.map(splitPrefixedLine).find((split) => split?.name === query.prefix);
          return line ? parse(line.rest) : undefined;
        }),
      );
    });
  }

  /** Completes the registration and signal-reading streams (the modem is closed). */
  complete(): void {
    this.#registrationSubject.complete();
    this.#signalReadingSubject.complete();
  }

  #requireSession(session?: ModemSession): ModemSession {
    const known = session ?? this.#session;
    if (!known) throw new ModemNotReadyError('its driver');
    return known;
  }

  #onURC(urc: URC): void {
    const family = REGISTRATION_FAMILIES.find((f) => f === urc.name);
    if (!family) return;
    const status = parseRegistration(family, urc.line.slice(urc.line.indexOf(':') + 1), 'urc');
    if (status) this.#updateRegistration(status);
  }

  #updateRegistration(status: RegistrationStatus): void {
    this.#registrations.set(status.family, status);
    const combined = combineRegistrations(this.#registrations.values());
    // Always stored (the family may have changed); the public streams drop repeats.
    if (!this.#registrationSubject.closed) this.#registrationSubject.next(combined);
  }
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
