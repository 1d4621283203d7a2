export * from './errors';
export * from './network/network-state';
export type { Network, NetworkName } from './network/network';
export type { Transport, ExchangeRequest } from './cloud/transport';
export type { SendResult } from './cloud/send-result';
export type { OutboundMessage } from './cloud/outbound-message';
