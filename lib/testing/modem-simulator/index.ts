export { DEFAULT_POSITION, ModemSimulator, type ModemSimulatorOptions, type SimulatedListener } from './modem-simulator';
export {
  BG96,
  EC21,
  findPersonality,
  MODEM_PERSONALITIES,
  SARA_R410,
  SARA_U201,
  type ModemIdentity,
  type ModemPersonality,
  type ModemVendor,
  type RegistrationCommand,
  type USBId,
} from './personality';
export type { Registration } from './registration';
export type { DataCall, PhonebookEntry, PhonebookMemory, ReceivedRecords, SimulatedPosition, SMSMemory, SocketWrite, SubmittedSMS } from './modem-state';
export { CME_ERROR_TEXT, CMS_ERROR_TEXT } from './result-codes';
export { duplexPair } from '../duplex-pair';
export type { SRegister } from './v250-profile';
