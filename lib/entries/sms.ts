// hologram-rx/sms: the SMS PDU codec (3GPP TS 23.040 / 23.038, 27.005 PDU mode) and the
// reassembly of multipart messages. Pure: no I/O. Every name is listed on purpose;
// api/hologram-rx-sms.api.md records them.

export { encodeSubmit, defaultConcatReference, type SubmitOptions } from '../modem/sms/encode-submit';
export { encodeDeliver, encodeDeliverParts, type DeliverOptions } from '../modem/sms/encode-deliver';
export { decodePDU, type DecodePDUOptions } from '../modem/sms/decode-pdu';
export type { EncodedPDU, SMSPDU, SMSDeliverPDU, SMSSubmitPDU, SMSStatusReportPDU } from '../modem/sms/sms-pdu';
export { reassembleSMS } from '../modem/sms/reassemble-sms';
export type { AssembledSMS, AssemblerOptions } from '../modem/sms/concatenated-sms-assembler';
export { splitSMSText, type SMSEncoding, type SplitOptions, type SplitText } from '../modem/sms/sms-text-splitter';
export { canEncodeGSM7, countGSM7Septets, GSM7EncodingError } from '../modem/sms/gsm7-alphabet';
export { formatAddress, parseAddress, type NumberType, type SMSAddress, type SMSAddressInput } from '../modem/sms/address';
export { formatTimestamp, type SMSTimestamp } from '../modem/sms/timestamp';
export type { ConcatInfo, InformationElement, PortAddressing, UserDataHeader } from '../modem/sms/user-data-header';
export type {
  DataCodingScheme,
  DCSGroup,
  MessageClass,
  MessageWaitingIndication,
  SMSAlphabet,
} from '../modem/sms/data-coding-scheme';
export type { UserDataContent } from '../modem/sms/user-data';
export type { ValidityPeriod } from '../modem/sms/validity-period';
export { describeDeliveryStatus, type DeliveryStatus, type DeliveryStatusGroup } from '../modem/sms/delivery-status';
export { PDUDecodeError } from '../modem/sms/pdu-decode-error';
export { SMSCodecError } from '../modem/sms/sms-codec-error';
export { SMSAddressError } from '../modem/sms/sms-address-error';
