import { logger } from '../../logging';
import { scanModems, type ModemScanOptions } from './scan-modems';

const log = logger('modem');

/**
 * Where a lost modem is now: the candidate ports are probed as `Modem.detectAll` does, and the
 * modem with `imei` is the one (or, with no IMEI known, the only modem found: with two, guessing
 * could take another device's modem). Undefined when it is not (yet) there.
 */
export async function findModemAgain(imei: string | undefined, options: ModemScanOptions): Promise<string | undefined> {
  const modems = await scanModems(options);
  const found = imei !== undefined ? modems.find((modem) => modem.imei === imei) : modems.length === 1 ? modems[0] : undefined;
  log('looking for the modem%s: %s', imei === undefined ? '' : ` with IMEI ${imei}`, found ? `found on ${found.path}` : `not among ${modems.length} found`);
  return found?.path;
}
