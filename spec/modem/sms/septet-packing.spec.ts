import { SMSCodecError } from '../../../lib/modem/sms/sms-codec-error';
import { fillBitsAfterHeader, packSeptets, packedLength, unpackSeptets } from '../../../lib/modem/sms/septet-packing';
import { textToSeptets } from '../../../lib/modem/sms/gsm7-alphabet';

describe('septet packing', () => {
  // Packed forms from python-gsmmodem's packSeptets tests and the GSM 03.40 tutorials.
  it.each([
    ['hellohello', 'E8329BFD4697D9EC37'],
    ['123', '31D90C'],
    ['12345678', '31D98C56B3DD70'],
    ['123456789', '31D98C56B3DD7039'],
    ['Hello World!', 'C8329BFD065DDF72363904'],
    ['The quick fox jumps over the lazy dog', '54741914AFA7C76B90F98D07A9EB6DF81CF4B697E5203ABA0C6287F57910F97D06'],
  ])('%j', (text, packed) => {
    const septets = textToSeptets(text);
    expect(packSeptets(septets).toString('hex').toUpperCase()).toBe(packed);
    expect(unpackSeptets(Buffer.from(packed, 'hex'), septets.length)).toEqual(septets);
  });

  it('ignores octets past the requested septets', () => {
    expect(unpackSeptets(Buffer.from('31D90CFFFF', 'hex'), 3)).toEqual([0x31, 0x32, 0x33]);
  });

  it('refuses to read past the end', () => {
    expect(() => unpackSeptets(Buffer.from('31D9', 'hex'), 3)).toThrow(SMSCodecError);
  });

  it('computes fill bits after a header', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(fillBitsAfterHeader)).toEqual([6, 5, 4, 3, 2, 1, 0, 6]);
  });

  it('shifts septets by fill bits, aligned to septet boundaries', () => {
    // 6-octet concatenation header → 1 fill bit: "L" (0x4C) lands at bit 49 of the user data.
    const packed = packSeptets([0x4c], 1);
    expect(packed.toString('hex')).toBe('98');
    expect(unpackSeptets(packed, 1, 1)).toEqual([0x4c]);
    for (let fill = 0; fill <= 6; fill++) {
      const septets = Array.from({ length: 17 }, (_, index) => (index * 37 + fill) & 0x7f);
      const octets = packSeptets(septets, fill);
      expect(octets.length).toBe(packedLength(17, fill));
      expect(octets[0] & ((1 << fill) - 1)).toBe(0);
      expect(unpackSeptets(octets, 17, fill)).toEqual(septets);
    }
  });

  it('rejects fill bits outside 0..6', () => {
    expect(() => packSeptets([1], 7)).toThrow(SMSCodecError);
  });
});
