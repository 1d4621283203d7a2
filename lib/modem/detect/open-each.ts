import { logger } from '../../logging';
import type { DetectedModem } from './detected-modem';

const log = logger('modem');

/**
 * Opens each modem found, in order, leaving out (and logging) those that fail: one modem that
 * will not initialize must not keep the others from being used. One open at a time.
 */
export async function openEach<T>(found: readonly DetectedModem[], open: (modem: DetectedModem) => Promise<T>): Promise<T[]> {
  const opened: T[] = [];
  for (const modem of found) {
    try {
      opened.push(await open(modem));
    } catch (error) {
      log('modem %s (IMEI %s) left out: %s', modem.path, modem.imei, error instanceof Error ? error.message : error);
    }
  }
  return opened;
}
