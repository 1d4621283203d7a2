import { isRepeat, parseATCommand, splitCommandLine, splitParameters } from '../../lib/testing/modem-simulator/at-command';
import { CommandLineReader } from '../../lib/testing/modem-simulator/command-line-reader';
import { formatFinal, formatInformation } from '../../lib/testing/modem-simulator/result-codes';
import { tpduLength } from '../../lib/testing/modem-simulator/sms-store';
import { duplexPair } from '../../lib/testing/duplex-pair';

describe('parseATCommand', () => {
  it.each([
    ['AT', { name: '', form: 'exec', args: [] }],
    ['ATE0', { name: 'E', form: 'exec', args: ['0'] }],
    ['ati9', { name: 'I', form: 'exec', args: ['9'] }],
    ['AT&F', { name: '&F', form: 'exec', args: [] }],
    ['AT+CSQ', { name: '+CSQ', form: 'exec', args: [] }],
    ['AT+creg?', { name: '+CREG', form: 'read', args: [] }],
    ['AT+CREG=?', { name: '+CREG', form: 'test', args: [] }],
    ['AT+USOCO=0,"host,x",9999', { name: '+USOCO', form: 'set', args: ['0', 'host,x', '9999'] }],
    ['AT+CMGD=1,', { name: '+CMGD', form: 'set', args: ['1', ''] }],
    ['ATS7=45', { name: 'S', form: 'set', args: ['7', '45'] }],
    ['ATS0?', { name: 'S', form: 'read', args: ['0'] }],
    ['ATS0=', { name: 'S', form: 'set', args: ['0', '0'] }],
    ['ATDT*99***1#', { name: 'D', form: 'exec', args: ['T*99***1#'] }],
  ])('%s', (line, expected) => {
    expect(parseATCommand(line)).toMatchObject(expected);
  });

  it.each([
    ['AT+CSQ;+CREG?', ['AT+CSQ', 'AT+CREG?']],
    ['ATQ0 V1 E1 S0=0 &C1 &D2 +FCLASS=0', ['ATQ0', 'ATV1', 'ATE1', 'ATS0=0', 'AT&C1', 'AT&D2', 'AT+FCLASS=0']],
    ['AT H0 Z S7=45 S0=0 Q0 V1 E0 &C0 X4', ['ATH0', 'ATZ', 'ATS7=45', 'ATS0=0', 'ATQ0', 'ATV1', 'ATE0', 'AT&C0', 'ATX4']],
    ['ATE0V1S2?', ['ATE0', 'ATV1', 'ATS2?']],
    ['AT+USOWR=0,5,"a; b"', ['AT+USOWR=0,5,"a; b"']],
    ['ATZ;D*99#', ['ATZ', 'ATD*99#']],
    ['AT', ['AT']],
  ])('splits %j into one command each', (line, commands) => {
    expect(splitCommandLine(line)).toEqual(commands);
  });

  it.each([
    ['A/', true],
    ['a/', true],
    ['xxA/', true],
    ['AT+USOWR=0,3,"A/B"', false],
    ['AT', false],
  ])('isRepeat(%j) is %s', (line, repeat) => {
    expect(isRepeat(line)).toBe(repeat);
  });

  it('returns undefined for lines that are not commands', () => {
    expect(parseATCommand('hello')).toBeUndefined();
  });

  it('remembers which parameters were quoted', () => {
    expect(splitParameters('1,"2",3').quoted).toEqual([false, true, false]);
  });
});

describe('CommandLineReader', () => {
  it('splits lines on \\r, skips \\n, honours backspace and waits for incomplete lines', () => {
    const reader = new CommandLineReader();
    reader.push(Buffer.from('AT\r\nATX\bE0\rAT+C'));
    expect(reader.takeLine()).toBe('AT');
    expect(reader.takeLine()).toBe('ATE0');
    expect(reader.takeLine()).toBeUndefined();
    reader.push(Buffer.from('SQ\r'));
    expect(reader.takeLine()).toBe('AT+CSQ');
  });

  it('reads Ctrl-Z bodies, ESC cancels, fixed-length bodies take exactly their bytes', () => {
    const reader = new CommandLineReader();
    reader.push(Buffer.from('0011\x1a00\x1babc\rde'));
    expect(reader.takeBody({ kind: 'ctrl-z' })).toEqual({ kind: 'data', bytes: Buffer.from('0011') });
    expect(reader.takeBody({ kind: 'ctrl-z' })).toEqual({ kind: 'cancelled' });
    expect(reader.takeBody({ kind: 'length', length: 7 })).toBeUndefined();
    reader.push(Buffer.from('f'));
    expect(reader.takeBody({ kind: 'length', length: 7 })).toEqual({ kind: 'data', bytes: Buffer.from('abc\rdef') });
    expect(reader.buffered).toBe(0);
  });
});

describe('result framing', () => {
  it.each([
    [{ kind: 'OK' } as const, true, 0, '\r\nOK\r\n'],
    [{ kind: 'OK' } as const, false, 0, '0\r'],
    [{ kind: 'ERROR' } as const, false, 0, '4\r'],
    [{ kind: 'CME', code: 10 } as const, true, 0, '\r\nERROR\r\n'],
    [{ kind: 'CME', code: 10 } as const, true, 1, '\r\n+CME ERROR: 10\r\n'],
    [{ kind: 'CME', code: 10 } as const, true, 2, '\r\n+CME ERROR: SIM not inserted\r\n'],
    [{ kind: 'CME', code: 9999 } as const, true, 2, '\r\n+CME ERROR: 9999\r\n'],
    [{ kind: 'CMS', code: 321 } as const, true, 2, '\r\n+CMS ERROR: invalid memory index\r\n'],
    [{ kind: 'text', text: 'SEND OK' } as const, true, 0, '\r\nSEND OK\r\n'],
  ])('%j verbose=%s cmee=%s', (result, verbose, cmee, expected) => {
    expect(formatFinal(result, { verbose, cmee: cmee as 0 | 1 | 2 })).toBe(expected);
  });

  it('frames information lines, raw bytes included', () => {
    const settings = { verbose: true, cmee: 0 as const };
    expect(formatInformation(['+QIRD: 2', Buffer.from([0, 0xff])], settings)).toEqual(
      Buffer.from('\r\n+QIRD: 2\r\n\x00\xff\r\n', 'latin1'),
    );
  });
});

describe('tpduLength', () => {
  it('subtracts the SMSC information', () => {
    expect(tpduLength('0011000B916407281553F80000AA0AE8329BFD4697D9EC37')).toBe(23);
    expect(tpduLength('07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07')).toBe(30);
  });
});

describe('duplexPair', () => {
  it('carries bytes both ways and ends the peer', async () => {
    const [a, b] = duplexPair();
    const fromA = new Promise<Buffer>((resolve) => b.once('data', resolve));
    const fromB = new Promise<Buffer>((resolve) => a.once('data', resolve));
    a.write('ping');
    b.write('pong');
    expect((await fromA).toString()).toBe('ping');
    expect((await fromB).toString()).toBe('pong');
    const ended = new Promise<void>((resolve) => b.once('end', resolve));
    b.resume();
    a.end();
    await ended;
    a.destroy();
    b.destroy();
  });
});
