// hologram-rx/sms: the SMS PDU codec (3GPP TS 23.040 / 23.038, 27.005 PDU mode) and the
// reassembly of multipart messages. Pure: no I/O. Every name is listed on purpose;
// api/hologram-rx-sms.api.md records them.

export { encodeSubmit, defaultConcatReference, type SubmitOptions } from '../modem/sms/encode-submit';
export { encodeDeliver, encodeDeliverParts, type DeliverOptions } from '../modem/sms/encode-deliver';
export { decodePdu, type DecodePduOptions } from '../modem/sms/decode-pdu';
export type { EncodedPdu, SmsPdu, SmsDeliverPdu, SmsSubmitPdu, SmsStatusReportPdu } from '../modem/sms/sms-pdu';
export { reassembleSms } from '../modem/sms/reassemble-sms';
export type { AssembledSms, AssemblerOptions } from '../modem/sms/concatenated-sms-assembler';
export { splitSmsText, type SmsEncoding, type SplitOptions, type SplitText } from '../modem/sms/sms-text-splitter';
export { canEncodeGsm7, countGsm7Septets, Gsm7EncodingError } from '../modem/sms/gsm7-alphabet';
export { formatAddress, parseAddress, type NumberType, type SmsAddress, type SmsAddressInput } from '../modem/sms/address';
export { formatTimestamp, type SmsTimestamp } from '../modem/sms/timestamp';
export type { ConcatInfo, InformationElement, PortAddressing, UserDataHeader } from '../modem/sms/user-data-header';
export type {
  DataCodingScheme,
  DcsGroup,
  MessageClass,
  MessageWaitingIndication,
  SmsAlphabet,
} from '../modem/sms/data-coding-scheme';
export type { UserDataContent } from '../modem/sms/user-data';
export type { ValidityPeriod } from '../modem/sms/validity-period';
export { describeDeliveryStatus, type DeliveryStatus, type DeliveryStatusGroup } from '../modem/sms/delivery-status';
export { PduDecodeError } from '../modem/sms/pdu-decode-error';
export { SmsAddressError } from '../modem/sms/sms-address-error';
