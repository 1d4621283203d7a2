import {
  canEncodeGSM7,
  countGSM7Septets,
  GSM7EncodingError,
  septetsToText,
  textToSeptets,
} from '../../../lib/modem/sms/gsm7-alphabet';

describe('GSM 7-bit alphabet', () => {
  // Septet codes from python-gsmmodem's GSM-7 table tests (test/test_pdu.py).
  it.each([
    ['123', [0x31, 0x32, 0x33]],
    ['Hello World!', [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x20, 0x57, 0x6f, 0x72, 0x6c, 0x64, 0x21]],
    ['[{abc}]~', [0x1b, 0x3c, 0x1b, 0x28, 0x61, 0x62, 0x63, 0x1b, 0x29, 0x1b, 0x3e, 0x1b, 0x3d]],
    ['{åΦΓΛΩΠΨΣΘ€}', [0x1b, 0x28, 0x0f, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1b, 0x65, 0x1b, 0x29]],
    ['a[]{}€', [0x61, 0x1b, 0x3c, 0x1b, 0x3e, 0x1b, 0x28, 0x1b, 0x29, 0x1b, 0x65]],
    ['@£$¥èéùìòÇ\nØø\rÅå', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]],
    ['ÄÖÑÜ§¿äöñüà¡¤', [0x5b, 0x5c, 0x5d, 0x5e, 0x5f, 0x60, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f, 0x40, 0x24]],
    ['^\\|\f', [0x1b, 0x14, 0x1b, 0x2f, 0x1b, 0x40, 0x1b, 0x0a]],
  ])('%j ↔ septets', (text, septets) => {
    expect(textToSeptets(text)).toEqual(septets);
    expect(septetsToText(septets)).toBe(text);
    expect(countGSM7Septets(text)).toBe(septets.length);
    expect(canEncodeGSM7(text)).toBe(true);
  });

  it('counts extension characters as two septets', () => {
    expect(countGSM7Septets('€€€')).toBe(6);
    expect(countGSM7Septets('')).toBe(0);
  });

  it.each(['世界', 'snow ☃', 'emoji 😀', 'ç', '`'])('cannot encode %j', (text) => {
    expect(canEncodeGSM7(text)).toBe(false);
    expect(() => textToSeptets(text)).toThrow(GSM7EncodingError);
  });

  it('names the character and its index', () => {
    expect(() => textToSeptets('ab☃')).toThrow(expect.objectContaining({ character: '☃', index: 2 }));
  });

  it('decodes an escape before an undefined extension code as the base character', () => {
    expect(septetsToText([0x1b, 0x41])).toBe('A');
    expect(septetsToText([0x1b, 0x00])).toBe('@');
  });

  it('decodes escape-escape and a trailing escape as a space', () => {
    expect(septetsToText([0x1b, 0x1b, 0x41])).toBe(' A');
    expect(septetsToText([0x41, 0x1b])).toBe('A ');
  });
});
