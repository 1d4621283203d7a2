import { answerValue, defaultAnswerShape, fitsAnswerShape, IMEI_ANSWER, IMSI_ANSWER, type ATAnswerShape } from '../../../lib/modem/at/answer-shape';

/** Whether an answer is its command's own: one row per shape and answer. */
describe('answer shapes', () => {
  const rows: ReadonlyArray<readonly [string, ATAnswerShape, readonly string[], boolean]> = [
    ['none, bare OK', { kind: 'none' }, [], true],
    ['none, another command\'s lines', { kind: 'none' }, ['+CSQ: 17,99'], false],
    ['prefixed, its line', { kind: 'prefixed', prefix: '+CSQ' }, ['+CSQ: 17,99'], true],
    ['prefixed, a stray OK (no line)', { kind: 'prefixed', prefix: '+CSQ' }, [], false],
    ['prefixed, another prefix', { kind: 'prefixed', prefix: '+CSQ' }, ['+CREG: 2,1'], false],
    ['prefixed, a noise line with it', { kind: 'prefixed', prefix: '+CSQ' }, ['12345', '+CSQ: 17,99'], false],
    ['prefixed min 0, empty list', { kind: 'prefixed', prefix: '+CGACT', min: 0 }, [], true],
    ['IMEI, its value', IMEI_ANSWER, ['352753090041680'], true],
    ['IMEI, prefixed by some firmware', IMEI_ANSWER, ['+CGSN: "352753090041680"'], true],
    ['IMEI, noise line before it', IMEI_ANSWER, ['12345', '352753090041680'], true],
    ['IMEI, noise alone', IMEI_ANSWER, ['12345'], false],
    ['IMEI, a stray OK', IMEI_ANSWER, [], false],
    ['IMEI, two candidates', IMEI_ANSWER, ['352753090041680', '352753090041681'], false],
    ['IMEI, an ICCID', IMEI_ANSWER, ['+CCID: 8944500102198304834'], false],
    ['IMSI, its value', IMSI_ANSWER, ['234507097123456'], true],
    ['IMSI, a manufacturer', IMSI_ANSWER, ['u-blox'], false],
  ];
  it.each(rows)('%s', (_, shape, lines, fits) => {
    expect(fitsAnswerShape(shape, lines)).toBe(fits);
  });

  it('the value is the one matching line, never the noise', () => {
    expect(answerValue(IMEI_ANSWER, ['12345', '352753090041680'])).toBe('352753090041680');
    expect(answerValue(IMEI_ANSWER, ['+CGSN: "352753090041680"'])).toBe('352753090041680');
    expect(answerValue(IMEI_ANSWER, ['12345'])).toBeUndefined();
  });

  it('read forms default to their own prefix; other forms are not checked', () => {
    expect(defaultAnswerShape('AT+CREG?')).toEqual({ kind: 'prefixed', prefix: '+CREG', min: 0 });
    expect(defaultAnswerShape('AT^ICCID?')).toEqual({ kind: 'prefixed', prefix: '^ICCID', min: 0 });
    expect(defaultAnswerShape('AT+COPS=?')).toBeUndefined();
    expect(defaultAnswerShape('AT+CSQ')).toBeUndefined();
    expect(defaultAnswerShape('AT+CMEE=2')).toBeUndefined();
    expect(defaultAnswerShape('ATI9')).toBeUndefined();
  });
});
