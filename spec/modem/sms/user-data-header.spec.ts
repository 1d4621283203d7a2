import { SMSCodecError } from '../../../lib/modem/sms/sms-codec-error';
import { PDUReader } from '../../../lib/modem/sms/pdu-reader';
import { PDUDecodeError } from '../../../lib/modem/sms/pdu-decode-error';
import {
  concatElement,
  decodeUserDataHeader,
  encodeUserDataHeader,
  portsElement,
} from '../../../lib/modem/sms/user-data-header';

const decode = (hexText: string) => decodeUserDataHeader(PDUReader.fromHex(hexText));

describe('user data header', () => {
  // python-gsmmodem concatenation and port IE tests, with their UDHL prepended.
  it('8-bit concatenation reference: 00 03 17 03 01', () => {
    expect(decode('050003170301')).toEqual({
      elements: [{ iei: 0x00, data: Buffer.from('170301', 'hex') }],
      concat: { reference: 23, referenceBits: 8, total: 3, sequence: 1 },
    });
    expect(encodeUserDataHeader([concatElement({ reference: 23, referenceBits: 8, total: 3, sequence: 1 })]).toString('hex')).toBe('050003170301');
  });

  it('16-bit concatenation reference: 08 04 0180 04 02', () => {
    expect(decode('06080401800402').concat).toEqual({ reference: 384, referenceBits: 16, total: 4, sequence: 2 });
    expect(encodeUserDataHeader([concatElement({ reference: 384, referenceBits: 16, total: 4, sequence: 2 })]).toString('hex')).toBe('06080401800402');
  });

  it('8- and 16-bit application ports', () => {
    expect(decode('0404026432').ports).toEqual({ destination: 100, source: 50, portBits: 8 });
    expect(decode('06050404D21466').ports).toEqual({ destination: 1234, source: 5222, portBits: 16 });
    expect(encodeUserDataHeader([portsElement({ destination: 1234, source: 5222, portBits: 16 })]).toString('hex')).toBe('06050404d21466');
    expect(encodeUserDataHeader([portsElement({ destination: 100, source: 50, portBits: 8 })]).toString('hex')).toBe('0404026432');
  });

  it('keeps unknown elements and skips them to reach known ones', () => {
    const header = decode('0A' + '2403AABBCC' + '0003420201');
    expect(header.elements.map((element) => element.iei)).toEqual([0x24, 0x00]);
    expect(header.concat).toEqual({ reference: 0x42, referenceBits: 8, total: 2, sequence: 1 });
  });

  it.each([
    ['sequence 0', '050003170300'],
    ['sequence above total', '050003170304'],
    ['total 0', '050003170000'],
    ['wrong element length', '0400021703'],
  ])('does not interpret a concatenation element with %s', (_name, header) => {
    const decoded = decode(header);
    expect(decoded.concat).toBeUndefined();
    expect(decoded.elements).toHaveLength(1);
  });

  it.each([
    ['header longer than the data', '0600031703', 0],
    ['element overrunning the header', '0300050102', 1],
    ['identifier without a length', '01' + '00', 2],
  ])('rejects a %s', (_name, header, offset) => {
    expect(() => decode(header)).toThrow(PDUDecodeError);
    expect(() => decode(header)).toThrow(expect.objectContaining({ offset }));
  });

  it('refuses to encode a header that cannot fit', () => {
    expect(() => encodeUserDataHeader([{ iei: 0x70, data: Buffer.alloc(200) }])).toThrow(SMSCodecError);
  });
});
