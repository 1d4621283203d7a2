// Modem layer barrel: the AT core and the serial port.
export * from './at';
export { SerialPortConnection, SerialPortOpenError, SerialPortListError, listSerialPorts } from './serial-port-connection';
export type { SerialPortConnectionOptions, SerialPortConnectionState, SerialPortInfo } from './serial-port-connection';
export * from './sockets';
// The modem: drivers, status parsers, init, detection, SMS.
export * from './drivers';
export { Modem } from './modem';
export type { ModemOptions, ResetOptions } from './modem';
export type { ModemState, ModemIdentity, ModemStatus, ModemEvent, ModemEventName } from './modem-status';
export { csqToDbm, parseSignalQuality, parseExtendedSignalQuality } from './signal-quality';
export type { SignalQuality, ExtendedSignalQuality } from './signal-quality';
export { parseRegistration, registrationState, combineRegistrations, sameRegistration, isRegisteredState } from './registration-status';
export type { RegistrationFamily, RegistrationState, RegistrationStatus } from './registration-status';
export { parseCops, parseUdopn } from './operator';
export type { NetworkOperator } from './operator';
export { initializeModem, driverSteps, BASE_STEPS } from './modem-init';
export type { InitStep, InitResult } from './modem-init';
export { ModemInitError } from './modem-init-error';
export { ModemDetectError } from './modem-detect-error';
export { ModemResetError } from './modem-reset-error';
export { detectModemPort, modemCandidates } from './modem-detect';
export type { DetectOptions, ModemCandidate } from './modem-detect';
export { SmsService } from './sms-service';
export type { ReceivedSms, SmsServiceOptions, SmsServiceDependencies } from './sms-service';
export { SmsSendError } from './sms-send-error';
export { parseMessageList, parseMessageRead, storedSms } from './stored-sms';
export type { StoredSms, StoredSmsStatus } from './stored-sms';
export { validateApn } from './apn';
