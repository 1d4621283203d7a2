// The cloud part of the public API (wired into lib/index.ts).
export { Credentials, InvalidCredentialsError, MissingCredentialsError } from './credentials';
export type { CredentialsField } from './credentials';
export { RESULT_CODES, ERR_UNKNOWN, resultCode, resultForCode } from './result-codes';
export type { ResultCode, ResultCodeKind } from './result-codes';
export {
  encodeMessageFrame,
  encodeSMSFrame,
  decodeFrame,
  checkSmsBody,
  checkSmsDestination,
  FRAME_TERMINATOR,
  SMS_MAX_LENGTH,
  encodeMetadata,
  decodeMetadata,
  METADATA_VERSION,
  AGNOSTIC_MODEM_TYPE,
} from './cloud-frame';
export type { CloudFrame, MessageFrame, SMSFrame, FrameDecoding, FrameKeyStyle, FrameMetadata } from './cloud-frame';
export { decodeCloudResponse, encodeCloudResponse, isCompleteCloudResponse } from './cloud-response';
export {
  MESSAGE_MODE_NAMES,
  InvalidMessageModeError,
  parseMessageMode,
  messageMode,
  hologramCloudMode,
  tcpOtherMode,
} from './message-mode';
export type { MessageMode, MessageModeName } from './message-mode';
export { TcpTransport, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_REPLY_TIMEOUT_MS } from './tcp-transport';
export type { TCPTransportOptions } from './tcp-transport';
export { TransportError } from './transport-error';
export type { TransportErrorKind } from './transport-error';
export { createMessageSender, createSmsSender, transportFailureResult, resolveDestination, AGNOSTIC_METADATA } from './cloud-sender';
export type { MessageSender, SmsSender, CloudSenderOptions } from './cloud-sender';
export { toOutboundMessage } from './to-outbound-message';
export type { MessageInput } from './to-outbound-message';
