import { asyncScheduler, type SchedulerLike } from '../../rx';
import { InvalidArgumentError } from '../../errors';
import { Modem } from '../../modem/modem';
import { validateApn } from '../../modem/apn';
import { resolveBackoffOptions, type BackoffOptions } from '../../operators/backoff-options';
import { describeValue } from '../../options/describe-value';
import { checkContextId } from '../../validation/context-id';
import { checkBoundedDuration } from '../../validation/duration';
import { validateCellularMode, type CellularMode } from './cellular-mode';
import type { CellularModemSource, CellularNetworkOptions } from './cellular-network';

/** A cellular network's options, checked, with their defaults: what its constructor wires. */
export interface CellularSettings {
  readonly apn: string;
  readonly mode: CellularMode;
  readonly contextId: number;
  readonly connectTimeoutMs: number;
  readonly backoff: BackoffOptions;
  readonly scheduler: SchedulerLike;
  /** Whether `close()` closes the modem: by default, only one the network opened itself. */
  readonly ownsModem: boolean;
}

/** The options' values with their defaults; throws `InvalidArgumentError` naming a bad one. */
export function resolveCellularSettings(options: CellularNetworkOptions, source: CellularModemSource): CellularSettings {
  return {
    apn: validateApn(options.apn ?? 'hologram'),
    mode: validateCellularMode(options.mode ?? 'auto'),
    contextId: checkContextId('contextId', options.contextId ?? 1),
    connectTimeoutMs: checkBoundedDuration('connectTimeoutMs', options.connectTimeoutMs ?? 120_000, { positive: true }),
    backoff: resolveBackoffOptions(options.backoff),
    scheduler: options.scheduler ?? asyncScheduler,
    ownsModem: options.ownsModem ?? !(source instanceof Modem),
  };
}

/**
 * Checks where the modem comes from (from JavaScript anything may arrive): a `Modem`, or an
 * object with a device path or an IMEI, not both. Throws `InvalidArgumentError` naming the value.
 */
export function checkModemSource(source: CellularModemSource): CellularModemSource {
  if (source === null || typeof source !== 'object') {
    throw new InvalidArgumentError('modem', `modem must be a Modem or { device?: string }, got ${describeValue(source)}`);
  }
  if (source instanceof Modem) return source;
  const { device, imei } = source;
  if (device !== undefined && (typeof device !== 'string' || device.length === 0)) {
    throw new InvalidArgumentError('device', `device must be a serial device path such as /dev/ttyUSB0, got ${describeValue(device)}`);
  }
  if (imei !== undefined && (typeof imei !== 'string' || !/^\d{14,16}$/.test(imei))) {
    throw new InvalidArgumentError('imei', `imei must be the modem's 15-digit IMEI, got ${describeValue(imei)}`);
  }
  if (device !== undefined && imei !== undefined) throw new InvalidArgumentError('imei', 'give the modem by device or by imei, not both');
  return source;
}
