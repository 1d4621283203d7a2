// hologram-rx: what an application uses. Every name is listed on purpose; the layers people build on
// have their own entries (hologram-rx/modem, /sms, /operators, /outbox, /testing), and
// api/hologram-rx.api.md records this surface (npm run api:update).

// `network: 'cellular'` works from the root alone: this registers the name with createNetwork.
import './network/cellular/register-cellular-network';

// The facade.
export { Hologram, type HologramOptions, type SendMessageOptions, type HologramOutbox, type AuthenticationMethod } from './hologram';
export type { ReceivedMessage, ReceiveOptions, Receiving, ReceiveVia } from './facade/message-receiver';
export { SDK_VERSION } from './sdk-version';
export { Credentials, InvalidCredentialsError, MissingCredentialsError, type CredentialsField } from './cloud/credentials';

// What sending takes and gives back.
export type { MessageInput } from './cloud/to-outbound-message';
export type { OutboundMessage } from './cloud/outbound-message';
export type { SendResult } from './cloud/send-result';
export { RESULT_CODES, ERR_UNKNOWN, type ResultCode, type ResultCodeKind } from './cloud/result-codes';
export { MESSAGE_MODE_NAMES, InvalidMessageModeError, type MessageModeName } from './cloud/message-mode';
export { TransportError, type TransportErrorKind } from './cloud/transport-error';
export type { MessageResult } from './delivery/message-result';
export type { DeliveryStats } from './delivery/delivery-event';
export type { OutboxHealth } from './delivery/outbox-health';

// Errors.
export { HologramError, InvalidArgumentError, ModemError, NetworkError, OutboxError, CloudError, InboundError, RESTError } from './errors';
export { ClosedError, type ClosedResource } from './closed-error';
export { MessageFailedError } from './delivery/message-failed-error';
export { MessageAttemptsExhaustedError } from './delivery/message-attempts-exhausted-error';
export { MessageDroppedError, type DropReason } from './delivery/message-dropped-error';
export { MessageTimeoutError } from './delivery/message-timeout-error';
export { PeriodicMessageRunningError } from './delivery/periodic-message-running-error';
export { MIN_PERIODIC_INTERVAL_SECONDS } from './delivery/periodic-sender';

// Events.
export type { EventBus } from './events/event-bus';
export { HOLOGRAM_EVENT_NAMES } from './events/hologram-events';
export type {
  HologramEvents,
  HologramEventName,
  MessageFailure,
  MessageBuffered,
  MessageDropped,
  MessageReceived,
  SMSReceived,
  SMSSent,
  ModemConnected,
  ModemDisconnected,
  ModemRegistration,
  ModemSignal,
  OutboxRecovered,
} from './events/hologram-events';

// The outbox options and what they can raise.
export type { OutboxOptions } from './outbox/create-outbox-store';
export type { OutboxLimits } from './outbox/outbox-limits';
export type { OutboxSpaceOptions } from './outbox/outbox-space';
export type { OverflowPolicy } from './operators/overflow-policy';
export type { BackoffOptions } from './operators/backoff-options';
export { OutboxOverflowError, type OutboxLimit } from './operators/outbox-overflow-error';
export { OutboxStoreError } from './outbox/outbox-store-error';
export { OutboxLockedError } from './outbox/outbox-locked-error';
export type { OutboxRecovery } from './outbox/outbox-recovery';

// Networks.
export type { Network, NetworkName } from './network/network';
export { StatefulNetwork } from './network/stateful-network';
export { NetworkStateStore } from './network/network-state-store';
export type { Transport, ExchangeRequest } from './cloud/transport';
export type { NetworkState, NetworkStateKind } from './network/network-state';
export { createNetwork, type CreateNetworkOptions } from './network/create-network';
export { NoneNetwork, type NoneNetworkOptions } from './network/none-network';
export { ManualNetwork, type ManualNetworkOptions } from './network/manual-network';
export { InterfaceNetwork, type InterfaceNetworkOptions, type InterfaceNetworkName } from './network/interface-network';
export type { InterfaceReader, InterfaceSnapshot } from './network/interface-reader';
export { InterfaceNotFoundError } from './network/interface-not-found-error';
export { NetworkConnectTimeoutError } from './network/network-connect-timeout-error';
export { UnknownNetworkError } from './network/unknown-network-error';
export { UnsupportedNetworkOperationError } from './network/unsupported-network-operation-error';
export {
  CellularNetwork,
  type CellularNetworkOptions,
  type CellularModemSource,
  type CellularConnectOptions,
} from './network/cellular/cellular-network';
export type { CellularMode } from './network/cellular/cellular-mode';
export type { CellularEvent, CellularEventName } from './network/cellular/cellular-events';
export { CellularLinkLostError } from './network/cellular/cellular-link-lost-error';
export { CellularLinkTimeoutError } from './network/cellular/cellular-link-timeout-error';
export { CellularModeError } from './network/cellular/cellular-mode-error';
export { PPPLink, type PPPLinkOptions } from './network/ppp/ppp-link';
export type { PppdArgumentsOptions } from './network/ppp/pppd-arguments';
export type { PppdSpawner, PppdProcess, PppdExit } from './network/ppp/pppd-process';
export type { PPPLinkState } from './network/ppp/ppp-link-state';
export type { PPPEndpoints } from './network/ppp/ppp-session';
export { PPPConnectionError } from './network/ppp/ppp-connection-error';

// Receiving without the facade.
export { InboundListener, receiveMessages, type InboundListenerOptions } from './inbound/inbound-listener';
export type { InboundMessage } from './inbound/inbound-message';
export { InboundListenError } from './inbound/inbound-listen-error';
export { InboundMessageTooLargeError } from './inbound/inbound-message-too-large-error';
export { InboundConnectionDroppedError, type InboundDropReason } from './inbound/inbound-connection-dropped-error';
export { InboundListenerFullError } from './inbound/inbound-listener-full-error';
export { InboundSenderTooSlowError, type InboundSlowReason } from './inbound/inbound-sender-too-slow-error';

// The modem as an application sees it (the AT engine, drivers and parsers are in hologram-rx/modem).
export { Modem, type ModemOpenOptions, type ModemOptions, type ResetOptions } from './modem/modem';
export type { ModemState, ModemIdentity, ModemStatus, ModemEvent, ModemEventName } from './modem/modem-status';
export type { ModemLifecycle, InitCause } from './modem/modem-lifecycle';
export type { ModemSession } from './modem/modem-session';
export type { ModemLocation } from './modem/location/modem-location';
export type { LocationOptions } from './modem/location/location-options';
export { LocationError, type LocationErrorReason } from './modem/location/location-error';
export type { SignalQuality, ExtendedSignalQuality } from './modem/signal-quality';
export type { RegistrationState, RegistrationStatus, RegistrationFamily } from './modem/registration-status';
export type { NetworkOperator } from './modem/operator';
export type { ReceivedSMS, SMSService } from './modem/sms-service';
export type { StoredSMS, StoredSMSStatus } from './modem/stored-sms';
export type { DetectOptions } from './modem/modem-detect';
export type { ModemScanOptions } from './modem/detect/scan-modems';
export type { PortScanOptions } from './modem/detect/serial-port-scan';
export type { ATResponse } from './modem/at/at-response';
export type { ATCommandOptions } from './modem/at/at-engine';
export type { ATAnswerShape, ATValueShape } from './modem/at/answer-shape';
export { ATCommandError, ATTimeoutError, ModemDisconnectedError, type DisconnectReason } from './modem/at/at-errors';
export { ModemInitError } from './modem/modem-init-error';
export { ModemNotReadyError } from './modem/modem-not-ready-error';
export { UnexpectedModemResponseError } from './modem/unexpected-modem-response-error';
export { ModemDetectError } from './modem/modem-detect-error';
export { ModemResetError } from './modem/modem-reset-error';
export { SMSSendError } from './modem/sms-send-error';
export { SerialPortOpenError, type SerialBinding } from './modem/serial-port-connection';

// The Hologram REST API.
export { HologramAPI, type ActivateSIMOptions, type CellularLinkPage, type HologramAPIOptions } from './api/hologram-api';
export { APIError, type APIErrorKind, type APIErrorDetails } from './api/api-error';
export type { APICredentials } from './api/api-credentials';
export type { ActivationOrder, ClaimedLink } from './api/activation-order';
export type { JSONObject } from './api/api-response';
export { selectablePlans, type Plan, type PlanZone } from './api/plan';
export type { SIMState, CellularLink } from './api/sim-state';
export { pollSIMState, type PollSIMStateOptions } from './api/poll-sim-state';
