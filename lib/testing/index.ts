// Test doubles shipped with the SDK: the cloud and REST emulators, the modem simulator, the pty
// pair, and the virtual-time pieces (a clock, a serial binding, a scripted AT port).
export { CloudEmulator, type CloudEmulatorFaults, type CloudEmulatorOptions, type ReceivedFrame } from './cloud-emulator';
export type { MessageFrame, SMSFrame } from '../cloud/cloud-frame';
export {
  ModemSimulator,
  DEFAULT_POSITION,
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
  type USBId,
  type Registration,
  type ReceivedRecords,
  type SimulatedPosition,
  type SMSMemory,
  type SocketWrite,
  type SubmittedSMS,
  type DataCall,
  type PhonebookEntry,
  type PhonebookMemory,
  type SRegister,
  duplexPair,
} from './modem-simulator';
export { openPtyPair, PtyPairError, type PtyPair } from './pty-pair';
export { ScriptedPort, table, type Reply } from './scripted-port';
export { VirtualClock } from './virtual-clock';
export { VirtualSerialBinding, VirtualPortBinding } from './virtual-serial-binding';
export { RESTEmulator, DEFAULT_EMULATED_PLANS } from './rest-emulator';
export type { RESTEmulatorFaults, RESTEmulatorOptions, RESTHostileAnswer, RESTRequestRecord } from './rest-emulator';
export type { EmulatedPlan, EmulatedZone } from './rest/rest-routes';
