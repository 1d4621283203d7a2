/** SMS PDU codec (3GPP TS 23.040 / 23.038, 27.005 PDU mode) and reassembly of multipart SMS. Pure: no I/O. */
export { PduDecodeError } from './pdu-decode-error';
export { SmsAddressError } from './sms-address-error';
export { PduReader } from './pdu-reader';
export {
  GSM7_ESCAPE,
  Gsm7EncodingError,
  canEncodeGsm7,
  countGsm7Septets,
  gsm7CharSeptets,
  septetsToText,
  textToSeptets,
} from './gsm7-alphabet';
export { fillBitsAfterHeader, packSeptets, packedLength, unpackSeptets } from './septet-packing';
export {
  decodeAddressField,
  decodeSemiOctets,
  decodeSmscField,
  encodeAddressField,
  encodeSemiOctets,
  encodeSmscField,
  formatAddress,
  parseAddress,
} from './address';
export type { NumberType, SmsAddress, SmsAddressInput } from './address';
export { decodeTimestamp, encodeTimestamp, formatTimestamp } from './timestamp';
export type { SmsTimestamp } from './timestamp';
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
export type { DataCodingScheme, DcsGroup, MessageClass, MessageWaitingIndication, SmsAlphabet } from './data-coding-scheme';
export { decodeUcs2, encodeUcs2, isHighSurrogate } from './ucs2';
export { MAX_OCTETS, MAX_SEPTETS, decodeUserData, encodeUserData } from './user-data';
export type { DecodedUserData, UserDataContent } from './user-data';
export { MAX_RELATIVE_VALIDITY_MINUTES, decodeRelativeValidity, encodeRelativeValidity } from './validity-period';
export type { ValidityPeriod } from './validity-period';
export { describeDeliveryStatus } from './delivery-status';
export type { DeliveryStatus, DeliveryStatusGroup } from './delivery-status';
export { concatHeaderOctets, splitSmsText } from './sms-text-splitter';
export type { SmsEncoding, SplitOptions, SplitText } from './sms-text-splitter';
export { defaultConcatReference, encodeSubmit } from './encode-submit';
export type { SubmitOptions } from './encode-submit';
export { encodeDeliver, encodeDeliverParts } from './encode-deliver';
export type { DeliverOptions } from './encode-deliver';
export { decodePdu } from './decode-pdu';
export type { DecodePduOptions } from './decode-pdu';
export type { EncodedPdu, SmsDeliverPdu, SmsPdu, SmsStatusReportPdu, SmsSubmitPdu } from './sms-pdu';
export {
  addSmsPart,
  concatKey,
  expireSmsParts,
  flushSmsParts,
  initialAssemblerState,
  nextExpiry,
} from './concatenated-sms-assembler';
export type { AssembledSms, AssemblerOptions, AssemblerState, AssemblerStep } from './concatenated-sms-assembler';
export { reassembleSms } from './reassemble-sms';
