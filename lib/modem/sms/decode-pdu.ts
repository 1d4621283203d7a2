import { decodeAddressField, decodeSMSCField } from './address';
import { decodeDataCodingScheme } from './data-coding-scheme';
import { describeDeliveryStatus } from './delivery-status';
import { PDUDecodeError } from './pdu-decode-error';
import { PDUReader } from './pdu-reader';
import { SMSDeliverPDU, SMSPDU, SMSStatusReportPDU, SMSSubmitPDU } from './sms-pdu';
import { decodeTimestamp } from './timestamp';
import { decodeUserData, DecodedUserData } from './user-data';
import { decodeValidityPeriod } from './validity-period';

export interface DecodePDUOptions {
  /**
   * Whether the hex starts with the SMSC field. True for what modems print in PDU mode
   * (`+CMGR`, `+CMGL`, `+CMT`, `+CDS`); false for a bare TPDU.
   */
  readonly smscIncluded?: boolean;
}

/** TP-MTI values (bits 1–0 of the first octet), in the direction a modem reports them. */
const MTI_DELIVER = 0;
const MTI_SUBMIT = 1;
const MTI_STATUS_REPORT = 2;

/**
 * Decodes one hex PDU (3GPP TS 23.040 with the 27.005 SMSC prefix) into an SMS-DELIVER,
 * SMS-SUBMIT or SMS-STATUS-REPORT. Anything malformed throws a `PDUDecodeError` with the offset
 * and the expected field; no other exception escapes.
 */
export function decodePDU(hex: string, options: DecodePDUOptions = {}): SMSPDU {
  const reader = PDUReader.fromHex(hex);
  try {
    const smsc = options.smscIncluded === false ? undefined : decodeSMSCField(reader);
    const tpduLength = reader.remaining;
    const firstOctetOffset = reader.offset;
    const firstOctet = reader.byte('TPDU first octet');
    const base = { ...(smsc && { smsc }), tpduLength };
    switch (firstOctet & 0x03) {
      case MTI_DELIVER:
        return decodeDeliver(reader, firstOctet, base);
      case MTI_SUBMIT:
        return decodeSubmit(reader, firstOctet, base);
      case MTI_STATUS_REPORT:
        return decodeStatusReport(reader, firstOctet, base);
      default:
        return reader.fail('TP-MTI of SMS-DELIVER, SMS-SUBMIT or SMS-STATUS-REPORT', 'reserved value 3', firstOctetOffset);
    }
  } catch (error) {
    if (error instanceof PDUDecodeError) throw error;
    // Defence in depth: a bug must still surface as a decode error naming where it happened.
    throw new PDUDecodeError(reader.offset, 'a well-formed PDU', `internal decoder error: ${error instanceof Error ? error.message : String(error)}`);
  }
}

type Base = Pick<SMSDeliverPDU, 'smsc' | 'tpduLength'>;

function decodeDeliver(reader: PDUReader, firstOctet: number, base: Base): SMSDeliverPDU {
  const sender = decodeAddressField(reader, 'TP-OA');
  const protocolIdentifier = reader.byte('TP-PID');
  const dcsOffset = reader.offset;
  const dcs = decodeDataCodingScheme(reader.byte('TP-DCS'), dcsOffset);
  const timestamp = decodeTimestamp(reader, 'TP-SCTS');
  const userData = decodeUserData(reader, dcs.alphabet, (firstOctet & 0x40) !== 0);
  return {
    type: 'deliver',
    ...base,
    sender,
    timestamp,
    protocolIdentifier,
    dcs,
    ...userDataFields(userData),
    moreMessagesToSend: (firstOctet & 0x04) === 0,
    statusReportIndication: (firstOctet & 0x20) !== 0,
    replyPath: (firstOctet & 0x80) !== 0,
  };
}

function decodeSubmit(reader: PDUReader, firstOctet: number, base: Base): SMSSubmitPDU {
  const messageReference = reader.byte('TP-MR');
  const destination = decodeAddressField(reader, 'TP-DA');
  const protocolIdentifier = reader.byte('TP-PID');
  const dcsOffset = reader.offset;
  const dcs = decodeDataCodingScheme(reader.byte('TP-DCS'), dcsOffset);
  const validityPeriod = decodeValidityPeriod(reader, (firstOctet >> 3) & 0x03);
  const userData = decodeUserData(reader, dcs.alphabet, (firstOctet & 0x40) !== 0);
  return {
    type: 'submit',
    ...base,
    messageReference,
    destination,
    protocolIdentifier,
    dcs,
    ...(validityPeriod && { validityPeriod }),
    ...userDataFields(userData),
    rejectDuplicates: (firstOctet & 0x04) !== 0,
    statusReportRequest: (firstOctet & 0x20) !== 0,
    replyPath: (firstOctet & 0x80) !== 0,
  };
}

function decodeStatusReport(reader: PDUReader, firstOctet: number, base: Base): SMSStatusReportPDU {
  const messageReference = reader.byte('TP-MR');
  const recipient = decodeAddressField(reader, 'TP-RA');
  const serviceCentreTimestamp = decodeTimestamp(reader, 'TP-SCTS');
  const dischargeTime = decodeTimestamp(reader, 'TP-DT');
  const status = describeDeliveryStatus(reader.byte('TP-ST'));
  const report: SMSStatusReportPDU = {
    type: 'status-report',
    ...base,
    messageReference,
    recipient,
    serviceCentreTimestamp,
    dischargeTime,
    status,
    moreMessagesToSend: (firstOctet & 0x04) === 0,
    forCommand: (firstOctet & 0x20) !== 0,
  };
  if (reader.remaining === 0) return report;
  try {
    return { ...report, ...decodeStatusReportExtras(reader, firstOctet) };
  } catch (error) {
    // The optional tail is often filler from SMSCs; the delivery outcome above must not be lost.
    if (error instanceof PDUDecodeError) return report;
    throw error;
  }
}

/** TP-PI and the optional TP-PID / TP-DCS / TP-UDL+UD it announces. */
function decodeStatusReportExtras(reader: PDUReader, firstOctet: number): Partial<SMSStatusReportPDU> {
  const indicator = reader.byte('TP-PI');
  // Bit 7 extends TP-PI with further octets, whose bits are all reserved.
  let extension = indicator;
  while (extension & 0x80) extension = reader.byte('TP-PI extension');
  const protocolIdentifier = indicator & 0x01 ? reader.byte('TP-PID') : undefined;
  const dcsOffset = reader.offset;
  const dcs = indicator & 0x02 ? decodeDataCodingScheme(reader.byte('TP-DCS'), dcsOffset) : undefined;
  const userData = indicator & 0x04 ? decodeUserData(reader, dcs?.alphabet ?? 'gsm7', (firstOctet & 0x40) !== 0) : undefined;
  return {
    ...(protocolIdentifier !== undefined && { protocolIdentifier }),
    ...(dcs && { dcs }),
    ...(userData?.text !== undefined && { text: userData.text }),
    ...(userData?.data && { data: userData.data }),
  };
}

function userDataFields(userData: DecodedUserData) {
  const header = userData.header;
  return {
    ...(userData.text !== undefined && { text: userData.text }),
    ...(userData.data && { data: userData.data }),
    ...(header && { userDataHeader: header }),
    ...(header?.concat && { concat: header.concat }),
    ...(header?.ports && { ports: header.ports }),
  };
}
