import { decodePDU } from '../../../lib/modem/sms/decode-pdu';
import { PDUDecodeError } from '../../../lib/modem/sms/pdu-decode-error';
import { formatAddress } from '../../../lib/modem/sms/address';
import { formatTimestamp } from '../../../lib/modem/sms/timestamp';
import { DELIVER_FIXTURES, hex } from './pdu-fixtures';

function expectDecodeError(pdu: string, offset: number, expected: RegExp): PDUDecodeError {
  let caught: unknown;
  try {
    decodePDU(pdu);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(PDUDecodeError);
  const error = caught as PDUDecodeError;
  expect(error.offset).toBe(offset);
  expect(error.expected).toMatch(expected);
  expect(error.message).toContain(`octet ${offset}`);
  return error;
}

describe('decodePDU: SMS-DELIVER fixtures', () => {
  it.each(DELIVER_FIXTURES.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
    const pdu = decodePDU(fixture.pdu);
    if (pdu.type !== 'deliver') throw new Error(`expected deliver, got ${pdu.type}`);
    expect(pdu.smsc && formatAddress(pdu.smsc)).toBe(fixture.smsc);
    expect(pdu.sender).toMatchObject(fixture.sender);
    expect(formatTimestamp(pdu.timestamp)).toBe(fixture.timestamp);
    expect(pdu.timestamp.offsetMinutes).toBe(fixture.offsetMinutes);
    expect(pdu.dcs.alphabet).toBe(fixture.alphabet);
    expect(pdu.text).toBe(fixture.text);
    expect(pdu.data?.toString('hex').toUpperCase()).toBe(fixture.data);
    expect(pdu.concat).toEqual(fixture.concat);
    expect(pdu.protocolIdentifier).toBe(fixture.protocolIdentifier ?? 0);
    expect(pdu.dcs.messageClass).toBe(fixture.messageClass);
    const smscOctets = parseInt(fixture.pdu.slice(0, 2), 16) + 1;
    expect(pdu.tpduLength).toBe(fixture.pdu.length / 2 - smscOctets);
  });

  it('reports the TP-MMS, TP-SRI and TP-RP flags', () => {
    const hello = DELIVER_FIXTURES[0].pdu;
    // First octet 0x04 → 0xA0: reply path, status report indication, more messages waiting.
    const flagged = decodePDU(hello.slice(0, 16) + 'A0' + hello.slice(18));
    expect(flagged).toMatchObject({ type: 'deliver', replyPath: true, statusReportIndication: true, moreMessagesToSend: true });
    expect(decodePDU(hello)).toMatchObject({ replyPath: false, statusReportIndication: false, moreMessagesToSend: false });
  });

  it('decodes port addressing and keeps unknown information elements', () => {
    const pdu = decodePDU(
      hex(
        '00', // no SMSC
        '40', // SMS-DELIVER, TP-UDHI
        '0B', '91', '5155551532F4', // TP-OA +15555551234
        '00', '04', // TP-PID, TP-DCS 8-bit
        '52110121436500', // TP-SCTS 25-11-10 12:34:56 +00:00
        '10', // TP-UDL 16 octets
        '0C', // UDHL 12
        '05', '04', '0B84', '23F0', // IEI 0x05: destination port 2948 (WAP push), source 9200
        '70', '02', 'ABCD', // IEI 0x70 (unknown here): kept raw
        '01', '00', // IEI 0x01 with no data
        'C0FFEE', // payload
      ),
    );
    expect(pdu).toMatchObject({ type: 'deliver', ports: { destination: 2948, source: 9200, portBits: 16 } });
    if (pdu.type !== 'deliver') return;
    expect(pdu.concat).toBeUndefined();
    expect(pdu.userDataHeader?.elements.map((element) => [element.iei, element.data.toString('hex')])).toEqual([
      [0x05, '0b8423f0'],
      [0x70, 'abcd'],
      [0x01, ''],
    ]);
    expect(pdu.data?.toString('hex')).toBe('c0ffee');
  });

  it('decodes a PDU given without its SMSC field', () => {
    const pdu = decodePDU(DELIVER_FIXTURES[0].pdu.slice(16), { smscIncluded: false });
    expect(pdu).toMatchObject({ type: 'deliver', text: 'hellohello', tpduLength: 28 });
    expect(pdu.smsc).toBeUndefined();
  });
});

describe('decodePDU: SMS-SUBMIT fixtures', () => {
  it('relative validity and a status report request (python-gsmmodem)', () => {
    const pdu = decodePDU(
      hex(
        '07', '91', '1326040000F0', // SMSC +31624000000
        '31', // SMS-SUBMIT, TP-VPF relative, TP-SRR
        '0D', // TP-MR 13
        '0B', '91', '1326880736F4', // TP-DA +31628870634
        '00', '00', // TP-PID, TP-DCS
        'A9', // TP-VP: 169 → 3 days
        '0F', // TP-UDL 15 septets
        'F7FBDD454E87CDE1B0DB357EB701', // "www.diafaan.com"
      ),
    );
    expect(pdu).toMatchObject({
      type: 'submit',
      messageReference: 13,
      destination: { type: 'international', number: '+31628870634' },
      validityPeriod: { format: 'relative', minutes: 3 * 24 * 60 },
      statusReportRequest: true,
      rejectDuplicates: false,
      text: 'www.diafaan.com',
    });
  });

  it('UCS2 text (python-gsmmodem)', () => {
    const pdu = decodePDU(
      hex(
        '07', '91', '4346466554F6', // SMSC +34646456456
        '01', // SMS-SUBMIT, no validity period
        '00', // TP-MR
        '0B', '91', '4316565811F9', // TP-DA +34616585119
        '00', '08', // TP-PID, TP-DCS UCS2
        '06', // TP-UDL 6 octets
        '304253F68449', // あ叶葉
      ),
    );
    expect(pdu).toMatchObject({ type: 'submit', text: 'あ叶葉', smsc: { number: '+34646456456' } });
    expect(pdu.type === 'submit' && pdu.validityPeriod).toBeFalsy();
  });

  it('8-bit data (python-gsmmodem)', () => {
    const pdu = decodePDU(
      hex('05', '91', '721891F1', '01', '00', '0B', '91', '7228214365F7', '00', '04', '0C', '48656C6C6F20776F726C6421'),
    );
    expect(pdu).toMatchObject({ type: 'submit', destination: { number: '+27821234567' } });
    expect(pdu.type === 'submit' && pdu.data?.toString('latin1')).toBe('Hello world!');
  });

  it('absolute validity period (python-gsmmodem)', () => {
    const pdu = decodePDU(
      hex(
        '00', // no SMSC
        '19', // SMS-SUBMIT, TP-VPF absolute
        '00', // TP-MR
        '0B', '91', '7228001011F1', // TP-DA +27820001111
        '00', '00', // TP-PID, TP-DCS
        '31700131930080', // TP-VP: 13-07-10 13:39:00 +02:00
        '17', // TP-UDL 23 septets
        'D474BB3CA787DB70903DCC4E93D3F43C885E9ED301',
      ),
    );
    if (pdu.type !== 'submit' || pdu.validityPeriod?.format !== 'absolute') throw new Error('expected absolute validity');
    expect(formatTimestamp(pdu.validityPeriod.expires)).toBe('2013-07-10T13:39:00+02:00');
    expect(pdu.text).toBe('Timestamp validity test');
  });

  it('a SUBMIT stored by a modem (ModemManager pdu-stored-by-us)', () => {
    const pdu = decodePDU(
      hex('00', '21', '00', '09', '81', '36397339F7', '00', '08', '22', '4F60597D4F60597D4F60597D4F60597D4F60597D4F60597D4F60597D4F60597D4F60'),
    );
    expect(pdu).toMatchObject({
      type: 'submit',
      destination: { type: 'unknown', number: '639337937' },
      statusReportRequest: true,
      text: '你好你好你好你好你好你好你好你好你',
    });
  });
});

describe('decodePDU: SMS-STATUS-REPORT fixtures', () => {
  it('delivered, without SMSC (python-gsmmodem)', () => {
    const pdu = decodePDU(
      hex(
        '00', // no SMSC
        '06', // SMS-STATUS-REPORT, no more messages
        'D6', // TP-MR 214
        '0B', '91', '1326880736F4', // TP-RA +31628870634
        '11101171955140', // TP-SCTS 11-01-11 17:59:15 +01:00
        '11101171957140', // TP-DT 11-01-11 17:59:17 +01:00
        '00', // TP-ST: received by the recipient
      ),
    );
    if (pdu.type !== 'status-report') throw new Error('expected status report');
    expect(pdu.messageReference).toBe(214);
    expect(pdu.recipient).toMatchObject({ number: '+31628870634' });
    expect(formatTimestamp(pdu.serviceCentreTimestamp)).toBe('2011-01-11T17:59:15+01:00');
    expect(formatTimestamp(pdu.dischargeTime)).toBe('2011-01-11T17:59:17+01:00');
    expect(pdu.status).toEqual({ code: 0, group: 'delivered', final: true, description: 'short message received by the recipient' });
    expect(pdu.smsc).toBeUndefined();
  });

  it('still trying (ModemManager pdu-not-stored)', () => {
    const pdu = decodePDU(
      hex(
        '07', '91', '4356060013F1', // SMSC +34656000311
        '06', // SMS-STATUS-REPORT
        '5A', // TP-MR 90
        '09', '81', '36397339F7', // TP-RA 639337937 (unknown type)
        '21901170046380', // TP-SCTS 12-09-11 07:40:36 +02:00
        '21901170046380', // TP-DT
        '30', // TP-ST 0x30: SMSC-specific temporary error, still trying
      ),
    );
    expect(pdu).toMatchObject({
      type: 'status-report',
      messageReference: 90,
      recipient: { type: 'unknown', number: '639337937' },
      status: { code: 0x30, group: 'pending', final: false },
    });
  });

  it('a ZTE report with an odd recipient digit (python-gsmmodem)', () => {
    const pdu = decodePDU(
      hex(
        '02', '97', 'F1', // SMSC: 1 digit, padded
        '06', // SMS-STATUS-REPORT
        '1C', // TP-MR 28
        '0F', '91', '0B487228297020F5', // TP-RA: 15 semi-octets, first one 0xB ('#')
        '31706241927280', // TP-SCTS 13-07-26 14:29:27 +02:00
        '31706241921380', // TP-DT 13-07-26 14:29:31 +02:00
        '00', // TP-ST delivered
      ),
    );
    if (pdu.type !== 'status-report') throw new Error('expected status report');
    expect(pdu.messageReference).toBe(28);
    expect(formatAddress(pdu.recipient)).toBe('+#08427829207025');
    expect(formatTimestamp(pdu.dischargeTime)).toBe('2013-07-26T14:29:31+02:00');
    expect(pdu.status.group).toBe('delivered');
  });

  it('reads the optional TP-PI tail and ignores a broken one', () => {
    const head = hex('00', '06', '01', '04', '81', '2143', '52110121436500', '52110121436500', '46');
    const withTail = decodePDU(head + hex('07', '00', '00', '02', 'C834')); // TP-PI: PID+DCS+UD, "Hi"
    expect(withTail).toMatchObject({ type: 'status-report', protocolIdentifier: 0, text: 'Hi', status: { group: 'failed', description: 'validity period expired' } });
    const brokenTail = decodePDU(head + hex('07', '00'));
    expect(brokenTail).toMatchObject({ type: 'status-report', messageReference: 1, status: { code: 0x46 } });
    expect(brokenTail.type === 'status-report' && brokenTail.text).toBeFalsy();
  });
});

describe('decodePDU: malformed input', () => {
  it('rejects a UCS2 TP-UDL above 140 octets (python-gsmmodem "invalid length" PDU)', () => {
    // 00 | 41 | 01 | 0C 91 061643555224F6 | 00 | 08 | A0 ← TP-UDL at octet 13
    expectDecodeError('0041010C910661345542F60008A0050003000301306F3044', 13, /TP-UDL of at most 140/);
  });

  it('rejects user data shorter than TP-UDL (ModemManager pdu-insufficient-data)', () => {
    const error = expectDecodeError(
      '07912143658709F1040B918100551512F20000111010214365000BE8329BFD4697D9EC37',
      27,
      /user data of 10 octets/,
    );
    expect(error.detail).toMatch(/only 9 left/);
  });

  it.each([
    ['empty', '', 0, /non-empty/],
    ['odd digit count', '0', 0, /even number/],
    ['non-hex', '00zz', 1, /hex digits/],
    ['reserved TP-MTI', '0003', 1, /TP-MTI/],
    ['truncated address', '00040B91', 4, /TP-OA digits/],
    ['address longer than 20 digits', '000415', 2, /at most 20/],
    ['SMSC longer than 12 octets', '0D', 0, /SMSC length/],
    ['compressed DCS', '00040281210020', 6, /uncompressed/],
    // 00 | 04 | 02 81 21 | PID | DCS | TP-SCTS from octet 7
    ['bad BCD in time stamp', '00040281210000' + '11A00000000000', 8, /TP-SCTS in BCD/],
    ['month 13', '00040281210000' + '31310000000000', 7, /valid date/],
    ['30 February', '00040281210000' + '11200300000000', 9, /valid date/],
  ])('%s', (_name, pdu, offset, expected) => {
    expectDecodeError(pdu, offset, expected);
  });

  it('rejects a header that overruns the user data', () => {
    // TP-UDL (octet 14) 3 octets of 8-bit data, but UDHL (octet 15) claims 5.
    expectDecodeError(hex('00', '40', '02', '81', '21', '00', '04', '52110121436500', '03', '05', '00', '03'), 15, /header within the user data/);
  });

  it('rejects an information element that overruns the header', () => {
    // UDHL 3 (octet 15), element 0x00 claims 3 octets of data but only 1 is inside the header.
    expectDecodeError(hex('00', '40', '02', '81', '21', '00', '04', '52110121436500', '05', '03', '00', '03', '01', '02'), 16, /inside the header/);
  });

  it('rejects a 7-bit TP-UDL that does not cover the header', () => {
    // 6 septets (42 bits) cannot hold a 6-octet (48-bit) header.
    expectDecodeError(hex('00', '40', '02', '81', '21', '00', '00', '52110121436500', '06', '05', '00', '03', '01', '02', '01'), 14, /covering the user data header/);
  });
});
