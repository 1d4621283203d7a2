// hologram-rx/modem: what `Modem` reports and raises, and the layers under it for people who build
// on them: the serial connection, the AT engine, the drivers, detection, the modem's sockets and
// the readers of its common answers. `Modem` itself, with its options and states, is in the root
// entry. Every name is listed on purpose; api/hologram-rx-modem.api.md records them.

// What the modem reports and raises (the family, `ModemError`, is in the root entry).
export type { ResetOptions } from '../modem/modem';
export type { ModemIdentity, ModemStatus, ModemEvent, ModemEventName } from '../modem/modem-status';
export type { ModemPhase, InitCause } from '../modem/modem-lifecycle';
export type { ModemLocation } from '../modem/location/modem-location';
export { DEFAULT_LOCATION_TIMEOUT_MS, type LocationOptions } from '../modem/location/location-options';
export { LocationError, type LocationErrorReason } from '../modem/location/location-error';
export { ModemInitError } from '../modem/modem-init-error';
export { ModemNotReadyError } from '../modem/modem-not-ready-error';
export { UnexpectedModemResponseError } from '../modem/unexpected-modem-response-error';
export { ModemDetectError } from '../modem/modem-detect-error';
export { ModemResetError } from '../modem/modem-reset-error';
export { detectModemPort, modemCandidates, type DetectOptions, type ModemCandidate } from '../modem/modem-detect';
export { scanModems, type ModemScanOptions } from '../modem/detect/scan-modems';
export type { DetectedModem } from '../modem/detect/detected-modem';
export type { PortScanOptions } from '../modem/detect/serial-port-scan';
export type { PortCandidate } from '../modem/detect/port-candidates';

// The serial port.
export {
  SerialPortConnection,
  SerialPortOpenError,
  SerialPortListError,
  listSerialPorts,
  type SerialPortConnectionOptions,
  type SerialPortConnectionState,
  type SerialPortMove,
  type SerialPortInfo,
} from '../modem/serial-port-connection';
export type { SerialBinding, SerialBindingPort, SerialBindingPortInfo, SerialOpenOptions, SerialPortStatus } from '../modem/serial-binding';

// Raw AT.
export {
  ATEngine,
  type ATEngineState,
  type ATEngineOptions,
  type ATCommandOptions,
  type ATRetryOptions,
  type ATActivity,
} from '../modem/at/at-engine';
export { fitsAnswerShape, answerValue, IMEI_ANSWER, IMSI_ANSWER, type ATAnswerShape, type ATValueShape } from '../modem/at/answer-shape';
export type { ATParserOptions } from '../modem/at/at-parser';
export { duplexATPort, type ATPort } from '../modem/at/at-port';
export type { ATResponse } from '../modem/at/at-response';
export { ATCommandError, ATTimeoutError, ModemDisconnectedError, type DisconnectReason } from '../modem/at/at-errors';
export type { FinalResult } from '../modem/at/final-result';
export type { URC, URCRule } from '../modem/at/urc';
export { DEFAULT_COMMAND_TIMEOUT_MS } from '../modem/at/command-timeouts';

// Drivers.
export type { ModemDriver, USBId, QueryCommand, InitCommand, SocketDialect, LocationMethod } from '../modem/drivers/modem-driver';
export { UBLOX_SARA_U201, UBLOX_SARA_R4 } from '../modem/drivers/ublox';
export { QUECTEL_BG96, QUECTEL_EC21 } from '../modem/drivers/quectel';
export { HUAWEI } from '../modem/drivers/huawei';
export { GENERIC_3GPP } from '../modem/drivers/generic';
export { MODEM_DRIVERS, selectDriver, driverForUSBId, type DriverHints } from '../modem/drivers/select-driver';

// Readers of the answers every modem gives.
export {
  csqToDbm,
  parseSignalQuality,
  parseExtendedSignalQuality,
  type SignalQuality,
  type ExtendedSignalQuality,
} from '../modem/signal-quality';
export {
  parseRegistration,
  isRegisteredState,
  type RegistrationFamily,
  type RegistrationState,
  type RegistrationStatus,
} from '../modem/registration-status';
export { parseCops, type NetworkOperator } from '../modem/operator';

// SMS over the AT port: what `Modem.listSMS()` and friends give back (the PDU codec itself is hologram-rx/sms).
export type { StoredSMS, StoredSMSStatus } from '../modem/stored-sms';
export { storedSMSMessages, type StoredSMSMessage } from '../modem/stored-sms-messages';
export { SMSSendError } from '../modem/sms-send-error';

// The modem's own TCP stack: cloud messages and inbound sockets without PPP.
export { ModemSocketTransport, type ModemSocketTransportOptions } from '../modem/sockets/modem-socket-transport';
export {
  ModemSocketListener,
  type InboundSocketMessage,
  type ModemSocketListenerOptions,
} from '../modem/sockets/modem-socket-listener';
export { PDPContext, type PDPContextLost, type PDPContextOptions, type PDPContextState } from '../modem/sockets/pdp-context';
export type { PDPFlavour } from '../modem/sockets/pdp-dialect';
export type { QuectelAccessMode } from '../modem/sockets/quectel-socket-dialect';
export type { SocketVendor } from '../modem/sockets/socket-vendor';
export { ModemSocketError, type ModemSocketErrorDetails, type ModemSocketStage } from '../modem/sockets/modem-socket-error';
