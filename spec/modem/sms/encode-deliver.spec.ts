import { InvalidArgumentError } from '../../../lib/errors';
import { decodePDU } from '../../../lib/modem/sms/decode-pdu';
import { encodeDeliver, encodeDeliverParts } from '../../../lib/modem/sms/encode-deliver';
import { formatTimestamp } from '../../../lib/modem/sms/timestamp';
import { DELIVER_FIXTURES } from './pdu-fixtures';

describe('encodeDeliver', () => {
  it('reproduces the published hellohello PDU', () => {
    const encoded = encodeDeliver({
      smsc: '+27381000015',
      sender: { type: 'subscriber', number: '27838890001' },
      text: 'hellohello',
      timestamp: new Date('1999-03-29T15:16:59+02:00'),
      timezoneOffsetMinutes: 120,
    });
    // Same PDU except the sender's type of address: ours says ISDN plan (0xC1), the original 0xC8.
    expect(encoded.pdu).toBe(DELIVER_FIXTURES[0].pdu.replace('0BC8', '0BC1'));
  });

  it('reproduces the published alphanumeric-sender UCS2 PDU (ModemManager pdu2)', () => {
    const encoded = encodeDeliver({
      smsc: '+79037011111',
      sender: 'InternetSMS',
      text: 'тест',
      timestamp: new Date('2011-03-29T19:20:04+04:00'),
      timezoneOffsetMinutes: 240,
    });
    expect(encoded).toEqual({ pdu: DELIVER_FIXTURES[2].pdu, tpduLength: DELIVER_FIXTURES[2].pdu.length / 2 - 8 });
  });

  it('reproduces the published multipart part 2 (ModemManager pdu-multipart)', () => {
    const encoded = encodeDeliver({
      smsc: '+12063130026',
      sender: '+16175046925',
      text: 'that the parts are related to one another. ',
      timestamp: new Date('2012-04-25T19:56:51-04:00'),
      timezoneOffsetMinutes: -240,
      concat: { reference: 0x4c, total: 2, sequence: 2 },
    });
    // The network set the fill bit after the header to 1 (receivers ignore it); ours writes 0.
    expect(encoded.pdu).toBe(DELIVER_FIXTURES[9].pdu.replace('0202E9E8', '0202E8E8'));
  });

  it('builds 8-bit data with ports, class and flags', () => {
    const encoded = encodeDeliver({
      sender: '+15555551234',
      data: Buffer.from([0xde, 0xad, 0xbe, 0xef]),
      timestamp: new Date('2025-11-10T12:34:56Z'),
      timezoneOffsetMinutes: -345,
      ports: { destination: 2948, source: 9200, portBits: 16 },
      messageClass: 1,
      protocolIdentifier: 0x40,
      moreMessagesToSend: true,
      statusReportIndication: true,
      replyPath: true,
    });
    const pdu = decodePDU(encoded.pdu);
    expect(pdu).toMatchObject({
      type: 'deliver',
      sender: { type: 'international', number: '+15555551234' },
      ports: { destination: 2948, source: 9200, portBits: 16 },
      dcs: { alphabet: '8bit', messageClass: 1 },
      protocolIdentifier: 0x40,
      moreMessagesToSend: true,
      statusReportIndication: true,
      replyPath: true,
      timestamp: { offsetMinutes: -345 },
    });
    expect(pdu.type === 'deliver' && pdu.data?.toString('hex')).toBe('deadbeef');
    expect(pdu.type === 'deliver' && formatTimestamp(pdu.timestamp)).toBe('2025-11-10T06:49:56-05:45');
  });

  it('rejects text that needs more than one PDU, and text with data', () => {
    const base = { sender: '+1555', timestamp: new Date('2025-01-01T00:00:00Z') };
    expect(() => encodeDeliver({ ...base, text: 'x'.repeat(161) })).toThrow(/encodeDeliverParts/);
    expect(() => encodeDeliver({ ...base, text: 'x', data: Buffer.from('y') })).toThrow(InvalidArgumentError);
    expect(() => encodeDeliver({ ...base, text: 'x', timezoneOffsetMinutes: 7 })).toThrow(expect.objectContaining({ argument: 'timestamp' }));
    expect(() => encodeDeliver({ ...base, text: 'x', ports: { destination: 1, source: 2, portBits: 8 }, concat: { reference: 1, total: 2, sequence: 1 }, encoding: 'ucs2' })).not.toThrow();
    expect(() => encodeDeliver({ ...base, data: Buffer.alloc(136), ports: { destination: 1, source: 2, portBits: 8 } })).toThrow(expect.objectContaining({ argument: 'data' }));
    expect(() => encodeDeliver({ ...base, sender: 'Much too long a name', text: 'x' })).toThrow(/at most 11/);
  });
});

describe('encodeDeliverParts', () => {
  it('splits a long text into concatenated parts that decode back', () => {
    const text = 'Part of a long message. '.repeat(20);
    const parts = encodeDeliverParts({ sender: 'Hologram', text, timestamp: new Date('2025-11-10T12:00:00Z'), concatReference: 7 });
    expect(parts).toHaveLength(4);
    const decoded = parts.map((part) => decodePDU(part.pdu));
    expect(decoded.map((pdu) => pdu.type === 'deliver' && pdu.concat)).toEqual(
      [1, 2, 3, 4].map((sequence) => ({ reference: 7, referenceBits: 8, total: 4, sequence })),
    );
    expect(decoded.map((pdu) => (pdu.type === 'deliver' ? pdu.text : '')).join('')).toBe(text);
    expect(decoded[0]).toMatchObject({ sender: { type: 'alphanumeric', text: 'Hologram' } });
  });

  it('returns one PDU without a header for a short text', () => {
    const [only, ...rest] = encodeDeliverParts({ sender: '+1555', text: 'short', timestamp: new Date('2025-11-10T12:00:00Z') });
    expect(rest).toEqual([]);
    expect(decodePDU(only.pdu)).toMatchObject({ text: 'short' });
    expect(decodePDU(only.pdu).type === 'deliver' && (decodePDU(only.pdu) as { userDataHeader?: unknown }).userDataHeader).toBeFalsy();
  });
});
