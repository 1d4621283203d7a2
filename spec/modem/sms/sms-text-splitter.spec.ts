import { splitSMSText } from '../../../lib/modem/sms/sms-text-splitter';
import { decodeUCS2, encodeUCS2 } from '../../../lib/modem/sms/ucs2';

describe('UCS2', () => {
  it('encodes UTF-16BE with surrogate pairs', () => {
    // python-gsmmodem UCS2 tests, plus an astral character.
    expect(encodeUCS2('あ叶葉').toString('hex').toUpperCase()).toBe('304253F68449');
    expect(encodeUCS2('😀').toString('hex').toUpperCase()).toBe('D83DDE00');
    expect(decodeUCS2(Buffer.from('306F3044', 'hex'))).toBe('はい');
    expect(decodeUCS2(Buffer.from('D83DDE00', 'hex'))).toBe('😀');
  });
});

describe('splitSMSText', () => {
  // ModemManager text split tests: 160 GSM septets or 70 UCS2 characters fit one PDU.
  it('keeps 160 GSM characters in one part and splits 161 into 153 + 8', () => {
    const digits = '0123456789'.repeat(16);
    expect(splitSMSText(digits).texts).toEqual([digits]);
    expect(splitSMSText(digits + '0').texts).toEqual([digits.slice(0, 153), digits.slice(153) + '0']);
  });

  it('keeps 70 UCS2 characters in one part and splits 71 into 67 + 4', () => {
    const chinese = '你好'.repeat(35);
    expect(splitSMSText(chinese)).toMatchObject({ alphabet: 'ucs2', texts: [chinese] });
    expect(splitSMSText(chinese + '好').texts).toEqual([chinese.slice(0, 67), chinese.slice(67) + '好']);
  });

  it('uses UCS2 only when a character needs it', () => {
    expect(splitSMSText('Hello [€]').alphabet).toBe('gsm7');
    expect(splitSMSText('Hello 😀').alphabet).toBe('ucs2');
    expect(splitSMSText('').texts).toEqual(['']);
  });

  it('counts extension characters as two septets and never splits an escape pair', () => {
    expect(splitSMSText('€'.repeat(80)).texts).toHaveLength(1);
    const parts = splitSMSText('a' + '€'.repeat(80)).texts;
    expect(parts).toEqual(['a' + '€'.repeat(76), '€'.repeat(4)]);
    for (const part of parts) expect(part.length).toBeGreaterThan(0);
  });

  it('never splits a surrogate pair', () => {
    const text = 'a' + '😀'.repeat(40);
    const { texts } = splitSMSText(text);
    expect(texts.join('')).toBe(text);
    expect(texts[0]).toBe('a' + '😀'.repeat(33));
    for (const part of texts) {
      expect(part.charCodeAt(part.length - 1) & 0xfc00).not.toBe(0xd800);
      expect(part.charCodeAt(0) & 0xfc00).not.toBe(0xdc00);
    }
  });

  it('uses 152 septets / 66 units per part with 16-bit references', () => {
    expect(splitSMSText('x'.repeat(161), { concatReferenceBits: 16 }).texts[0]).toHaveLength(152);
    expect(splitSMSText('☃'.repeat(71), { concatReferenceBits: 16 }).texts[0]).toHaveLength(66);
  });
});
