export type { ModemLocation } from './modem-location';
export { LocationError, type LocationErrorReason } from './location-error';
export { DEFAULT_LOCATION_TIMEOUT_MS, type LocationOptions } from './location-options';
export { parseUuloc } from './parse-uuloc';
export { parseQgpsloc } from './parse-qgpsloc';
export { cellLocate, CELL_LOCATE_GRACE_MS } from './cell-locate';
export { gnssLocation } from './gnss-location';
export { requestLocation } from './request-location';
