import { SMSAddress } from './address';
import { DataCodingScheme } from './data-coding-scheme';
import { DeliveryStatus } from './delivery-status';
import { SMSTimestamp } from './timestamp';
import { ConcatInfo, PortAddressing, UserDataHeader } from './user-data-header';
import { ValidityPeriod } from './validity-period';

/** What `decodePDU` returns: one of the three TPDUs a modem shows in PDU mode, tagged by `type`. */
export type SMSPDU = SMSDeliverPDU | SMSSubmitPDU | SMSStatusReportPDU;

/** Fields every decoded PDU has. */
interface DecodedPDUBase {
  /** The SMSC field; undefined when it was `00` (the modem's default). */
  readonly smsc?: SMSAddress;
  /** TPDU length in octets (SMSC field excluded), as `+CMGR`/`+CMT` report it. */
  readonly tpduLength: number;
}

/** Fields of a PDU that carries user data. */
interface UserDataFields {
  readonly protocolIdentifier: number;
  readonly dcs: DataCodingScheme;
  /** The text, for GSM 7-bit and UCS2 user data. */
  readonly text?: string;
  /** The payload, for 8-bit user data. */
  readonly data?: Buffer;
  readonly userDataHeader?: UserDataHeader;
  /** Set when this PDU is one part of a concatenated message. */
  readonly concat?: ConcatInfo;
  /** Set when the message is addressed to an application port. */
  readonly ports?: PortAddressing;
}

/** An incoming message (SC → MS). */
export interface SMSDeliverPDU extends DecodedPDUBase, UserDataFields {
  readonly type: 'deliver';
  readonly sender: SMSAddress;
  /** When the SMSC received the message. */
  readonly timestamp: SMSTimestamp;
  readonly moreMessagesToSend: boolean;
  readonly statusReportIndication: boolean;
  readonly replyPath: boolean;
}

/** An outgoing message (MS → SC), as stored in the modem or built by `encodeSubmit`. */
export interface SMSSubmitPDU extends DecodedPDUBase, UserDataFields {
  readonly type: 'submit';
  readonly messageReference: number;
  readonly destination: SMSAddress;
  readonly validityPeriod?: ValidityPeriod;
  readonly statusReportRequest: boolean;
  readonly rejectDuplicates: boolean;
  readonly replyPath: boolean;
}

/** A delivery report for a message sent with a status report request. */
export interface SMSStatusReportPDU extends DecodedPDUBase {
  readonly type: 'status-report';
  /** TP-MR of the SMS-SUBMIT this report is about (the `+CMGS: <mr>` value). */
  readonly messageReference: number;
  readonly recipient: SMSAddress;
  /** When the SMSC received the original message. */
  readonly serviceCentreTimestamp: SMSTimestamp;
  /** When it was delivered, or when the status below was reached. */
  readonly dischargeTime: SMSTimestamp;
  readonly status: DeliveryStatus;
  readonly moreMessagesToSend: boolean;
  /** False: result of an SMS-SUBMIT; true: result of an SMS-COMMAND. */
  readonly forCommand: boolean;
  /** Optional trailing user data some SMSCs add. */
  readonly protocolIdentifier?: number;
  readonly dcs?: DataCodingScheme;
  readonly text?: string;
  readonly data?: Buffer;
}

/** One encoded PDU, ready for `AT+CMGS=<tpduLength>` followed by `pdu` and Ctrl-Z. */
export interface EncodedPDU {
  /** Upper-case hex, SMSC field first. */
  readonly pdu: string;
  /** Octets after the SMSC field: the `<length>` of `AT+CMGS`/`AT+CMGW`. */
  readonly tpduLength: number;
}
