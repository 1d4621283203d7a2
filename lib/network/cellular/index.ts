// The cellular network: a modem's data connection (AT sockets or PPP), kept up with backoff.
import './register-cellular-network';

export { CellularNetwork, type CellularNetworkOptions, type CellularModemSource, type CellularConnectOptions } from './cellular-network';
export { createCellularNetwork } from './register-cellular-network';
export { cellularEvents, type CellularEvent, type CellularEventName } from './cellular-events';
export type { CellularInput, LinkInput } from './cellular-input';
export {
  cellularNetworkState,
  describeCellularFacts,
  reduceCellularFacts,
  initialCellularFacts,
  type CellularFacts,
  type CellularStateShape,
} from './cellular-network-state';
export { CELLULAR_MODES, resolveCellularMode, validateCellularMode, pdpFlavour, socketVendor, type CellularMode } from './cellular-mode';
export { keepLinkUp, type KeepLinkUpConfig } from './keep-link-up';
export { requireUpWithin } from './require-up-within';
export { linkAttempt, type LinkAttemptOptions } from './link-attempt';
export type { DataLink } from './data-link';
export { SocketDataLink, type SocketDataLinkOptions } from './socket-data-link';
export { PPPDataLink, type PPPDataLinkOptions } from './ppp-data-link';
export { CellularLinkLostError } from './cellular-link-lost-error';
export { CellularLinkTimeoutError } from './cellular-link-timeout-error';
export { CellularModeError } from './cellular-mode-error';
