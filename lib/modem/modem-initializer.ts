import { catchError, defer, firstValueFrom, map, type Observable, type SchedulerLike, type Subscription, timer } from '../rx';
import { concatMap, of, retry } from '../rx-extra';
import { logger } from '../logging';
import type { ATEngine } from './at/at-engine';
import type { ModemDriver, USBId } from './drivers/modem-driver';
import { initializeModem } from './modem-init';
import { ModemResetError } from './modem-reset-error';
import type { ModemSession } from './modem-session';

const log = logger('modem');

export interface ResetOptions {
  /** Wait before probing the modem again (default 1000 ms). */
  readonly settleMs?: number;
  /** Give up after this long (default 60000 ms). */
  readonly timeoutMs?: number;
}

export interface ModemInitializerOptions {
  readonly engine: ATEngine;
  /** A driver forced by the caller; else the one the last init found, else picked by init. */
  readonly forcedDriver?: ModemDriver;
  readonly usbId?: USBId;
  /**
   * The last step, given the new session before it is handed out: reads the registration (URCs
   * only report changes, so the state at init must be read).
   */
  readonly lastStep?: (session: ModemSession) => Observable<unknown>;
}

/**
 * Runs the modem's init sequence and makes a `ModemSession` of what it learnt (driver, maker,
 * model, whether SMS need an ack). One run at a time: a second caller joins the run in progress,
 * because init is asked for from three places (open, port back, reset) that must share it. Knows
 * nothing of the modem around it: the caller turns the outcome into the modem's state.
 */
export class ModemInitializer {
  /** The run in progress, if any. */
  #running: { readonly session: Promise<ModemSession>; readonly subscription: Subscription } | undefined;

  readonly #options: ModemInitializerOptions;

  constructor(options: ModemInitializerOptions) {
    this.#options = options;
  }

  /** Whether a run is in progress (a `run()` now joins it). */
  get inProgress(): boolean {
    return this.#running !== undefined;
  }

  /** Runs the init sequence (or joins the one in progress); `known` is the last session's driver. */
  run(known?: ModemDriver): Promise<ModemSession> {
    if (this.#running) return this.#running.session;
    const { engine, lastStep } = this.#options;
    let subscription: Subscription | undefined;
    const session = new Promise<ModemSession>((resolve, reject) => {
      subscription = initializeModem(engine, { driver: this.#options.forcedDriver ?? known, hints: { usbId: this.#options.usbId } })
        .pipe(
          concatMap((result) =>
            engine.command$('AT+CSMS?', { expect: { kind: 'prefixed', prefix: '+CSMS' } }).pipe(
              map((response) => /^\+CSMS:\s*1\b/i.test(response.lines[0] ?? '')),
              catchError(() => of(false)),
              map((directDeliveryAck): ModemSession => ({
                engine,
                driver: result.driver,
                identity: { ...(result.manufacturer !== undefined ? { manufacturer: result.manufacturer } : {}), ...(result.model !== undefined ? { model: result.model } : {}) },
                directDeliveryAck,
              })),
            ),
          ),
          concatMap((made) => (lastStep ? lastStep(made).pipe(catchError(() => of(undefined)), map(() => made)) : of(made))),
        )
        .subscribe({
          next: (made) => {
            this.#running = undefined;
            log('ready (%s)', made.driver.name);
            resolve(made);
          },
          error: (error: unknown) => {
            this.#running = undefined;
            reject(error);
          },
        });
    });
    // A run that finished synchronously has already cleared `running`.
    if (subscription && !subscription.closed) this.#running = { session, subscription };
    return session;
  }

  /** Stops a run under way (the modem is closing); its callers' promise never settles. */
  cancel(): void {
    this.#running?.subscription.unsubscribe();
    this.#running = undefined;
  }
}

/**
 * After a reset command: waits `settleMs`, then probes with `AT` every 500 ms until the modem
 * answers; errors with `ModemResetError` once `timeoutMs` passed.
 */
export function awaitModemAfterReset(engine: ATEngine, resetCommand: string, scheduler: SchedulerLike, options: ResetOptions = {}): Promise<unknown> {
  const settleMs = options.settleMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 60_000;
  log('reset sent (%s); waiting for the modem', resetCommand);
  const deadline = scheduler.now() + timeoutMs;
  const probe$ = defer(() => {
    if (scheduler.now() > deadline) throw new ModemResetError(resetCommand, timeoutMs);
    return engine.command$('AT', { timeoutMs: 1000, retry: false });
  }).pipe(
    retry({
      delay: (error: unknown) => {
        if (error instanceof ModemResetError) throw error;
        return timer(500, scheduler);
      },
    }),
  );
  return firstValueFrom(timer(settleMs, scheduler).pipe(concatMap(() => probe$)));
}
