import { SMSCodecError } from '../../../lib/modem/sms/sms-codec-error';
import { PDUReader } from '../../../lib/modem/sms/pdu-reader';
import { decodeTimestamp, encodeTimestamp, formatTimestamp } from '../../../lib/modem/sms/timestamp';
import { PDUDecodeError } from '../../../lib/modem/sms/pdu-decode-error';

describe('time stamps', () => {
  // python-gsmmodem timestamp tests.
  it.each([
    ['51117200000000', '2015-11-27T00:00:00+00:00', 0],
    ['51117200000080', '2015-11-27T00:00:00+02:00', 120],
    ['70402132522423', '2007-04-12T23:25:42+08:00', 480],
    ['7040213252242B', '2007-04-12T23:25:42-08:00', -480],
    ['1120821105050A', '2011-02-28T11:50:50-05:00', -300],
    ['21405291650569', '2012-04-25T19:56:50-04:00', -240],
    ['11309291024061', '2011-03-29T19:20:04+04:00', 240],
    ['52110121436522', '2025-11-10T12:34:56+05:30', 330],
    ['5211012143652C', '2025-11-10T12:34:56-10:30', -630],
  ])('%s ↔ %s', (encoded, iso, offsetMinutes) => {
    const decoded = decodeTimestamp(PDUReader.fromHex(encoded), 'TP-SCTS');
    expect(formatTimestamp(decoded)).toBe(iso);
    expect(decoded.offsetMinutes).toBe(offsetMinutes);
    expect(decoded.date.toISOString()).toBe(new Date(iso).toISOString());
    expect(encodeTimestamp(decoded.date, offsetMinutes).toString('hex').toUpperCase()).toBe(encoded);
  });

  it('reads two-digit years 90–99 as the 1990s', () => {
    expect(formatTimestamp(decodeTimestamp(PDUReader.fromHex('99309251619580'), 'TP-SCTS'))).toBe('1999-03-29T15:16:59+02:00');
  });

  it('rejects offsets that are not quarter hours or out of range', () => {
    expect(() => encodeTimestamp(new Date(0), 10)).toThrow(SMSCodecError);
    expect(() => encodeTimestamp(new Date(0), 80 * 15)).toThrow(SMSCodecError);
    expect(() => encodeTimestamp(new Date('nope'))).toThrow(SMSCodecError);
  });

  it('rejects non-BCD zones', () => {
    expect(() => decodeTimestamp(PDUReader.fromHex('511172000000A0'), 'TP-SCTS')).toThrow(PDUDecodeError);
  });
});
