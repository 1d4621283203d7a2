export { InboundListener, receiveMessages, type InboundListenerOptions } from './inbound-listener';
export type { InboundMessage } from './inbound-message';
export { collectMessage, type CollectMessageOptions } from '../receiving/collect-message';
export { InboundListenError } from './inbound-listen-error';
export { InboundMessageTooLargeError } from '../receiving/inbound-message-too-large-error';
export { InboundConnectionDroppedError, type InboundDropReason } from '../receiving/inbound-connection-dropped-error';
export { InboundListenerFullError } from './inbound-listener-full-error';
export { InboundSenderTooSlowError, type InboundSlowReason } from '../receiving/inbound-sender-too-slow-error';
