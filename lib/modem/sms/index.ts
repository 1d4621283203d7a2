/** SMS PDU codec (3GPP TS 23.040 / 23.038, 27.005 PDU mode) and reassembly of multipart SMS. Pure: no I/O. */
export { PDUDecodeError } from './pdu-decode-error';
export { SMSAddressError } from './sms-address-error';
export { PDUReader } from './pdu-reader';
export {
  GSM7_ESCAPE,
  GSM7EncodingError,
  canEncodeGSM7,
  countGSM7Septets,
  gsm7CharSeptets,
  septetsToText,
  textToSeptets,
} from './gsm7-alphabet';
export { fillBitsAfterHeader, packSeptets, packedLength, unpackSeptets } from './septet-packing';
export {
  decodeAddressField,
  decodeSemiOctets,
  decodeSMSCField,
  encodeAddressField,
  encodeSemiOctets,
  encodeSMSCField,
  formatAddress,
  parseAddress,
} from './address';
export type { NumberType, SMSAddress, SMSAddressInput } from './address';
export { decodeTimestamp, encodeTimestamp, formatTimestamp } from './timestamp';
export type { SMSTimestamp } from './timestamp';
export {
  IEI_CONCAT_16BIT,
  IEI_CONCAT_8BIT,
  IEI_PORTS_16BIT,
  IEI_PORTS_8BIT,
  concatElement,
  decodeUserDataHeader,
  encodeUserDataHeader,
  portsElement,
} from './user-data-header';
export type { ConcatInfo, InformationElement, PortAddressing, UserDataHeader } from './user-data-header';
export { decodeDataCodingScheme, encodeDataCodingScheme } from './data-coding-scheme';
export type { DataCodingScheme, DCSGroup, MessageClass, MessageWaitingIndication, SMSAlphabet } from './data-coding-scheme';
export { decodeUCS2, encodeUCS2, isHighSurrogate } from './ucs2';
export { MAX_OCTETS, MAX_SEPTETS, decodeUserData, encodeUserData } from './user-data';
export type { DecodedUserData, UserDataContent } from './user-data';
export { MAX_RELATIVE_VALIDITY_MINUTES, decodeRelativeValidity, encodeRelativeValidity } from './validity-period';
export type { ValidityPeriod } from './validity-period';
export { describeDeliveryStatus } from './delivery-status';
export type { DeliveryStatus, DeliveryStatusGroup } from './delivery-status';
export { concatHeaderOctets, splitSMSText } from './sms-text-splitter';
export type { SMSEncoding, SplitOptions, SplitText } from './sms-text-splitter';
export { defaultConcatReference, encodeSubmit } from './encode-submit';
export type { SubmitOptions } from './encode-submit';
export { encodeDeliver, encodeDeliverParts } from './encode-deliver';
export type { DeliverOptions } from './encode-deliver';
export { decodePDU } from './decode-pdu';
export type { DecodePDUOptions } from './decode-pdu';
export type { EncodedPDU, SMSDeliverPDU, SMSPDU, SMSStatusReportPDU, SMSSubmitPDU } from './sms-pdu';
export {
  addSMSPart,
  concatKey,
  expireSMSParts,
  flushSMSParts,
  initialAssemblerState,
  nextExpiry,
} from './concatenated-sms-assembler';
export type { AssembledSMS, AssemblerOptions, AssemblerState, AssemblerStep } from './concatenated-sms-assembler';
export { reassembleSMS } from './reassemble-sms';
