import createDebug from 'debug';

/** What `-v` shows: what the SDK does (cloud, delivery, network, modem, SMS, REST API...). */
const INFO = 'hologram:*,-hologram:at,-hologram:serial,-hologram:modem-sockets,-hologram:modem-simulator';
/** What `-vv` adds: every AT command and serial byte. */
const DEBUG = 'hologram:*';

/** The `-v, --verbose` option every command takes (repeat for more), as the Python CLI's `-v`. */
export const VERBOSE_OPTION = { type: 'boolean', short: 'v', multiple: true } as const;

export const VERBOSE_USAGE = `Logging:
  -v, --verbose            log what the SDK does to stderr; -vv also every AT command (keys are hidden)`;

/**
 * Turns on the SDK's log namespaces for `count` times `-v`, on top of any `DEBUG` the environment
 * sets. Lines still pass through the logger's redaction.
 */
export function enableVerbose(count: number): void {
  if (count <= 0) return;
  const current = process.env.DEBUG;
  const levels = count === 1 ? INFO : DEBUG;
  createDebug.enable(current === undefined || current === '' ? levels : `${current},${levels}`);
}
