import { existsSync } from 'node:fs';
import { InvalidArgumentError } from '../errors';

/**
 * Throws when `--device PATH` names nothing: the one fix is the path, so the error says only
 * that (no advice on permissions or ModemManager, which cannot matter yet).
 */
export function checkDevicePath(device: string | undefined): void {
  if (device !== undefined && !existsSync(device)) {
    throw new InvalidArgumentError('device', `the device path ${device} does not exist: check --device (the modem's AT port, e.g. /dev/ttyUSB2)`);
  }
}
