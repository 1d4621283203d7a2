// hologram-rx: what an application uses, in one sitting: the facade, what it takes and gives back,
// its events, the networks by name, the modem, and the errors to catch. Every name is listed on
// purpose and has this one home; the layers people build on have their own entries
// (hologram-rx/network, /inbound, /rest, /modem, /sms, /operators, /outbox, /testing), and
// api/hologram-rx.api.md records this surface (npm run api:update).

// `network: 'cellular'` works from the root alone: this registers the name with createNetwork.
import './network/cellular/register-cellular-network';

// The facade.
export { Hologram, type HologramOptions, type SendMessageOptions, type HologramOutbox, type AuthenticationMethod } from './hologram';
export type { ReceivedMessage, ReceiveOptions, Receiving, ReceiveVia } from './facade/message-receiver';
export { SDK_VERSION } from './sdk-version';
export { Credentials, type CredentialsField } from './cloud/credentials';

// What sending takes and gives back.
export type { MessageInput } from './cloud/to-outbound-message';
export type { OutboundMessage } from './cloud/outbound-message';
export type { SendResult } from './cloud/send-result';
export { MESSAGE_MODE_NAMES, type MessageModeName } from './cloud/message-mode';
export type { MessageResult } from './delivery/message-result';
export type { DeliveryStats } from './delivery/delivery-event';
export type { OutboxHealth } from './delivery/outbox-health';
export type { OutboxOptions } from './outbox/create-outbox-store';
export type { OverflowPolicy } from './operators/overflow-policy';
export type { BackoffOptions } from './operators/backoff-options';

// Events.
export type { HologramEventBus } from './events/hologram-event-bus';
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

// Networks by name or your own (the classes are in hologram-rx/network).
export type { Network, NetworkName } from './network/network';
export type { NetworkState, NetworkStateKind } from './network/network-state';
export { createNetwork, type CreateNetworkOptions } from './network/create-network';

// The modem as an application sees it (its types, errors and layers are in hologram-rx/modem).
export { Modem, type ModemOpenOptions, type ModemOptions } from './modem/modem';
export type { ModemState } from './modem/modem-status';
export type { ReceivedSMS } from './modem/sms-service';

// Errors: every family, and the ones a sender catches. Each layer's own are in its entry.
export { HologramError, InvalidArgumentError, ModemError, NetworkError, OutboxError, CloudError, InboundError, RESTError } from './errors';
export { ClosedError, type ClosedResource } from './closed-error';
export { InvalidCredentialsError, MissingCredentialsError } from './cloud/credentials';
export { InvalidMessageModeError } from './cloud/message-mode';
export { TransportError, type TransportErrorKind } from './cloud/transport-error';
export { MessageFailedError } from './delivery/message-failed-error';
export { MessageAttemptsExhaustedError } from './delivery/message-attempts-exhausted-error';
export { MessageDroppedError, type DropReason } from './delivery/message-dropped-error';
export { MessageTimeoutError } from './delivery/message-timeout-error';
export { PeriodicMessageRunningError } from './delivery/periodic-message-running-error';
export { OutboxOverflowError } from './operators/outbox-overflow-error';
export { OutboxStoreError } from './outbox/outbox-store-error';
export { OutboxLockedError } from './outbox/outbox-locked-error';
