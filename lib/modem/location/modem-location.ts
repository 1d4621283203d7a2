import type { LocationMethod } from '../drivers/modem-driver';

/** Where the modem is, as it reported it (WGS 84). */
export interface ModemLocation {
  /** Degrees, north positive. */
  readonly latitude: number;
  /** Degrees, east positive. */
  readonly longitude: number;
  /** Metres above sea level. */
  readonly altitude: number;
  /** Metres (CellLocate's estimated accuracy); GNSS gives `hdop` instead. */
  readonly uncertainty?: number;
  /** When the position was fixed (UTC). */
  readonly time: Date;
  /** How it was found. */
  readonly method: LocationMethod;
  /** GNSS: horizontal dilution of precision. */
  readonly hdop?: number;
  /** GNSS: satellites used. */
  readonly satellites?: number;
  /** Speed over ground in km/h, when the modem reports it. */
  readonly speedKmh?: number;
  /** Course over ground in degrees, when the modem reports it. */
  readonly course?: number;
}
