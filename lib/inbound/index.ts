export { InboundListener, receiveMessages, type InboundListenerOptions } from './inbound-listener';
export type { InboundMessage } from './inbound-message';
export { collectMessage, type CollectMessageOptions } from './collect-message';
export { InboundListenError } from './inbound-listen-error';
export { InboundMessageTooLargeError } from './inbound-message-too-large-error';
export { InboundConnectionDroppedError, type InboundDropReason } from './inbound-connection-dropped-error';
export { InboundListenerFullError } from './inbound-listener-full-error';
export { InboundSenderTooSlowError, type InboundSlowReason } from './inbound-sender-too-slow-error';
