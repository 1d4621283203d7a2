import { InboundConnectionDroppedError } from './inbound-connection-dropped-error';
import { InboundMessageTooLargeError } from './inbound-message-too-large-error';
import { InboundSenderTooSlowError } from './inbound-sender-too-slow-error';

/**
 * The error of one connection (from `collectMessage`, which knows no peer), naming its peer where
 * the error type carries it; other errors as they are. Used by every inbound listener.
 */
export function withPeer(error: Error, remoteAddress: string, remotePort: number): Error {
  if (error instanceof InboundMessageTooLargeError) return new InboundMessageTooLargeError(error.maxMessageBytes, error.receivedBytes, remoteAddress, remotePort);
  if (error instanceof InboundConnectionDroppedError) return new InboundConnectionDroppedError(error.reason, error.silentMs, remoteAddress, remotePort);
  if (error instanceof InboundSenderTooSlowError) return new InboundSenderTooSlowError(error.reason, error.receivedBytes, error.elapsedMs, remoteAddress, remotePort);
  return error;
}
