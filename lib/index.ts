// hologram-rx: the public API.
export * from './errors';
export { redact, registerSecret } from './logging';
export { Hologram, parsePort } from './hologram';
export type { HologramOptions, HologramOutbox, AuthenticationMethod } from './hologram';
export type { ReceivedMessage, ReceiveOptions, Receiving, ReceiveVia } from './facade/message-receiver';
export { SDK_VERSION } from './sdk-version';
export * from './cloud';
export * from './events';
export * from './delivery';
export * from './operators';
export * from './outbox';
export * from './network';
export * from './inbound';
export * from './modem';
export * from './modem/sms';
export * from './network/cellular';
export * from './api';
