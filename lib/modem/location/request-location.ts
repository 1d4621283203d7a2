import { defer, type Observable } from '../../rx';
import type { ModemDriver } from '../drivers/modem-driver';
import { cellLocate } from './cell-locate';
import { gnssLocation } from './gnss-location';
import type { LocationEngine } from './location-engine';
import { LocationError } from './location-error';
import { locationSettings, type LocationOptions } from './location-options';
import type { ModemLocation } from './modem-location';

/**
 * One location fix from the modem by its driver's method (CellLocate or GNSS), cold: nothing is
 * asked until subscribed; unsubscribing stops waiting (and polling). A driver without a location
 * service errors with `LocationError` `unsupported` without a command. Bad options throw
 * `InvalidArgumentError` at call time.
 */
export function requestLocation(
  engine: LocationEngine,
  driver: Pick<ModemDriver, 'location' | 'description'>,
  options: LocationOptions = {},
): Observable<ModemLocation> {
  locationSettings(options);
  return defer(() => {
    switch (driver.location) {
      case 'cell-locate':
        return cellLocate(engine, options);
      case 'gnss':
        return gnssLocation(engine, options);
      default:
        throw new LocationError('unsupported', `${driver.description} has no location service (neither CellLocate nor GNSS)`);
    }
  });
}
