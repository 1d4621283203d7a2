// Test doubles shipped with the SDK: the cloud emulator, the modem simulator and the pty pair.
export { CloudEmulator, type CloudEmulatorFaults, type CloudEmulatorOptions, type ReceivedFrame } from './cloud-emulator';
export {
  ModemSimulator,
  type ModemSimulatorOptions,
  type SimulatedListener,
  BG96,
  EC21,
  SARA_R410,
  SARA_U201,
  MODEM_PERSONALITIES,
  findPersonality,
  type ModemIdentity,
  type ModemPersonality,
  type ModemVendor,
  type RegistrationCommand,
  type UsbId,
  type Registration,
  type ReceivedRecords,
  type SocketWrite,
  type SubmittedSms,
  duplexPair,
} from './modem-simulator';
export type { MessageFrame, SmsFrame } from '../cloud/cloud-frame';
export { openPtyPair, PtyPairError, type PtyPair } from './pty-pair';
export { RestEmulator, DEFAULT_EMULATED_PLANS } from './rest-emulator';
export type { RestEmulatorFaults, RestEmulatorOptions, RestRequestRecord } from './rest-emulator';
export type { EmulatedPlan } from './rest/rest-routes';
