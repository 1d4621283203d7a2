import { asyncScheduler, catchError, filter, map, Observable, take, throwError, timeout } from '../../rx';
import { ignoreElements, merge } from '../../rx-extra';
import { locationFailure, type LocationEngine } from './location-engine';
import { LocationError } from './location-error';
import { locationSettings, type LocationOptions } from './location-options';
import type { ModemLocation } from './modem-location';
import { parseUuloc } from './parse-uuloc';

/** How long past its own timeout the modem may take to report the end of a CellLocate request. */
export const CELL_LOCATE_GRACE_MS = 5000;

/**
 * One u-blox CellLocate fix, cold: `AT+ULOC=2,2,0,<timeout s>,<accuracy m>` (single shot,
 * CellLocate sensor, standard answer), which answers `OK` at once; the fix comes later as the
 * `+UULOC` URC, which is listened for from before the command is written so it cannot be missed.
 * CellLocate asks u-blox's server, so it needs the data context up; without it (or without any
 * cell it knows) the modem reports a zero position: `LocationError` `no-fix`. No URC within the
 * timeout (plus `CELL_LOCATE_GRACE_MS`): `timeout`. The modem refusing the command: `failed`.
 * Bad options throw `InvalidArgumentError` at call time.
 */
export function cellLocate(engine: LocationEngine, options: LocationOptions = {}): Observable<ModemLocation> {
  const { timeoutMs, accuracyM } = locationSettings(options);
  const scheduler = options.scheduler ?? asyncScheduler;
  const seconds = Math.min(999, Math.max(1, Math.ceil(timeoutMs / 1000)));
  const waitMs = seconds * 1000 + CELL_LOCATE_GRACE_MS;
  return new Observable<ModemLocation>((subscriber) => {
    const report$ = engine.urc$.pipe(
      filter((urc) => urc.name === '+UULOC'),
      map((urc) => parseUuloc(urc.args)),
      filter((report) => report !== undefined),
    );
    const request$ = engine.command$(`AT+ULOC=2,2,0,${seconds},${accuracyM}`, { retry: false }).pipe(
      ignoreElements(),
      catchError((error: unknown) => throwError(() => locationFailure(error, 'cell-locate'))),
    );
    return merge(report$, request$)
      .pipe(
        take(1),
        timeout({
          first: waitMs,
          scheduler,
          with: () =>
            throwError(() => new LocationError('timeout', `no CellLocate fix within ${waitMs} ms`, { method: 'cell-locate', timeoutMs: waitMs })),
        }),
        map((report) => {
          if (report === 'no-fix') {
            throw new LocationError('no-fix', 'CellLocate found no position (it needs the data context up and a known cell)', { method: 'cell-locate' });
          }
          return report as ModemLocation;
        }),
      )
      .subscribe(subscriber);
  });
}
