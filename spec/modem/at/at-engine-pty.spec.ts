import { firstValueFrom, filter, toArray, take, timeout } from 'rxjs';
import { ATEngine } from '../../../lib/modem/at/at-engine';
import { ATTimeoutError, ModemDisconnectedError } from '../../../lib/modem/at/at-errors';
import { SerialPortConnection } from '../../../lib/modem/serial-port-connection';
import { openPtyPair, type PtyPair } from '../../../lib/testing/pty-pair';
import { respondLines } from './line-responder';

/**
 * The engine over a REAL pty pair opened with the REAL serialport binding, through
 * SerialPortConnection. The far end is a minimal scripted responder (the full simulator lives elsewhere).
 */
describe('ATEngine over a pty with serialport', () => {
  let pair: PtyPair;
  let connection: SerialPortConnection;
  let engine: ATEngine;

  beforeEach(async () => {
    pair = await openPtyPair();
    connection = new SerialPortConnection({ path: pair.path, pollIntervalMs: 50 });
    engine = new ATEngine(undefined, { retry: { delayMs: 20 }, resync: { probeTimeoutMs: 500, quietMs: 50 } });
    connection.port$.subscribe((port) => engine.attach(port));
    await connection.open();
  });

  afterEach(async () => {
    await engine.close();
    await connection.close();
    await pair.close();
  });

  it('keeps URCs out of a response split at every byte, with echo on', async () => {
    respondLines(
      pair.stream,
      (command) =>
        command === 'AT+CGSN'
          ? '\r\n+CREG: 5,"0A2B","0001C3D4",2\r\n\r\n352753090041680\r\n\r\n+QIURC: "recv",0,4\r\nab\r\n\r\n+CMT: ,24\r\n0791AA\r\n\r\nOK\r\n'
          : undefined,
      { byteByByte: true, echo: true },
    );
    const urcs = firstValueFrom(engine.urc$.pipe(take(3), toArray()));
    const response = await engine.command('AT+CGSN');
    expect(response.lines).toEqual(['352753090041680']);
    expect(response.final).toBe('OK');
    const [creg, qiurc, cmt] = await urcs;
    expect(creg).toMatchObject({ name: '+CREG', args: ['5', '0A2B', '0001C3D4', '2'] });
    expect(qiurc.data?.toString('latin1')).toBe('ab\r\n');
    expect(cmt).toMatchObject({ name: '+CMT', text: '0791AA' });
  });

  it('retries CME 14 and then succeeds; runs queued commands in order', async () => {
    respondLines(pair.stream, (command, count) => {
      if (command === 'AT+CPIN?') return count < 2 ? '\r\n+CME ERROR: 14\r\n' : '\r\n+CPIN: READY\r\n\r\nOK\r\n';
      if (command.startsWith('AT+N')) return `\r\n${command.slice(5)}\r\n\r\nOK\r\n`;
      return undefined;
    });
    const [pin, ...numbered] = await Promise.all([
      engine.command('AT+CPIN?'),
      ...[1, 2, 3, 4, 5].map((n) => engine.command(`AT+N=${n}`)),
    ]);
    expect(pin.lines).toEqual(['+CPIN: READY']);
    expect(numbered.map((r) => r.lines[0])).toEqual(['1', '2', '3', '4', '5']);
  });

  it('survives a silent peer and garbage: the command times out, the next one works', async () => {
    respondLines(pair.stream, (command) => {
      if (command === 'AT+COPS=?') return undefined; // silent
      if (command === 'AT') return '\x00\xff\xfe garbage \r\n\r\nOK\r\n';
      if (command === 'AT+CSQ') return '\x00\x00\r\n+CSQ: 21,99\r\n\r\nOK\r\n';
      return undefined;
    });
    await expect(engine.command('AT+COPS=?', { timeoutMs: 150 })).rejects.toBeInstanceOf(ATTimeoutError);
    const response = await engine.command('AT+CSQ');
    expect(response.lines).toEqual(['+CSQ: 21,99']);
  });

  it('fails the pending command at once on unplug, and works again after the path returns', async () => {
    respondLines(pair.stream, () => undefined); // never answers: the command stays pending
    const states: string[] = [];
    connection.state$.subscribe((s) => states.push(s));
    const pending = engine.command('AT+COPS=?');
    const queued = engine.command('AT+CSQ');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await pair.unplug();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModemDisconnectedError);
    expect(error).toMatchObject({ disconnected: true });
    await expect(queued).rejects.toBeInstanceOf(ModemDisconnectedError);
    expect(engine.state).toBe('disconnected');
    await expect(engine.command('AT')).rejects.toMatchObject({ disconnected: true });

    const stream = await pair.replug();
    respondLines(stream, (command) => (command === 'AT+CSQ' ? '\r\n+CSQ: 12,99\r\n\r\nOK\r\n' : undefined));
    await firstValueFrom(engine.state$.pipe(filter((s) => s === 'ready'), timeout(10_000)));
    expect((await engine.command('AT+CSQ')).lines).toEqual(['+CSQ: 12,99']);
    expect(states).toEqual(['open', 'reconnecting', 'open']);
  });

  it('detach() releases the port so it can be given away and reopened (PPP hand-over)', async () => {
    respondLines(pair.stream, (command) => (command === 'AT' ? '\r\nOK\r\n' : undefined));
    await engine.command('AT');
    await engine.detach();
    await connection.release();
    expect(connection.state).toBe('closed');
    await connection.open();
    expect((await engine.command('AT')).final).toBe('OK');
  });
});
