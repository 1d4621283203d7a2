import { catchError, defer, firstValueFrom, map, type Observable, type SchedulerLike, type Subscription, timer } from '../rx';
import { concatMap, of, retry } from '../rx-extra';
import { logger } from '../logging';
import type { AtEngine } from './at/at-engine';
import type { ModemDriver, UsbId } from './drivers/modem-driver';
import { initializeModem } from './modem-init';
import { ModemResetError } from './modem-reset-error';
import type { ModemState } from './modem-status';

const log = logger('modem');

export interface ResetOptions {
  /** Wait before probing the modem again (default 1000 ms). */
  readonly settleMs?: number;
  /** Give up after this long (default 60000 ms). */
  readonly timeoutMs?: number;
}

/** What the initializer needs from its modem. */
export interface ModemInitHost {
  readonly engine: AtEngine;
  readonly scheduler: SchedulerLike;
  /** A driver forced by the caller; else the one found by the last init, else picked by init. */
  readonly forcedDriver?: ModemDriver;
  readonly usbId?: UsbId;
  /** The modem's driver (throws until the first init identified it). */
  readonly driver: () => ModemDriver;
  readonly state: () => ModemState;
  readonly setState: (state: ModemState) => void;
  /** Forgets the registration reports: after an init or reset they no longer hold. */
  readonly clearRegistration: () => void;
  /** Reads the registration now (the last init step: URCs only report changes). */
  readonly readRegistration: () => Observable<unknown>;
}

/**
 * Runs the modem's init sequence (one at a time: a second caller joins the run in progress) and
 * its reset, and keeps what init learnt (driver, model, maker, whether SMS need an ack). Apart
 * from `Modem` because init is run from three places (open, replug, reset) that must share it.
 */
export class ModemInitializer {
  /** The driver found by the last init. */
  driver: ModemDriver | undefined;
  /** `AT+CGMM` as read by the last init. */
  model: string | undefined;
  /** `AT+CGMI` as read by the last init. */
  manufacturer: string | undefined;
  /** `AT+CSMS?` says phase 2+ (`1`): directly delivered SMS must be acknowledged. */
  directDeliveryAck = false;
  /** The init run in progress, if any. */
  private initRun: Promise<void> | undefined;
  private initSubscription: Subscription | undefined;

  constructor(private readonly host: ModemInitHost) {}

  /** Runs the init sequence (joining one in progress); the modem is `ready` when it resolves. */
  run(): Promise<void> {
    if (this.initRun) return this.initRun;
    const { engine } = this.host;
    this.host.setState('initializing');
    this.host.clearRegistration();
    const run = new Promise<void>((resolve, reject) => {
      this.initSubscription = initializeModem(engine, {
        driver: this.host.forcedDriver ?? this.driver,
        hints: { usbId: this.host.usbId },
      })
        .pipe(
          concatMap((result) => {
            this.driver = result.driver;
            this.model = result.model;
            this.manufacturer = result.manufacturer;
            return engine.command('AT+CSMS?').pipe(
              map((response) => (this.directDeliveryAck = /^\+CSMS:\s*1\b/i.test(response.lines[0] ?? ''))),
              catchError(() => of(false)),
              concatMap(() => this.host.readRegistration()),
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
            if (this.host.state() !== 'closed') this.host.setState('ready');
            log('ready (%s)', this.driver?.name);
            resolve();
          },
        });
    });
    this.initRun = run;
    return run;
  }

  /** See `Modem.reset`. */
  async reset(options: ResetOptions = {}): Promise<void> {
    const { engine, scheduler } = this.host;
    const settleMs = options.settleMs ?? 1000;
    const timeoutMs = options.timeoutMs ?? 60_000;
    await firstValueFrom(engine.command(this.host.driver().resetCommand));
    const resetCommand = this.host.driver().resetCommand;
    log('reset sent (%s); waiting for the modem', resetCommand);
    this.host.setState('initializing');
    this.host.clearRegistration();
    const deadline = scheduler.now() + timeoutMs;
    const probe$ = defer(() => {
      if (scheduler.now() > deadline) throw new ModemResetError(this.host.driver().resetCommand, timeoutMs);
      return engine.command('AT', { timeoutMs: 1000, retry: false });
    }).pipe(
      retry({
        delay: (error: unknown) => {
          if (error instanceof ModemResetError) throw error;
          return timer(500, scheduler);
        },
      }),
    );
    await firstValueFrom(timer(settleMs, scheduler).pipe(concatMap(() => probe$)));
    await this.run();
  }

  /** Stops an init run under way (the modem is closing). */
  cancel(): void {
    this.initSubscription?.unsubscribe();
  }
}
