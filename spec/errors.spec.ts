import * as root from 'hologram-rx';
import * as networkEntry from 'hologram-rx/network';
import * as inboundEntry from 'hologram-rx/inbound';
import * as restEntry from 'hologram-rx/rest';
import * as modemEntry from 'hologram-rx/modem';
import * as smsEntry from 'hologram-rx/sms';
import * as operatorsEntry from 'hologram-rx/operators';
import * as outboxEntry from 'hologram-rx/outbox';
import * as testingEntry from 'hologram-rx/testing';
import {
  CloudError,
  HologramError,
  InboundError,
  InvalidArgumentError,
  ModemError,
  NetworkError,
  OutboxError,
  RESTError,
} from 'hologram-rx';

describe('HologramError', () => {
  it('names each subclass after itself and keeps instanceof working', () => {
    const error = new InvalidArgumentError('topic', 'topic must be a string, got 42');
    expect(error).toBeInstanceOf(HologramError);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.name).toBe('InvalidArgumentError');
    expect(error.argument).toBe('topic');
  });

  it.each([ModemError, NetworkError, OutboxError, CloudError, InboundError, RESTError])('%p is a family under HologramError, named after itself', (Family) => {
    const error = new Family('the cause', { cause: 'why' });
    expect(error).toBeInstanceOf(HologramError);
    expect(error.name).toBe(Family.name);
    expect(error.cause).toBe('why');
  });
});

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * The family of every error class the package exports, from any entry. A class exported and not
 * listed here fails the spec: a new error gets a family on purpose. `HologramError` itself marks
 * the errors that belong to no family: `ClosedError` (any object after `close()`), a periodic
 * message already running, the test double's pty failure.
 */
const FAMILIES: Record<string, ErrorClass> = {
  HologramError: Error,
  InvalidArgumentError: HologramError,
  ModemError: HologramError,
  NetworkError: HologramError,
  OutboxError: HologramError,
  CloudError: HologramError,
  InboundError: HologramError,
  RESTError: HologramError,
  ClosedError: HologramError,
  PeriodicMessageRunningError: HologramError,
  PtyPairError: HologramError,
  // Bad input.
  InvalidCredentialsError: InvalidArgumentError,
  MissingCredentialsError: InvalidArgumentError,
  InvalidMessageModeError: InvalidArgumentError,
  UnknownNetworkError: InvalidArgumentError,
  SMSAddressError: InvalidArgumentError,
  // The modem.
  ATCommandError: ModemError,
  ATTimeoutError: ModemError,
  ModemDisconnectedError: ModemError,
  ModemInitError: ModemError,
  ModemNotReadyError: ModemError,
  ModemResetError: ModemError,
  ModemDetectError: ModemError,
  UnexpectedModemResponseError: ModemError,
  SerialPortOpenError: ModemError,
  SerialPortListError: ModemError,
  LocationError: ModemError,
  SMSSendError: ModemError,
  PDUDecodeError: ModemError,
  GSM7EncodingError: ModemError,
  SMSCodecError: ModemError,
  // The link.
  InterfaceNotFoundError: NetworkError,
  NetworkConnectTimeoutError: NetworkError,
  UnsupportedNetworkOperationError: NetworkError,
  CellularLinkLostError: NetworkError,
  CellularLinkTimeoutError: NetworkError,
  CellularModeError: NetworkError,
  PPPConnectionError: NetworkError,
  // The outbox.
  OutboxStoreError: OutboxError,
  OutboxLockedError: OutboxError,
  OutboxOverflowError: OutboxError,
  MessageDroppedError: OutboxError,
  // Sending to the cloud (a failed exchange over the modem's sockets is a TransportError too).
  TransportError: CloudError,
  ModemSocketError: CloudError,
  MessageFailedError: CloudError,
  MessageAttemptsExhaustedError: CloudError,
  MessageTimeoutError: CloudError,
  // Receiving.
  InboundListenError: InboundError,
  InboundMessageTooLargeError: InboundError,
  InboundConnectionDroppedError: InboundError,
  InboundListenerFullError: InboundError,
  InboundSenderTooSlowError: InboundError,
  // The REST API.
  APIError: RESTError,
};

const ENTRIES: Record<string, object> = {
  'hologram-rx': root,
  'hologram-rx/network': networkEntry,
  'hologram-rx/inbound': inboundEntry,
  'hologram-rx/rest': restEntry,
  'hologram-rx/modem': modemEntry,
  'hologram-rx/sms': smsEntry,
  'hologram-rx/operators': operatorsEntry,
  'hologram-rx/outbox': outboxEntry,
  'hologram-rx/testing': testingEntry,
};

const exported: [string, string, ErrorClass][] = Object.entries(ENTRIES).flatMap(([entry, names]) =>
  Object.entries(names)
    .filter(([, value]) => typeof value === 'function' && (value === Error || (value as { prototype: unknown }).prototype instanceof Error))
    .map(([name, value]): [string, string, ErrorClass] => [entry, name, value as ErrorClass]),
);

describe('error families', () => {
  it('finds the error classes of every entry', () => {
    expect(exported.length).toBeGreaterThan(50);
  });

  it.each(exported)('%s exports %s in its family', (_entry, name, ErrorClass) => {
    const family = FAMILIES[name];
    expect(family).toBeDefined(); // a new error class: give it a family in FAMILIES
    if (ErrorClass === HologramError) return;
    expect(ErrorClass.prototype).toBeInstanceOf(HologramError);
    expect(ErrorClass.prototype).toBeInstanceOf(family);
    // In exactly one family: none of the others.
    for (const other of [InvalidArgumentError, ModemError, NetworkError, OutboxError, CloudError, InboundError, RESTError]) {
      if (other !== family && other !== ErrorClass) expect(ErrorClass.prototype instanceof other).toBe(false);
    }
  });

});
