// hologram-rx/network: the networks as classes, for an application that builds, shares or watches
// one itself (`network: 'ethernet'` and friends need only the root), and the pieces a network of
// your own is made of. Every name is listed on purpose; api/hologram-rx-network.api.md records them.

// A network of your own: a state kept by the rules of `Network`, and the transport it may carry.
export { StatefulNetwork } from '../network/stateful-network';
export type { Transport, ExchangeRequest } from '../cloud/transport';

// Always connected, set by you, or following a network interface.
export { NoneNetwork, type NoneNetworkOptions } from '../network/none-network';
export { ManualNetwork, type ManualNetworkOptions } from '../network/manual-network';
export { InterfaceNetwork, type InterfaceNetworkOptions, type InterfaceNetworkName } from '../network/interface-network';
export type { InterfaceReader, InterfaceSnapshot } from '../network/interface-reader';

// Cellular: over the modem's AT sockets or PPP.
export {
  CellularNetwork,
  type CellularNetworkOptions,
  type CellularModemSource,
  type CellularConnectOptions,
} from '../network/cellular/cellular-network';
export type { CellularMode } from '../network/cellular/cellular-mode';
export type { CellularEvent, CellularEventName } from '../network/cellular/cellular-events';
export { PPPLink, type PPPLinkOptions } from '../network/ppp/ppp-link';
export type { PPPLinkState } from '../network/ppp/ppp-link-state';
export type { PPPEndpoints } from '../network/ppp/ppp-session';
// pppd as `PPPLink` starts it, for a spawner of your own (`spawn`, `pppdSpawn`): a test without PPP in the kernel.
export type { PppdArgumentsOptions } from '../network/ppp/pppd-arguments';
export type { PppdSpawner, PppdProcess, PppdExit } from '../network/ppp/pppd-process';

// Errors (their families, `NetworkError` and `InvalidArgumentError`, are in the root entry).
export { UnknownNetworkError } from '../network/unknown-network-error';
export { InterfaceNotFoundError } from '../network/interface-not-found-error';
export { NetworkConnectTimeoutError } from '../network/network-connect-timeout-error';
export { UnsupportedNetworkOperationError } from '../network/unsupported-network-operation-error';
export { CellularLinkLostError } from '../network/cellular/cellular-link-lost-error';
export { CellularLinkTimeoutError } from '../network/cellular/cellular-link-timeout-error';
export { CellularModeError } from '../network/cellular/cellular-mode-error';
export { PPPConnectionError } from '../network/ppp/ppp-connection-error';
