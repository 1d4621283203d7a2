import type { ATEngine } from '../at/at-engine';
import { ATCommandError } from '../at/at-errors';
import type { LocationMethod } from '../drivers/modem-driver';
import { LocationError } from './location-error';

/** What a location request needs from the modem: its AT engine (commands and URCs). */
export type LocationEngine = Pick<ATEngine, 'command$' | 'urc$'>;

/** A refusal from the modem becomes `LocationError` `failed`; other errors (timeouts, unplug) pass. */
export function locationFailure(error: unknown, method: LocationMethod): unknown {
  if (!(error instanceof ATCommandError)) return error;
  return new LocationError('failed', `the modem refused the location request: ${error.final}`, { method, cmeError: error.cmeError }, { cause: error });
}

/** Whether `error` is `+CME ERROR: <code>`. */
export function isCMEError(error: unknown, code: number): boolean {
  return error instanceof ATCommandError && error.cmeError === code;
}
