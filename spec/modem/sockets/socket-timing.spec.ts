import { marbles } from 'rxjs-marbles/jest';
import { catchError, map, of, type Observable } from 'rxjs';
import { ATEngine } from '../../../lib/modem/at/at-engine';
import { ModemSocketError } from '../../../lib/modem/sockets/modem-socket-error';
import { ModemSocketListener } from '../../../lib/modem/sockets/modem-socket-listener';
import { ModemSocketTransport } from '../../../lib/modem/sockets/modem-socket-transport';
import { ScriptedPort, table, type Reply } from '../../../lib/testing/scripted-port';

/**
 * The time-dependent parts of AT sockets in virtual time: a scripted port answers (a table, not the
 * simulator: the simulator's TCP and timers are real and cannot run in virtual time).
 */

function outcome(reply$: Observable<Buffer>): Observable<string> {
  return reply$.pipe(
    map((reply) => reply.toString('latin1')),
    catchError((error: unknown) =>
      of(error instanceof ModemSocketError ? `${error.stage}${error.timedOut ? ':timeout' : ''}${error.cmeError ? `:${error.cmeError}` : ''}` : `other:${String(error)}`),
    ),
  );
}

const ok = (text = '', after = 1): Reply[] => [{ after, text: `${text}\r\nOK\r\n` }];
const hex = (text: string) => Buffer.from(text).toString('hex').toUpperCase();
const request = { host: 'cloudsocket.hologram.io', port: 9999, payload: Buffer.from('hi'), connectTimeoutMs: 50, replyTimeoutMs: 100 };

function ubloxScript(extra: Record<string, Reply[] | ((count: number) => Reply[])> = {}) {
  return table({
    'AT+UDCONF=1,1\r': ok(),
    'AT+USOCR=6\r': ok('\r\n+USOCR: 0\r\n'),
    'AT+USOCO=0,"cloudsocket.hologram.io",9999\r': ok(),
    [`AT+USOWR=0,2,"${hex('hi')}"\r`]: ok('\r\n+USOWR: 0,2\r\n'),
    'AT+USOCL=0\r': ok(),
    ...extra,
  });
}

function commands(port: ScriptedPort): string[] {
  return port.writes.map((w) => w.replace(/\r$/, ''));
}

describe('ModemSocketTransport in virtual time', () => {
  it(
    'u-blox: the reply timeout starts once the payload is written, then the socket is closed',
    marbles((m) => {
      const port = new ScriptedPort(m.scheduler, ubloxScript());
      const engine = new ATEngine(port, { scheduler: m.scheduler });
      const transport = new ModemSocketTransport(engine, 'u-blox', { scheduler: m.scheduler });
      // UDCONF 0→1, USOCR 1→2, USOCO 2→3, USOWR 3→4; timeout at 4 + 100.
      m.expect(outcome(transport.exchange$(request))).toBeObservable('104ms (a|)', { a: 'read:timeout' });
      m.flush();
      expect(commands(port).at(-1)).toBe('104:AT+USOCL=0');
    }),
  );

  it(
    'u-blox: reads announced data, counts an announcement made during a read, completes at +UUSOCL',
    marbles((m) => {
      const port = new ScriptedPort(
        m.scheduler,
        ubloxScript({
          [`AT+USOWR=0,2,"${hex('hi')}"\r`]: [{ after: 1, text: '\r\n+USOWR: 0,2\r\n\r\nOK\r\n' }, { after: 2, text: '\r\n+UUSORD: 0,3\r\n' }],
          // While the first read runs, 2 more bytes arrive: the modem announces 5 unread (3 of them being read now).
          'AT+USORD=0,3\r': [{ after: 1, text: '\r\n+UUSORD: 0,5\r\n' }, { after: 2, text: `\r\n+USORD: 0,3,"${hex('[0,')}"\r\n\r\nOK\r\n` }],
          'AT+USORD=0,2\r': [{ after: 1, text: `\r\n+USORD: 0,2,"${hex('0]')}"\r\n\r\nOK\r\n` }, { after: 3, text: '\r\n+UUSOCL: 0\r\n' }],
        }),
      );
      const engine = new ATEngine(port, { scheduler: m.scheduler });
      const transport = new ModemSocketTransport(engine, 'u-blox', { scheduler: m.scheduler });
      // USOWR answers at 4, +UUSORD at 5, reads at 5 and 7, +UUSOCL at 10.
      m.expect(outcome(transport.exchange$(request))).toBeObservable('10ms (a|)', { a: '[0,0]' });
      m.flush();
      // No AT+USOCL: the peer closed and the modem freed the socket.
      expect(commands(port).filter((c) => c.includes('USORD') || c.includes('USOCL'))).toEqual(['5:AT+USORD=0,3', '7:AT+USORD=0,2']);
    }),
  );

  it(
    'u-blox: unsubscribing while AT+USOCR runs still closes the socket it creates',
    marbles((m) => {
      const port = new ScriptedPort(m.scheduler, ubloxScript({ 'AT+USOCR=6\r': ok('\r\n+USOCR: 4\r\n', 10), 'AT+USOCL=4\r': ok() }));
      const engine = new ATEngine(port, { scheduler: m.scheduler });
      const transport = new ModemSocketTransport(engine, 'u-blox', { scheduler: m.scheduler });
      m.expect(outcome(transport.exchange$(request)), '^ 3ms !').toBeObservable('');
      m.flush();
      expect(commands(port)).toEqual(['0:AT+UDCONF=1,1', '1:AT+USOCR=6', '11:AT+USOCL=4']);
    }),
  );

  it(
    'Quectel: no +QIOPEN within the connect timeout is a typed timeout, and the id is closed',
    marbles((m) => {
      const port = new ScriptedPort(
        m.scheduler,
        table({ 'AT+QIOPEN=1,0,"TCP","cloudsocket.hologram.io",9999,0,1\r': ok(), 'AT+QICLOSE=0\r': ok() }),
      );
      const engine = new ATEngine(port, { scheduler: m.scheduler });
      const transport = new ModemSocketTransport(engine, 'quectel', { scheduler: m.scheduler });
      m.expect(outcome(transport.exchange$(request))).toBeObservable('51ms (a|)', { a: 'connect:timeout' });
      m.flush();
      expect(commands(port).at(-1)).toBe('51:AT+QICLOSE=0');
    }),
  );

  it(
    'Quectel push mode: reply bytes in the URC, done at "closed", then AT+QICLOSE',
    marbles((m) => {
      const port = new ScriptedPort(
        m.scheduler,
        table({
          'AT+QIOPEN=1,0,"TCP","cloudsocket.hologram.io",9999,0,1\r': [{ after: 1, text: '\r\nOK\r\n' }, { after: 5, text: '\r\n+QIOPEN: 0,0\r\n' }],
          'AT+QISEND=0,2\r': [{ after: 1, text: '\r\n> ' }],
          hi: [{ after: 1, text: '\r\nSEND OK\r\n' }, { after: 2, text: '\r\n+QIURC: "recv",0,5\r\n[0,0]\r\n+QIURC: "closed",0\r\n' }],
          'AT+QICLOSE=0\r': ok(),
        }),
      );
      const engine = new ATEngine(port, { scheduler: m.scheduler });
      const transport = new ModemSocketTransport(engine, 'quectel', { scheduler: m.scheduler });
      m.expect(outcome(transport.exchange$(request))).toBeObservable('8ms (a|)', { a: '[0,0]' });
      m.flush();
      expect(commands(port)).toEqual(['0:AT+QIOPEN=1,0,"TCP","cloudsocket.hologram.io",9999,0,1', '5:AT+QISEND=0,2', '6:hi', '8:AT+QICLOSE=0']);
    }),
  );
});

describe('ModemSocketListener in virtual time', () => {
  it(
    'emits a silent connection after the idle timeout and closes it',
    marbles((m) => {
      const port = new ScriptedPort(
        m.scheduler,
        table({
          'AT+UDCONF=1,1\r': ok(),
          'AT+USOCR=6\r': ok('\r\n+USOCR: 0\r\n'),
          'AT+USOLI=0,4010\r': [{ after: 1, text: '\r\nOK\r\n' }, { after: 5, text: '\r\n+UUSOLI: 1,"1.2.3.4",5000,0,"10.0.0.1",4010\r\n\r\n+UUSORD: 1,2\r\n' }],
          'AT+USORD=1,2\r': ok(`\r\n+USORD: 1,2,"${hex('ab')}"\r\n`),
          'AT+USOCL=1\r': ok(),
          'AT+USOCL=0\r': ok(),
        }),
      );
      const engine = new ATEngine(port, { scheduler: m.scheduler });
      const listener = new ModemSocketListener(engine, { port: 4010, idleTimeoutMs: 20, scheduler: m.scheduler });
      const messages = listener.messages$.pipe(map((msg) => `${msg.data.toString()}@${msg.remoteAddress}:${msg.remotePort}`));
      // Accepted at 7, data read at 8; idle 20 ms after the data.
      m.expect(messages, '^ 40ms !').toBeObservable('28ms a', { a: 'ab@1.2.3.4:5000' });
      m.flush();
      expect(commands(port).slice(-3)).toEqual(['7:AT+USORD=1,2', '28:AT+USOCL=1', '41:AT+USOCL=0']);
    }),
  );
});
