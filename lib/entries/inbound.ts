// hologram-rx/inbound: cloud-to-device messages without the facade (`Hologram.startReceiving`
// needs only the root): a TCP listener of your own and the errors it reports. Every name is listed
// on purpose; api/hologram-rx-inbound.api.md records them.

export { InboundListener, receiveMessages, type InboundListenerOptions } from '../inbound/inbound-listener';
export type { InboundMessage } from '../inbound/inbound-message';

// Errors (their family, `InboundError`, is in the root entry).
export { InboundListenError } from '../inbound/inbound-listen-error';
export { InboundMessageTooLargeError } from '../receiving/inbound-message-too-large-error';
export { InboundConnectionDroppedError, type InboundDropReason } from '../receiving/inbound-connection-dropped-error';
export { InboundListenerFullError } from '../inbound/inbound-listener-full-error';
export { InboundSenderTooSlowError, type InboundSlowReason } from '../receiving/inbound-sender-too-slow-error';
