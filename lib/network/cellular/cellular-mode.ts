import { InvalidArgumentError } from '../../errors';
import type { ModemDriver } from '../../modem/drivers/modem-driver';
import type { PDPFlavour } from '../../modem/sockets/pdp-dialect';
import type { SocketVendor } from '../../modem/sockets/socket-vendor';
import { CellularModeError } from './cellular-mode-error';
import { describeValue } from '../../options/describe-value';

/**
 * How a cellular network carries data:
 * - `sockets`: the modem's own TCP stack over AT commands (u-blox `+USO*`, Quectel `+QI*`). The
 *   AT port stays ours, so status, SMS and registration keep working while messages flow.
 * - `ppp`: pppd dials a data call and the kernel's TCP runs over `ppp0`; any protocol works, but
 *   the modem's port is pppd's while the link is up (unless the modem has a second port).
 * - `auto`: sockets when the modem speaks a socket dialect, else PPP (Huawei sticks).
 */
export type CellularMode = 'auto' | 'sockets' | 'ppp';

export const CELLULAR_MODES: readonly CellularMode[] = ['auto', 'sockets', 'ppp'];

/** Throws `InvalidArgumentError('mode', ...)` naming the value unless it is a `CellularMode`. */
export function validateCellularMode(mode: unknown): CellularMode {
  if (!CELLULAR_MODES.includes(mode as CellularMode)) {
    throw new InvalidArgumentError('mode', `mode must be one of ${CELLULAR_MODES.join(', ')}, got ${describeValue(mode)}`);
  }
  return mode as CellularMode;
}

/** The mode actually used with `driver`; `sockets` on a PPP-only modem throws `CellularModeError`. */
export function resolveCellularMode(mode: CellularMode, driver: ModemDriver): 'sockets' | 'ppp' {
  if (mode === 'ppp') return 'ppp';
  if (driver.sockets !== undefined) return 'sockets';
  if (mode === 'auto') return 'ppp';
  throw new CellularModeError(mode, driver.description);
}

/** The socket dialect's vendor name as the socket layer spells it. */
export function socketVendor(driver: ModemDriver): SocketVendor {
  if (driver.sockets === 'quectel') return 'quectel';
  if (driver.sockets === 'ublox') return 'u-blox';
  throw new CellularModeError('sockets', driver.description);
}

/**
 * How the modem's data context is driven: Quectel `+QIACT`; the u-blox LTE units (SARA-R4, which
 * register on `+CEREG` first) use the LTE default bearer (`+CGACT`); the 2G/3G SARA-U2 its internal
 * profile (`+UPSD`/`+UPSDA`).
 */
export function pdpFlavour(driver: ModemDriver): PDPFlavour {
  if (driver.sockets === 'quectel') return 'quectel';
  if (driver.sockets === 'ublox') return driver.registration[0] === '+CEREG' ? 'lte-default-bearer' : 'ublox-profile';
  throw new CellularModeError('sockets', driver.description);
}
