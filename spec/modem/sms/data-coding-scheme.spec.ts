import { decodeDataCodingScheme, encodeDataCodingScheme } from '../../../lib/modem/sms/data-coding-scheme';
import { PDUDecodeError } from '../../../lib/modem/sms/pdu-decode-error';

describe('data coding scheme', () => {
  it.each([
    [0x00, { group: 'general', alphabet: 'gsm7' }],
    [0x04, { group: 'general', alphabet: '8bit' }],
    [0x08, { group: 'general', alphabet: 'ucs2' }],
    [0x0c, { group: 'general', alphabet: 'gsm7' }], // reserved alphabet → 7-bit
    [0x10, { group: 'general', alphabet: 'gsm7', messageClass: 0 }],
    [0x18, { group: 'general', alphabet: 'ucs2', messageClass: 0 }],
    [0x15, { group: 'general', alphabet: '8bit', messageClass: 1 }],
    [0x46, { group: 'automatic-deletion', alphabet: '8bit' }],
    [0x90, { group: 'reserved', alphabet: 'gsm7' }],
    [0xc0, { group: 'message-waiting-discard', alphabet: 'gsm7', messageWaiting: { active: false, kind: 'voicemail' } }],
    [0xc8, { group: 'message-waiting-discard', alphabet: 'gsm7', messageWaiting: { active: true, kind: 'voicemail' } }],
    [0xd9, { group: 'message-waiting-store', alphabet: 'gsm7', messageWaiting: { active: true, kind: 'fax' } }],
    [0xea, { group: 'message-waiting-store', alphabet: 'ucs2', messageWaiting: { active: true, kind: 'email' } }],
    [0xf1, { group: 'data-coding-message-class', alphabet: 'gsm7', messageClass: 1 }],
    [0xf4, { group: 'data-coding-message-class', alphabet: '8bit', messageClass: 0 }],
    [0xf6, { group: 'data-coding-message-class', alphabet: '8bit', messageClass: 2 }],
  ])('0x%s', (value, expected) => {
    const dcs = decodeDataCodingScheme(value);
    expect(dcs).toEqual({ value, ...expected });
  });

  it.each([0x20, 0x28, 0x3f, 0x60])('rejects compressed user data 0x%s with its offset', (value) => {
    expect(() => decodeDataCodingScheme(value, 12)).toThrow(PDUDecodeError);
    expect(() => decodeDataCodingScheme(value, 12)).toThrow(expect.objectContaining({ offset: 12, expected: 'uncompressed user data' }));
  });

  it('encodes the general group', () => {
    expect(encodeDataCodingScheme('gsm7')).toBe(0x00);
    expect(encodeDataCodingScheme('8bit')).toBe(0x04);
    expect(encodeDataCodingScheme('ucs2')).toBe(0x08);
    expect(encodeDataCodingScheme('gsm7', 0)).toBe(0x10);
    expect(encodeDataCodingScheme('ucs2', 2)).toBe(0x1a);
  });
});
