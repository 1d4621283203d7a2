import { Modem } from '../../modem/modem';
import { registerNetwork, type CreateNetworkOptions } from '../create-network';
import { CELLULAR_NETWORK_OPTION_KEYS, CellularNetwork, type CellularNetworkOptions } from './cellular-network';

/**
 * `createNetwork('cellular', { device, apn, ... })`: a `CellularNetwork` that opens the modem on
 * `device` itself (or the one with `imei`; else auto-detected) and owns it; `modem` passes a
 * `Modem` already open instead. The other options are `CellularNetworkOptions`. Importing this module
 * (the public barrel does) registers the name.
 */
export function createCellularNetwork(options: CreateNetworkOptions): CellularNetwork {
  const { modem, device, imei, modemOptions, ...rest } = options as CreateNetworkOptions & {
    modem?: unknown;
    device?: string;
    imei?: string;
    modemOptions?: object;
  };
  const networkOptions = rest as CellularNetworkOptions;
  if (modem instanceof Modem) return new CellularNetwork(modem, networkOptions);
  return new CellularNetwork({ device, ...(imei === undefined ? {} : { imei }), modemOptions }, networkOptions);
}

/** What `createNetwork('cellular', ...)` takes: the network's options and where its modem comes from. */
const CELLULAR_KEYS = [...Object.keys(CELLULAR_NETWORK_OPTION_KEYS), 'modem', 'device', 'imei', 'modemOptions'];

registerNetwork('cellular', createCellularNetwork, CELLULAR_KEYS);
