// AT sockets: cloud messages over the modem's own TCP stack (u-blox SARA, Quectel BG96/EC21),
// the modem's PDP context, and inbound messages over u-blox listening sockets.
export { ModemSocketTransport } from './modem-socket-transport';
export type { ModemSocketTransportOptions } from './modem-socket-transport';
export { ModemSocketListener } from './modem-socket-listener';
export type { InboundSocketMessage, ModemSocketListenerOptions } from './modem-socket-listener';
export { PDPContext } from './pdp-context';
export type { PDPContextLost, PDPContextOptions, PDPContextState } from './pdp-context';
export { PDP_COMMANDS, UBLOX_PROFILE_PDP, LTE_BEARER_PDP, QUECTEL_PDP } from './pdp-dialect';
export type { PDPCommands, PDPFlavour } from './pdp-dialect';
export { ModemSocketError } from './modem-socket-error';
export type { ModemSocketErrorDetails, ModemSocketStage } from './modem-socket-error';
export type { SocketEvent } from './socket-event';
export type { SocketVendor } from './socket-vendor';
export { ensureUbloxHexMode, forgetUbloxHexMode } from './ublox-hex-mode';
export * from './ublox-socket-dialect';
export * from './quectel-socket-dialect';
