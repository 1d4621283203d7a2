import { decodeRelativeValidity, encodeRelativeValidity } from '../../../lib/modem/sms/validity-period';

describe('relative validity period', () => {
  // python-gsmmodem relative validity tests, plus the edges of each range.
  it.each([
    [5, 0],
    [30, 5],
    [720, 143],
    [750, 144],
    [16 * 60, 151],
    [24 * 60, 167],
    [2 * 1440, 168],
    [3 * 1440, 169],
    [30 * 1440, 196],
    [5 * 7 * 1440, 197],
    [63 * 7 * 1440, 255],
  ])('%d minutes ↔ %d', (minutes, octet) => {
    expect(encodeRelativeValidity(minutes)).toBe(octet);
    expect(decodeRelativeValidity(octet)).toBe(minutes);
  });

  it('rounds up to the next period it can express', () => {
    expect(decodeRelativeValidity(encodeRelativeValidity(1))).toBe(5);
    expect(decodeRelativeValidity(encodeRelativeValidity(721))).toBe(750);
    expect(decodeRelativeValidity(encodeRelativeValidity(1441))).toBe(2 * 1440);
    expect(decodeRelativeValidity(encodeRelativeValidity(31 * 1440))).toBe(35 * 1440);
  });

  it.each([0, -5, NaN, Infinity, 63 * 7 * 1440 + 1])('rejects %s', (minutes) => {
    expect(() => encodeRelativeValidity(minutes)).toThrow(expect.objectContaining({ argument: 'validityMinutes' }));
  });
});
