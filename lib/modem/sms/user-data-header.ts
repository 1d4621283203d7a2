import { PDUReader } from './pdu-reader';
import { SMSCodecError } from './sms-codec-error';

/**
 * The user data header (3GPP TS 23.040 §9.2.3.24): information elements in front of the text.
 * Concatenation (IEI 0x00, 8-bit reference; 0x08, 16-bit reference) and application ports
 * (0x04, 8-bit; 0x05, 16-bit) are interpreted; every element, known or not, is kept raw.
 */

/** One information element as found in the header. */
export interface InformationElement {
  readonly iei: number;
  readonly data: Buffer;
}

/** Which part of a concatenated message this PDU carries. */
export interface ConcatInfo {
  /** Same for every part of one message from one sender. */
  readonly reference: number;
  readonly referenceBits: 8 | 16;
  /** Number of parts in the whole message (1–255). */
  readonly total: number;
  /** This part's position, 1-based. */
  readonly sequence: number;
}

/** Application port addressing (WAP push, vendor protocols). */
export interface PortAddressing {
  readonly destination: number;
  readonly source: number;
  readonly portBits: 8 | 16;
}

export interface UserDataHeader {
  readonly elements: readonly InformationElement[];
  /** Present when a valid concatenation element is present. */
  readonly concat?: ConcatInfo;
  /** Present when a port addressing element is present. */
  readonly ports?: PortAddressing;
}

export const IEI_CONCAT_8BIT = 0x00;
export const IEI_PORTS_8BIT = 0x04;
export const IEI_PORTS_16BIT = 0x05;
export const IEI_CONCAT_16BIT = 0x08;

/**
 * Decodes a header whose length octet (UDHL) is at the reader's position. Elements that would run
 * past the header are an error; a concatenation element with a zero or out-of-range sequence is
 * kept raw but not interpreted, as the spec says to ignore it.
 */
export function decodeUserDataHeader(reader: PDUReader): UserDataHeader {
  const headerStart = reader.offset;
  const headerLength = reader.byte('user data header length');
  const end = reader.offset + headerLength;
  if (headerLength > reader.remaining) {
    reader.fail('user data header within the user data', `header length ${headerLength}, ${reader.remaining} octets left`, headerStart);
  }
  const elements: InformationElement[] = [];
  let concat: ConcatInfo | undefined;
  let ports: PortAddressing | undefined;
  while (reader.offset < end) {
    const elementStart = reader.offset;
    const iei = reader.byte('information element identifier');
    if (reader.offset >= end) reader.fail('information element length inside the header', undefined, reader.offset);
    const length = reader.byte('information element length');
    if (reader.offset + length > end) {
      reader.fail('information element inside the header', `IEI 0x${iei.toString(16)} length ${length} overruns the header`, elementStart);
    }
    const data = reader.bytes(length, 'information element data');
    elements.push({ iei, data });
    concat = interpretConcat(iei, data) ?? concat;
    ports = interpretPorts(iei, data) ?? ports;
  }
  return { elements, ...(concat && { concat }), ...(ports && { ports }) };
}

function interpretConcat(iei: number, data: Buffer): ConcatInfo | undefined {
  let info: ConcatInfo | undefined;
  if (iei === IEI_CONCAT_8BIT && data.length === 3) {
    info = { reference: data[0], referenceBits: 8, total: data[1], sequence: data[2] };
  } else if (iei === IEI_CONCAT_16BIT && data.length === 4) {
    info = { reference: data.readUInt16BE(0), referenceBits: 16, total: data[2], sequence: data[3] };
  }
  if (!info || info.total === 0 || info.sequence === 0 || info.sequence > info.total) return undefined;
  return info;
}

function interpretPorts(iei: number, data: Buffer): PortAddressing | undefined {
  if (iei === IEI_PORTS_8BIT && data.length === 2) return { destination: data[0], source: data[1], portBits: 8 };
  if (iei === IEI_PORTS_16BIT && data.length === 4) {
    return { destination: data.readUInt16BE(0), source: data.readUInt16BE(2), portBits: 16 };
  }
  return undefined;
}

/** The concatenation element for one part. */
export function concatElement(info: ConcatInfo): InformationElement {
  if (info.referenceBits === 16) {
    const data = Buffer.alloc(4);
    data.writeUInt16BE(info.reference & 0xffff, 0);
    data[2] = info.total;
    data[3] = info.sequence;
    return { iei: IEI_CONCAT_16BIT, data };
  }
  return { iei: IEI_CONCAT_8BIT, data: Buffer.from([info.reference & 0xff, info.total, info.sequence]) };
}

/** The port addressing element. */
export function portsElement(ports: PortAddressing): InformationElement {
  if (ports.portBits === 16) {
    const data = Buffer.alloc(4);
    data.writeUInt16BE(ports.destination, 0);
    data.writeUInt16BE(ports.source, 2);
    return { iei: IEI_PORTS_16BIT, data };
  }
  return { iei: IEI_PORTS_8BIT, data: Buffer.from([ports.destination, ports.source]) };
}

/** Encodes elements into a header, length octet (UDHL) first. */
export function encodeUserDataHeader(elements: readonly InformationElement[]): Buffer {
  const body = Buffer.concat(elements.map((element) => {
    if (element.data.length > 255) throw new SMSCodecError('userDataHeader', `information element 0x${element.iei.toString(16)} is longer than 255 octets`);
    return Buffer.concat([Buffer.from([element.iei, element.data.length]), element.data]);
  }));
  if (body.length > 139) throw new SMSCodecError('userDataHeader', `user data header of ${body.length} octets does not fit an SMS`);
  return Buffer.concat([Buffer.from([body.length]), body]);
}
