export * from './errors';
export * from './network/network-state';
export type { Network, NetworkName } from './network/network';
export type { Transport, ExchangeRequest } from './cloud/transport';
