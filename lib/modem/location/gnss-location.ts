import { asyncScheduler, catchError, defer, filter, map, Observable, take, throwError, timeout, timer } from '../../rx';
import { concat, ignoreElements, of, repeat } from '../../rx-extra';
import { isCMEError, locationFailure, type LocationEngine } from './location-engine';
import { LocationError } from './location-error';
import { locationSettings, type LocationOptions } from './location-options';
import type { ModemLocation } from './modem-location';
import { qgpslocFromResponse } from './parse-qgpsloc';

/** Quectel GNSS errors (BG96/EC2x GNSS AT manuals). */
const SESSION_ONGOING = 504;
const NOT_FIXED_NOW = 516;

/**
 * One Quectel GNSS fix, cold: `AT+QGPS=1` starts the receiver (already on, `+CME ERROR: 504`, is
 * fine), then `AT+QGPSLOC=2` is read every `pollIntervalMs` while it answers `+CME ERROR: 516`
 * (no fix yet), never in a tight loop. The receiver is left on: the next fix is then a hot start.
 * No fix within the timeout: `LocationError` `timeout`; another refusal: `failed`. Bad options
 * throw `InvalidArgumentError` at call time.
 */
export function gnssLocation(engine: LocationEngine, options: LocationOptions = {}): Observable<ModemLocation> {
  const { timeoutMs, pollIntervalMs } = locationSettings(options);
  const scheduler = options.scheduler ?? asyncScheduler;
  return defer(() => {
    const start$ = engine.command$('AT+QGPS=1', { retry: false }).pipe(
      ignoreElements(),
      catchError((error: unknown) => (isCMEError(error, SESSION_ONGOING) ? of() : throwError(() => locationFailure(error, 'gnss')))),
    );
    const read$ = defer(() => engine.command$('AT+QGPSLOC=2', { retry: false })).pipe(
      map((response): ModemLocation | undefined => {
        const fix = qgpslocFromResponse(response);
        if (fix === undefined) {
          throw new LocationError('failed', `unexpected AT+QGPSLOC answer: ${response.lines.join(' | ')}`, { method: 'gnss' });
        }
        return fix;
      }),
      catchError((error: unknown) => (isCMEError(error, NOT_FIXED_NOW) ? of(undefined) : throwError(() => locationFailure(error, 'gnss')))),
    );
    const firstFix$ = read$.pipe(
      repeat({ delay: () => timer(pollIntervalMs, scheduler) }),
      filter((fix): fix is ModemLocation => fix !== undefined),
      take(1),
    );
    return concat(start$, firstFix$).pipe(
      timeout({
        first: timeoutMs,
        scheduler,
        with: () => throwError(() => new LocationError('timeout', `no GNSS fix within ${timeoutMs} ms`, { method: 'gnss', timeoutMs })),
      }),
    );
  });
}
