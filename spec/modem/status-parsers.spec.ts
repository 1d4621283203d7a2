import { csqToDbm, parseExtendedSignalQuality, parseSignalQuality } from '../../lib/modem/signal-quality';
import { combineRegistrations, parseRegistration, registrationState, type RegistrationStatus } from '../../lib/modem/registration-status';
import { parseCops, parseUdopn } from '../../lib/modem/operator';

describe('signal quality', () => {
  it.each([
    [0, -113],
    [1, -111],
    [17, -79],
    [31, -51],
    [32, undefined],
    [99, undefined],
    [-1, undefined],
    [1.5, undefined],
  ])('CSQ rssi %p → %p dBm', (raw, dbm) => {
    expect(csqToDbm(raw)).toBe(dbm);
  });

  it.each([
    ['17,99', { rssiDbm: -79, raw: 17, ber: undefined }],
    ['31,0', { rssiDbm: -51, raw: 31, ber: 0 }],
    [' 99,99', { rssiDbm: undefined, raw: 99, ber: undefined }],
    ['5', { rssiDbm: -103, raw: 5, ber: undefined }],
    ['10,7', { rssiDbm: -93, raw: 10, ber: 7 }],
  ])('parses +CSQ: %s', (rest, expected) => {
    expect(parseSignalQuality(rest)).toEqual(expected);
  });

  it.each(['', 'x,99', '"17",99'.replace(/"/g, 'a')])('rejects malformed +CSQ %p', (rest) => {
    expect(parseSignalQuality(rest)).toBeUndefined();
  });

  it('parses +CESQ for LTE and UMTS, unknown fields undefined', () => {
    expect(parseExtendedSignalQuality('99,99,255,255,20,45')).toEqual({
      rxlevDbm: undefined,
      ber: undefined,
      rscpDbm: undefined,
      ecnoDb: undefined,
      rsrqDb: -9.5,
      rsrpDbm: -95,
    });
    expect(parseExtendedSignalQuality('99,99,40,30,255,255')).toMatchObject({ rscpDbm: -80, ecnoDb: -9, rsrpDbm: undefined });
    expect(parseExtendedSignalQuality('1,2,3')).toBeUndefined();
  });
});

describe('registration', () => {
  it.each([
    [0, 'not-registered'],
    [1, 'home'],
    [2, 'searching'],
    [3, 'denied'],
    [4, 'unknown'],
    [5, 'roaming'],
    [6, 'home'],
    [7, 'roaming'],
    [42, 'unknown'],
  ])('stat %p is %p', (stat, state) => {
    expect(registrationState(stat)).toBe(state);
  });

  it.each<[string, string, 'read' | 'urc', Partial<RegistrationStatus> | undefined]>([
    ['+CREG', '2,1,"00C3","0010B2F3",2', 'read', { state: 'home', registered: true, stat: 1, lac: '00C3', ci: '0010B2F3', act: 2 }],
    ['+CREG', '0,2', 'read', { state: 'searching', registered: false, stat: 2 }],
    ['+CREG', '1', 'urc', { state: 'home', registered: true, stat: 1 }],
    ['+CGREG', '5,"0a2b","0001c3d4",7', 'urc', { state: 'roaming', lac: '0A2B', ci: '0001C3D4', act: 7 }],
    ['+CEREG', '3', 'urc', { state: 'denied', registered: false }],
    ['+CEREG', '2,5,"1A2B",,9', 'read', { state: 'roaming', lac: '1A2B', act: 9 }],
    ['+CREG', '', 'urc', undefined],
    ['+CREG', '2', 'read', undefined],
    ['+CREG', 'x', 'urc', undefined],
  ])('%s: %s (%s)', (family, rest, form, expected) => {
    const parsed = parseRegistration(family as RegistrationStatus['family'], rest, form);
    if (expected === undefined) expect(parsed).toBeUndefined();
    else expect(parsed).toMatchObject({ family, ...expected });
  });

  it('the read form and the URC form of one registration agree', () => {
    expect(parseRegistration('+CREG', '2,5,"00C3","0010B2F3",2', 'read')).toEqual(parseRegistration('+CREG', '5,"00C3","0010B2F3",2', 'urc'));
  });

  it('combines families: registered wins, LTE first, then the most telling unregistered state', () => {
    const reg = (family: RegistrationStatus['family'], stat: number) => parseRegistration(family, String(stat), 'urc')!;
    expect(combineRegistrations([])).toBeUndefined();
    expect(combineRegistrations([reg('+CREG', 1), reg('+CGREG', 2)])).toMatchObject({ family: '+CREG', state: 'home' });
    expect(combineRegistrations([reg('+CREG', 1), reg('+CEREG', 5)])).toMatchObject({ family: '+CEREG', state: 'roaming' });
    expect(combineRegistrations([reg('+CREG', 2), reg('+CGREG', 3)])).toMatchObject({ state: 'denied' });
    expect(combineRegistrations([reg('+CREG', 0), reg('+CGREG', 2)])).toMatchObject({ state: 'searching' });
  });
});

describe('operator', () => {
  it.each([
    ['0,0,"T-Mobile",7', { name: 'T-Mobile', mode: 0, format: 0, act: 7 }],
    ['1,2,"310260"', { name: '310260', mode: 1, format: 2 }],
    ['0,0,"AT&T, Inc",2', { name: 'AT&T, Inc', mode: 0, format: 0, act: 2 }],
    ['0', undefined],
    ['', undefined],
  ])('+COPS: %s', (rest, expected) => {
    expect(parseCops(rest)).toEqual(expected);
  });

  it('+UDOPN: 12,"name"', () => {
    expect(parseUdopn('12,"Vodafone UK"')).toEqual({ name: 'Vodafone UK' });
    expect(parseUdopn('12')).toBeUndefined();
  });
});
