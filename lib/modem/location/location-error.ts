import { ModemError } from '../modem-error';
import type { LocationMethod } from '../drivers/modem-driver';

/**
 * Why no location came:
 * - `unsupported`: the modem has no location service (its driver has neither CellLocate nor GNSS);
 * - `no-fix`: the modem answered that it could not find a position (CellLocate's zero position);
 * - `timeout`: no fix came within the time allowed (GNSS still searching, no `+UULOC`);
 * - `failed`: the modem refused the request (`cmeError` says why).
 */
export type LocationErrorReason = 'unsupported' | 'no-fix' | 'timeout' | 'failed';

/** No location from the modem; `reason` tells whether asking again can help (`no-fix`, `timeout`). */
export class LocationError extends ModemError {
  /** How the position was asked for (undefined for `unsupported`). */
  readonly method?: LocationMethod;
  /** The modem's `+CME ERROR` code, for `failed`. */
  readonly cmeError?: number;
  /** How long was waited, for `timeout`. */
  readonly timeoutMs?: number;

  constructor(
    readonly reason: LocationErrorReason,
    message: string,
    details: { readonly method?: LocationMethod; readonly cmeError?: number; readonly timeoutMs?: number } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.method = details.method;
    this.cmeError = details.cmeError;
    this.timeoutMs = details.timeoutMs;
  }
}
