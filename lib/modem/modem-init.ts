import { catchError, defer, map, Observable } from '../rx';
import { concatMap, from, ignoreElements, last, of, tap } from '../rx-extra';
import type { ATEngine } from './at/at-engine';
import { ATTimeoutError } from './at/at-errors';
import { plainLines, type ATResponse } from './at/at-response';
import { logger } from '../logging';
import type { ModemDriver } from './drivers/modem-driver';
import { selectDriver, type DriverHints } from './drivers/select-driver';
import { ModemInitError } from './modem-init-error';

const log = logger('modem');

/** One init step: a command, what it is for, and whether a model may lack it. */
export interface InitStep {
  readonly command: string;
  readonly purpose: string;
  readonly optional: boolean;
  /** Retry budget for the first step: a modem just plugged in may need a moment. */
  readonly timeoutMs?: number;
  /** When the command gets no answer at all: write `UNSTICK_LINE`, then try once more. */
  readonly unstick?: boolean;
}

/**
 * What frees a modem still waiting for the data of a fixed-length send. A host that died between
 * the prompt of `AT+QISEND=<id>,<len>` and its data leaves the modem taking every byte as data
 * until `<len>` arrived (the vendor's manual sets no timeout), so each `AT` of the next host
 * vanishes into it. `AT` and 1460 spaces (the longest such body) complete any; the spaces left
 * over make a blank line the modem ignores, and a modem that was not waiting reads `AT` (V.250
 * ignores spaces) and answers `OK`. The orphaned socket's peer gets the filler instead of a frame.
 */
export const UNSTICK_LINE = `AT${' '.repeat(1460)}`;

/** `AT+CNMI=2,1,0,1,0`: new SMS stored with `+CMTI`, status reports delivered as `+CDS`. */
export const NEW_MESSAGE_INDICATION = 'AT+CNMI=2,1,0,1,0';
/** Fallback for firmware that refuses status report routing. */
export const NEW_MESSAGE_INDICATION_FALLBACK = 'AT+CNMI=2,1,0,0,0';

/** Steps that come before the model is known. */
export const BASE_STEPS: readonly InitStep[] = [
  { command: 'AT', purpose: 'sync', optional: false, timeoutMs: 2000, unstick: true },
  { command: 'ATE0', purpose: 'echo off', optional: false },
  { command: 'AT+CMEE=2', purpose: 'verbose errors', optional: false },
];

/**
 * Steps once the driver is known: registration URCs for each of the driver's families (the first
 * is required, the others optional), PDU mode, SMS notifications, then the vendor's extras.
 */
export function driverSteps(driver: ModemDriver): InitStep[] {
  return [
    ...driver.registration.map((family, index) => ({
      command: `AT${family}=2`,
      purpose: `registration URCs (${family})`,
      optional: index > 0,
    })),
    { command: 'AT+CMGF=0', purpose: 'SMS PDU mode', optional: false },
    { command: NEW_MESSAGE_INDICATION, purpose: 'SMS notifications', optional: true },
    ...driver.initExtras,
  ];
}

/** Runs one step: resolves (or completes) on success; a required step's failure is a `ModemInitError`. */
function runStep(engine: ATEngine, step: InitStep): Observable<ATResponse | undefined> {
  return engine.command$(step.command, { timeoutMs: step.timeoutMs }).pipe(
    catchError((error: unknown) => {
      if (step.optional) {
        log('optional init step "%s" (%s) failed: %s', step.purpose, step.command, error instanceof Error ? error.message : error);
        if (step.command === NEW_MESSAGE_INDICATION) return runStep(engine, { ...step, command: NEW_MESSAGE_INDICATION_FALLBACK });
        return of(undefined);
      }
      if (step.unstick && error instanceof ATTimeoutError) {
        log('no answer to %s: completing a send the modem may still wait for', step.command);
        return engine.command$(UNSTICK_LINE, { timeoutMs: step.timeoutMs, retry: false, expect: false }).pipe(
          catchError(() => of(undefined)),
          concatMap(() => runStep(engine, { ...step, unstick: false })),
        );
      }
      throw new ModemInitError(step.purpose, step.command, error);
    }),
  );
}

/** First non-empty plain line of a response (`AT+CGMM` → `SARA-U201`). */
function plainValue(response: ATResponse | undefined): string | undefined {
  if (!response) return undefined;
  const line = plainLines(response).find((l) => l.trim() !== '');
  return line?.trim().replace(/^(Manufacturer|Model):\s*/i, '');
}

export interface InitResult {
  readonly driver: ModemDriver;
  readonly manufacturer?: string;
  readonly model?: string;
}

/**
 * The init sequence as a cold Observable emitting the driver in use: base steps, identification
 * (`AT+CGMI`/`AT+CGMM`, to pick a driver when none was given), then the driver's steps. Every
 * step is checked; the first failing required step errors with `ModemInitError`.
 */
export function initializeModem(engine: ATEngine, options: { driver?: ModemDriver; hints?: DriverHints }): Observable<InitResult> {
  return defer(() => {
    let manufacturer: string | undefined;
    let model: string | undefined;
    const base = from(BASE_STEPS).pipe(concatMap((step) => runStep(engine, step)), ignoreElements());
    const identify = defer(() =>
      runStep(engine, { command: 'AT+CGMI', purpose: 'manufacturer', optional: true }).pipe(
        tap((r) => (manufacturer = plainValue(r))),
        concatMap(() => runStep(engine, { command: 'AT+CGMM', purpose: 'model', optional: true })),
        tap((r) => (model = plainValue(r))),
        ignoreElements(),
      ),
    );
    const rest = defer(() => {
      const driver = options.driver ?? selectDriver({ ...options.hints, manufacturer, model });
      log('driver %s (manufacturer %s, model %s)', driver.name, manufacturer, model);
      return from(driverSteps(driver)).pipe(
        concatMap((step) => runStep(engine, step)),
        last(undefined, undefined),
        map(() => ({ driver, manufacturer, model })),
      );
    });
    return from([base, identify, rest]).pipe(concatMap((part) => part as Observable<InitResult>));
  });
}
