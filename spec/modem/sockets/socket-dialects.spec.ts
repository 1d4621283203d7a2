import type { ATResponse } from '../../../lib/modem/at/at-response';
import type { URC } from '../../../lib/modem/at/urc';
import { parseATArgs, splitPrefixedLine } from '../../../lib/modem/at/at-args';
import { LTE_BEARER_PDP, QUECTEL_PDP, UBLOX_PROFILE_PDP } from '../../../lib/modem/sockets/pdp-dialect';
import {
  parseQuectelRead,
  parseQuectelSocketURC,
  quectelOpenCommand,
  quectelReadCommand,
  quectelSendCommands,
} from '../../../lib/modem/sockets/quectel-socket-dialect';
import {
  parseUbloxCreate,
  parseUbloxRead,
  parseUbloxSocketURC,
  parseUbloxWrite,
  ubloxConnectCommand,
  ubloxListenCommand,
  ubloxReadCommand,
  ubloxWriteCommands,
} from '../../../lib/modem/sockets/ublox-socket-dialect';
import { validateApn } from '../../../lib/modem/apn';
import { validateHost } from '../../../lib/modem/sockets/socket-arguments';

/** Pure dialect builders and parsers, table-driven, with the manuals' formats. */

function response(lines: string[], data?: Buffer): ATResponse {
  return { command: 'AT', lines, final: 'OK', ...(data ? { data } : {}) };
}

function urc(line: string, data?: Buffer): URC {
  const split = splitPrefixedLine(line);
  return { name: split?.name ?? line, line, args: split ? parseATArgs(split.rest) : [], ...(data ? { data } : {}) };
}

describe('u-blox socket dialect', () => {
  it('builds commands', () => {
    expect(ubloxConnectCommand(3, 'cloudsocket.hologram.io', 9999)).toBe('AT+USOCO=3,"cloudsocket.hologram.io",9999');
    expect(ubloxListenCommand(1, 4010)).toBe('AT+USOLI=1,4010');
    expect(ubloxReadCommand(2, 5)).toBe('AT+USORD=2,5');
    expect(ubloxReadCommand(2, 5000)).toBe('AT+USORD=2,512');
  });

  it('writes hex in slices of at most 512 bytes, every byte value safe', () => {
    const payload = Buffer.from(Array.from({ length: 1100 }, (_, i) => i % 256));
    const commands = ubloxWriteCommands(0, payload);
    expect(commands.map((c) => c.split(',').slice(0, 2).join(','))).toEqual(['AT+USOWR=0,512', 'AT+USOWR=0,512', 'AT+USOWR=0,76']);
    const hex = commands.map((c) => /"([0-9A-F]*)"$/.exec(c)?.[1] ?? '').join('');
    expect(Buffer.from(hex, 'hex')).toEqual(payload);
    expect(ubloxWriteCommands(0, Buffer.from([0x00, 0x22, 0x0d, 0xff]))).toEqual(['AT+USOWR=0,4,"00220DFF"']);
  });

  it.each([
    [['+USOCR: 0'], 0],
    [['+USOCR: 6'], 6],
    [['+USOCR:'], undefined],
    [[], undefined],
  ])('parses create answer %j', (lines, id) => {
    expect(parseUbloxCreate(response(lines))).toBe(id);
  });

  it.each([
    [['+USOWR: 0,12'], { socketId: 0, length: 12 }],
    [['+USOWR: 3,0'], { socketId: 3, length: 0 }],
    [['+USOWR: x'], undefined],
  ])('parses write answer %j', (lines, expected) => {
    expect(parseUbloxWrite(response(lines))).toEqual(expected);
  });

  it.each([
    [['+USORD: 0,5,"5B302C305D"'], { socketId: 0, bytes: Buffer.from('[0,0]') }],
    [['+USORD: 1,0,""'], { socketId: 1, bytes: Buffer.alloc(0) }],
    [['+USORD: 1,""'], { socketId: 1, bytes: Buffer.alloc(0) }], // SARA-R4's empty read (manual §19.12.4)
    [['+USORD: 1,'], undefined], // neither length nor data
    [['+USORD: 2,3,"00FF0D"'], { socketId: 2, bytes: Buffer.from([0, 255, 13]) }],
    [['+USORD: 0,5,"[0,0]"'], undefined], // text mode answer: not hex
    [['+USORD: 0,4,"5B302C305D"'], undefined], // count disagrees
    [['+USORD: 0,5'], undefined], // the `AT+USORD=s,0` form
    [[], undefined],
  ])('parses read answer %j', (lines, expected) => {
    expect(parseUbloxRead(response(lines))).toEqual(expected);
  });

  it.each([
    ['+UUSORD: 0,5', { kind: 'data', socketId: 0, length: 5 }],
    ['+UUSOCL: 2', { kind: 'closed', socketId: 2 }],
    [
      '+UUSOLI: 1,"192.168.1.2",53412,0,"10.170.56.23",4010',
      { kind: 'accepted', socketId: 1, remoteAddress: '192.168.1.2', remotePort: 53412, listeningSocketId: 0, localAddress: '10.170.56.23', localPort: 4010 },
    ],
    ['+UUSORD: x,5', undefined],
    ['+UUSOLI: 1,"1.2.3.4"', undefined],
    ['+UUPSDD: 0', undefined],
    ['+CREG: 1', undefined],
  ])('parses URC %s', (line, expected) => {
    expect(parseUbloxSocketURC(urc(line))).toEqual(expected);
  });
});

describe('Quectel socket dialect', () => {
  it('builds commands', () => {
    expect(quectelOpenCommand(1, 0, 'cloudsocket.hologram.io', 9999, 'push')).toBe('AT+QIOPEN=1,0,"TCP","cloudsocket.hologram.io",9999,0,1');
    expect(quectelOpenCommand(2, 11, '10.0.0.1', 80, 'buffer')).toBe('AT+QIOPEN=2,11,"TCP","10.0.0.1",80,0,0');
    expect(quectelReadCommand(4)).toBe('AT+QIRD=4,1500');
  });

  it('sends counted raw slices of at most 1460 bytes', () => {
    const payload = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 256));
    const sends = quectelSendCommands(0, payload);
    expect(sends.map((s) => s.command)).toEqual(['AT+QISEND=0,1460', 'AT+QISEND=0,1460', 'AT+QISEND=0,80']);
    expect(Buffer.concat(sends.map((s) => s.body))).toEqual(payload);
  });

  it.each([
    [['+QIRD: 5'], Buffer.from('[0,0]'), Buffer.from('[0,0]')],
    [['+QIRD: 0'], undefined, Buffer.alloc(0)],
    [['+QIRD: 6'], Buffer.from('[0,0]'), undefined],
    [[], undefined, undefined],
  ])('parses read answer %j', (lines, data, expected) => {
    expect(parseQuectelRead(response(lines, data))).toEqual(expected);
  });

  it.each([
    ['+QIOPEN: 0,0', undefined, { kind: 'opened', socketId: 0, error: 0 }],
    ['+QIOPEN: 3,566', undefined, { kind: 'opened', socketId: 3, error: 566 }],
    ['+QIURC: "recv",2', undefined, { kind: 'data', socketId: 2 }],
    ['+QIURC: "recv",2,3', Buffer.from([0, 13, 10]), { kind: 'pushed', socketId: 2, bytes: Buffer.from([0, 13, 10]) }],
    ['+QIURC: "recv",2,4', Buffer.from([0, 13, 10]), undefined],
    ['+QIURC: "closed",1', undefined, { kind: 'closed', socketId: 1 }],
    ['+QIURC: "pdpdeact",1', undefined, undefined],
    ['+QIURC: "incoming full"', undefined, undefined],
    ['+UUSOCL: 1', undefined, undefined],
  ])('parses URC %s', (line, data, expected) => {
    expect(parseQuectelSocketURC(urc(line, data))).toEqual(expected);
  });
});

describe('PDP dialects', () => {
  it('u-blox profile', () => {
    expect(UBLOX_PROFILE_PDP.activate('hologram', 1)).toEqual(['AT+UPSD=0,1,"hologram"', 'AT+UPSDA=0,3']);
    expect(UBLOX_PROFILE_PDP.parseActive(response(['+UPSND: 0,8,1']), 1)).toBe(true);
    expect(UBLOX_PROFILE_PDP.parseActive(response(['+UPSND: 0,8,0']), 1)).toBe(false);
    expect(UBLOX_PROFILE_PDP.parseAddress(response(['+UPSND: 0,0,"10.1.2.3"']), 1)).toBe('10.1.2.3');
    expect(UBLOX_PROFILE_PDP.isLost(urc('+UUPSDD: 0'), 1)).toBe(true);
    expect(UBLOX_PROFILE_PDP.isLost(urc('+UUPSDD: 1'), 1)).toBe(false);
  });

  it('LTE default bearer', () => {
    expect(LTE_BEARER_PDP.activate('hologram', 1)).toEqual(['AT+CGDCONT=1,"IP","hologram"', 'AT+CGACT=1,1']);
    expect(LTE_BEARER_PDP.parseActive(response(['+CGACT: 1,1', '+CGACT: 2,0']), 1)).toBe(true);
    expect(LTE_BEARER_PDP.parseActive(response(['+CGACT: 1,0', '+CGACT: 2,1']), 1)).toBe(false);
    expect(LTE_BEARER_PDP.parseAddress(response(['+CGPADDR: 1,"10.1.2.3"']), 1)).toBe('10.1.2.3');
    expect(LTE_BEARER_PDP.parseAddress(response(['+CGPADDR: 1']), 1)).toBeUndefined();
    expect.assertions(11);
    for (const [line, lost] of [
      ['+CGEV: NW PDN DEACT 1', true],
      ['+CGEV: ME PDN DEACT 1', true],
      ['+CGEV: NW PDN DEACT 2', false],
      ['+CGEV: NW DEACT "IP","10.1.2.3",1', true],
      ['+CGEV: NW DETACH', false],
      ['+CGEV: ME PDN ACT 1', false],
    ] as const) {
      expect(LTE_BEARER_PDP.isLost(urc(line), 1)).toBe(lost);
    }
  });

  it('Quectel', () => {
    expect(QUECTEL_PDP.activate('hologram', 1)).toEqual(['AT+QICSGP=1,1,"hologram","","",1', 'AT+QIACT=1']);
    const active = response(['+QIACT: 1,1,1,"10.1.2.3"', '+QIACT: 2,1,1,"10.9.9.9"']);
    expect(QUECTEL_PDP.parseActive(active, 1)).toBe(true);
    expect(QUECTEL_PDP.parseAddress(active, 2)).toBe('10.9.9.9');
    expect(QUECTEL_PDP.parseActive(response([]), 1)).toBe(false);
    expect(QUECTEL_PDP.isLost(urc('+QIURC: "pdpdeact",1'), 1)).toBe(true);
    expect(QUECTEL_PDP.isLost(urc('+QIURC: "pdpdeact",2'), 1)).toBe(false);
  });
});

describe('socket arguments', () => {
  it.each(['cloudsocket.hologram.io', '10.0.0.1', '::1', 'host-1'])('accepts host %s', (host) => {
    expect(validateHost(host)).toBe(host);
  });
  it.each(['', 'a"b', 'a,b', 'a\r\nAT+CFUN=0', 'x'.repeat(254), 5])('refuses host %j', (host) => {
    expect(() => validateHost(host)).toThrow(/host must be/);
  });
  it.each(['hologram', 'internet.t-mobile'])('accepts APN %s', (apn) => expect(validateApn(apn)).toBe(apn));
  it.each(['', 'a"b', 'a b', 'a\rb'])('refuses APN %j', (apn) => expect(() => validateApn(apn)).toThrow(/apn must be/));
});
