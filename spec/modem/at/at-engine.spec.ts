import { marbles } from 'rxjs-marbles/jest';
import { asyncScheduler, catchError, map, of, switchMap, timer, type Observable } from 'rxjs';
import { ATEngine } from '../../../lib/modem/at/at-engine';
import { ATCommandError, ATTimeoutError, ModemDisconnectedError } from '../../../lib/modem/at/at-errors';
import type { ATResponse } from '../../../lib/modem/at/at-response';
import { InvalidArgumentError } from '../../../lib/errors';
import { ClosedError } from '../../../lib/closed-error';
import { ScriptedPort, table } from '../../../lib/testing/scripted-port';
import { UnexpectedModemResponseError } from '../../../lib/modem/unexpected-modem-response-error';
import { IMEI_ANSWER } from '../../../lib/modem/at/answer-shape';

/** Success → `final|line1|line2`; failure → the error's class name (and CME code). */
function outcome(response$: Observable<ATResponse>): Observable<string> {
  return response$.pipe(
    map((r) => [r.final, ...r.lines].join('|')),
    catchError((error: unknown) => {
      if (error instanceof ATCommandError) return of(`ATCommandError:${error.final}`);
      if (error instanceof ATTimeoutError) return of(`ATTimeoutError:${error.timeoutMs}`);
      if (error instanceof ModemDisconnectedError) return of(`ModemDisconnectedError:${error.reason}`);
      if (error instanceof ClosedError) return of(`ClosedError:${error.resource}`);
      if (error instanceof UnexpectedModemResponseError) return of(`Unexpected:${error.lines.join('|')}`);
      return of(`other:${String(error)}`);
    }),
  );
}

describe('ATEngine (virtual time)', () => {
  it(
    'runs a command and emits its lines and final result',
    marbles((m) => {
      const port = new ScriptedPort(m.scheduler, table({ 'AT+CSQ\r': [{ after: 10, text: '\r\n+CSQ: 17,99\r\n\r\nOK\r\n' }] }));
      const engine = new ATEngine(port, { scheduler: m.scheduler });
      m.expect(outcome(engine.command$('AT+CSQ'))).toBeObservable('10ms (a|)', { a: 'OK|+CSQ: 17,99' });
    }),
  );

  it(
    'is cold: nothing is written before subscription',
    marbles((m) => {
      const port = new ScriptedPort(m.scheduler);
      const engine = new ATEngine(port, { scheduler: m.scheduler });
      engine.command$('AT');
      m.flush();
      expect(port.writes).toEqual([]);
    }),
  );

  it(
    'runs commands one at a time in FIFO order',
    marbles((m) => {
      const port = new ScriptedPort(
        m.scheduler,
        table({
          'AT+CGMI\r': [{ after: 5, text: '\r\nu-blox\r\n\r\nOK\r\n' }],
          'AT+CGMM\r': [{ after: 7, text: '\r\nSARA-U201\r\n\r\nOK\r\n' }],
          'AT+CGSN\r': [{ after: 3, text: '\r\n352753090041680\r\n\r\nOK\r\n' }],
        }),
      );
      const engine = new ATEngine(port, { scheduler: m.scheduler });
      m.expect(outcome(engine.command$('AT+CGMI'))).toBeObservable('5ms (a|)', { a: 'OK|u-blox' });
      m.expect(outcome(engine.command$('AT+CGMM'))).toBeObservable('12ms (a|)', { a: 'OK|SARA-U201' });
      m.expect(outcome(engine.command$('AT+CGSN'))).toBeObservable('15ms (a|)', { a: 'OK|352753090041680' });
      m.flush();
      expect(port.writes).toEqual(['0:AT+CGMI\r', '5:AT+CGMM\r', '12:AT+CGSN\r']);
    }),
  );

  it(
    'routes URCs arriving inside a response to urc$, never into the response',
    marbles((m) => {
      const port = new ScriptedPort(
        m.scheduler,
        table({ 'AT+CGSN\r': [{ after: 2, text: '\r\n+CMTI: "ME",3\r\n\r\n352753090041680\r\n+UUSORD: 0,5\r\n\r\nOK\r\n' }] }),
      );
      const engine = new ATEngine(port, { scheduler: m.scheduler });
      m.expect(engine.urc$.pipe(map((u) => u.name))).toBeObservable('2ms (ab)', { a: '+CMTI', b: '+UUSORD' });
      m.expect(outcome(engine.command$('AT+CGSN'))).toBeObservable('2ms (a|)', { a: 'OK|352753090041680' });
    }),
  );

  it(
    'fails with ATCommandError carrying the CME code and text',
    marbles((m) => {
      const port = new ScriptedPort(m.scheduler, table({ 'AT+CPIN?\r': [{ after: 1, text: '\r\n+CME ERROR: SIM not inserted\r\n' }] }));
      const engine = new ATEngine(port, { scheduler: m.scheduler });
      let error: unknown;
      engine.command$('AT+CPIN?').subscribe({ error: (e: unknown) => (error = e) });
      m.flush();
      expect(error).toBeInstanceOf(ATCommandError);
      expect(error).toMatchObject({ command: 'AT+CPIN?', final: '+CME ERROR: SIM not inserted', cmeError: 10, errorText: 'SIM not inserted' });
    }),
  );

  it(
    'retries on CME 14 after the retry delay, then succeeds',
    marbles((m) => {
      const port = new ScriptedPort(
        m.scheduler,
        table({
          'AT+CCID\r': (count) => [{ after: 1, text: count < 3 ? '\r\n+CME ERROR: 14\r\n' : '\r\n+CCID: 8944500102198304826F\r\n\r\nOK\r\n' }],
        }),
      );
      const engine = new ATEngine(port, { scheduler: m.scheduler, retry: { delayMs: 100 } });
      m.expect(outcome(engine.command$('AT+CCID'))).toBeObservable('203ms (a|)', { a: 'OK|+CCID: 8944500102198304826F' });
      m.flush();
      expect(port.writes).toEqual(['0:AT+CCID\r', '101:AT+CCID\r', '202:AT+CCID\r']);
    }),
  );

  it(
    'gives up after the retry count and reports the last CME error; retry: false disables it',
    marbles((m) => {
      const port = new ScriptedPort(m.scheduler, table({ 'AT+UPSDA=0,3\r': [{ after: 1, text: '\r\n+CME ERROR: 515\r\n' }], 'AT+CSQ\r': [{ after: 1, text: 'ERROR\r\n' }] }));
      const engine = new ATEngine(port, { scheduler: m.scheduler, retry: { count: 2, delayMs: 10 } });
      m.expect(outcome(engine.command$('AT+UPSDA=0,3'))).toBeObservable('23ms (a|)', { a: 'ATCommandError:+CME ERROR: 515' });
      const single = new ScriptedPort(m.scheduler, table({ 'AT+CPIN?\r': [{ after: 1, text: '+CME ERROR: 14\r\n' }] }));
      const engine2 = new ATEngine(single, { scheduler: m.scheduler });
      m.expect(outcome(engine2.command$('AT+CPIN?', { retry: false }))).toBeObservable('-(a|)', { a: 'ATCommandError:+CME ERROR: 14' });
      m.flush();
      expect(port.writes.filter((w) => w.includes('UPSDA'))).toHaveLength(3);
      // A failure may be a stray final result: the probe makes sure the command's own answer is not left for the next one.
      expect(single.writes).toEqual(['0:AT+CPIN?\r', '1:AT\r']);
    }),
  );

  it(
    'times out with ATTimeoutError after the default, and after the slow-command default',
    marbles((m) => {
      const port = new ScriptedPort(m.scheduler);
      const engine = new ATEngine(port, { scheduler: m.scheduler, resync: { probeTimeoutMs: 10 } });
      m.expect(outcome(engine.command$('AT+CSQ'))).toBeObservable('5000ms (a|)', { a: 'ATTimeoutError:5000' });
      m.flush();
      const slow = new ATEngine(new ScriptedPort(m.scheduler), { scheduler: m.scheduler });
      let error: unknown;
      slow.command$('AT+USOCO=0,"1.2.3.4",9999').subscribe({ error: (e: unknown) => (error = e) });
      slow.command$('AT+X', { timeoutMs: 7 }).subscribe({ error: () => undefined });
      m.flush();
      expect(error).toMatchObject({ timeoutMs: 130_000, command: 'AT+USOCO=0,"1.2.3.4",9999' });
    }),
  );

  it(
    'a stray OK ends the query it hits as UnexpectedModemResponseError; its own answer is absorbed by the resync, not given to the next',
    marbles((m) => {
      // A stray OK at 2 ms, then AT+CGSN's real answer at 5 ms; the probe answers 1 ms after it is written.
      const port = new ScriptedPort(
        m.scheduler,
        table({
          'AT+CGSN\r': [{ after: 2, text: '\r\nOK\r\n' }, { after: 5, text: '\r\n352753090041680\r\n\r\nOK\r\n' }],
          'AT\r': [{ after: 1, text: '\r\nOK\r\n' }],
          'AT+CIMI\r': [{ after: 3, text: '\r\n234507097123456\r\n\r\nOK\r\n' }],
        }),
      );
      const engine = new ATEngine(port, { scheduler: m.scheduler, resync: { quietMs: 20 } });
      m.expect(outcome(engine.command$('AT+CGSN', { expect: IMEI_ANSWER }))).toBeObservable('2ms (a|)', { a: 'Unexpected:' });
      // Probe at 2, its OK at 3, the late answer at 5 restarts the quiet window: done at 25.
      m.expect(outcome(engine.command$('AT+CIMI'))).toBeObservable('28ms (a|)', { a: 'OK|234507097123456' });
      m.flush();
      expect(port.writes).toEqual(['0:AT+CGSN\r', '2:AT\r', '25:AT+CIMI\r']);
    }),
  );

  it(
    'a stray ERROR fails the command it hits; the resync keeps its own answer from the next; a final with none in flight is dropped',
    marbles((m) => {
      const port = new ScriptedPort(
        m.scheduler,
        table({
          'AT+CSQ\r': (count) => (count === 1 ? [{ after: 1, text: '\r\nERROR\r\n' }, { after: 4, text: '\r\n+CSQ: 9,99\r\n\r\nOK\r\n' }] : [{ after: 1, text: '\r\n+CSQ: 10,99\r\n\r\nOK\r\n' }]),
          'AT\r': [{ after: 1, text: '\r\nOK\r\n' }],
        }),
      );
      const engine = new ATEngine(port, { scheduler: m.scheduler, resync: { quietMs: 10 } });
      m.expect(outcome(engine.command$('AT+CSQ'))).toBeObservable('1ms (a|)', { a: 'ATCommandError:ERROR' });
      m.expect(outcome(engine.command$('AT+CSQ'))).toBeObservable('15ms (a|)', { a: 'OK|+CSQ: 10,99' });
      // Idle at 15: a stray OK at 30 is dropped; the command after it gets its own answer.
      port.send('\r\nOK\r\n', 30);
      m.expect(outcome(timer(40, m.scheduler).pipe(switchMap(() => engine.command$('AT+CSQ'))))).toBeObservable('41ms (a|)', { a: 'OK|+CSQ: 10,99' });
      m.flush();
      expect(port.writes).toEqual(['0:AT+CSQ\r', '1:AT\r', '14:AT+CSQ\r', '40:AT+CSQ\r']);
    }),
  );

  it(
    'a resync ends after maxMs even when the modem never goes quiet, so the queue is not held for ever',
    marbles((m) => {
      const port = new ScriptedPort(m.scheduler, table({ 'AT+CSQ\r': [{ after: 1, text: '\r\n+CSQ: 9,99\r\n\r\nOK\r\n' }] }));
      const engine = new ATEngine(port, { scheduler: m.scheduler, resync: { quietMs: 20, maxMs: 100 } });
      // A stray OK hits AT+CGSN at 2, then the line repeats OK every 10 ms until 300.
      for (let at = 2; at <= 300; at += 10) port.send('\r\nOK\r\n', at);
      m.expect(outcome(engine.command$('AT+CGSN', { expect: IMEI_ANSWER }))).toBeObservable('2ms (a|)', { a: 'Unexpected:' });
      m.expect(outcome(engine.command$('AT+CSQ'))).toBeObservable('103ms (a|)', { a: 'OK|+CSQ: 9,99' });
      m.flush();
      expect(port.writes).toEqual(['0:AT+CGSN\r', '2:AT\r', '102:AT+CSQ\r']);
    }),
  );

  it(
    'after a timeout, a late final result is not taken as the next command\'s result (late OK before the probe answer)',
    marbles((m) => {
      // The modem answers AT+COPS=? late (at 150 ms), then answers the probe and AT+CSQ normally.
      const port = new ScriptedPort(
        m.scheduler,
        table({
          'AT+COPS=?\r': [{ after: 150, text: '\r\nERROR\r\n' }],
          'AT\r': [{ after: 60, text: '\r\nOK\r\n' }],
          'AT+CSQ\r': [{ after: 5, text: '\r\n+CSQ: 9,99\r\n\r\nOK\r\n' }],
        }),
      );
      const engine = new ATEngine(port, { scheduler: m.scheduler, resync: { quietMs: 100 } });
      m.expect(outcome(engine.command$('AT+COPS=?', { timeoutMs: 100 }))).toBeObservable('100ms (a|)', { a: 'ATTimeoutError:100' });
      // Probe written at 100; late ERROR at 150 (quiet window restarts), probe OK at 160, quiet until 260.
      m.expect(outcome(engine.command$('AT+CSQ'))).toBeObservable('265ms (a|)', { a: 'OK|+CSQ: 9,99' });
      m.flush();
      expect(port.writes).toEqual(['0:AT+COPS=?\r', '100:AT\r', '260:AT+CSQ\r']);
    }),
  );

  it(
    'after a timeout, a late final result arriving after the probe answer is absorbed too',
    marbles((m) => {
      const port = new ScriptedPort(
        m.scheduler,
        table({
          'AT+CGATT=1\r': [{ after: 130, text: '\r\nOK\r\n' }],
          'AT\r': [{ after: 10, text: '\r\nOK\r\n' }],
          'AT+CSQ\r': [{ after: 5, text: '\r\n+CSQ: 9,99\r\n\r\nOK\r\n' }],
        }),
      );
      const engine = new ATEngine(port, { scheduler: m.scheduler, resync: { quietMs: 50 } });
      engine.command$('AT+CGATT=1', { timeoutMs: 100 }).subscribe({ error: () => undefined });
      // Probe at 100, its OK at 110, late OK at 130 restarts the window, quiet until 180.
      m.expect(outcome(engine.command$('AT+CSQ'))).toBeObservable('185ms (a|)', { a: 'OK|+CSQ: 9,99' });
      m.flush();
      expect(port.writes).toEqual(['0:AT+CGATT=1\r', '100:AT\r', '180:AT+CSQ\r']);
    }),
  );

  it(
    'after a timeout with a silent modem, goes on once the probe times out',
    marbles((m) => {
      const port = new ScriptedPort(m.scheduler, table({ 'AT+CSQ\r': [{ after: 1, text: 'OK\r\n' }] }));
      const engine = new ATEngine(port, { scheduler: m.scheduler, resync: { probeTimeoutMs: 30 } });
      engine.command$('AT+CFUN=1', { timeoutMs: 20 }).subscribe({ error: () => undefined });
      m.expect(outcome(engine.command$('AT+CSQ'))).toBeObservable('51ms (a|)', { a: 'OK' });
    }),
  );

  it(
    'writes the body after the > prompt, with Ctrl-Z for a text body',
    marbles((m) => {
      const port = new ScriptedPort(
        m.scheduler,
        table({
          'AT+CMGS=18\r': [{ after: 2, text: '\r\n> ' }],
          '0001000B915155550100F000000461F1985C\x1a': [{ after: 3, text: '\r\n+CMGS: 7\r\n\r\nOK\r\n' }],
        }),
      );
      const engine = new ATEngine(port, { scheduler: m.scheduler });
      m.expect(outcome(engine.command$('AT+CMGS=18', { body: '0001000B915155550100F000000461F1985C' }))).toBeObservable('5ms (a|)', {
        a: 'OK|+CMGS: 7',
      });
      m.flush();
      expect(port.writes).toEqual(['0:AT+CMGS=18\r', '2:0001000B915155550100F000000461F1985C\x1a']);
    }),
  );

  it(
    'waits 50 ms after the u-blox binary @ prompt and writes raw bytes without Ctrl-Z',
    marbles((m) => {
      const port = new ScriptedPort(
        m.scheduler,
        table({ 'AT+USOWR=0,3\r': [{ after: 1, text: '\r\n@' }], '\x00\x01\x02': [{ after: 1, text: '\r\n+USOWR: 0,3\r\n\r\nOK\r\n' }] }),
      );
      const engine = new ATEngine(port, { scheduler: m.scheduler });
      m.expect(outcome(engine.command$('AT+USOWR=0,3', { body: Buffer.from([0, 1, 2]) }))).toBeObservable('52ms (a|)', { a: 'OK|+USOWR: 0,3' });
      m.flush();
      expect(port.writes).toEqual(['0:AT+USOWR=0,3\r', '51:\x00\x01\x02']);
    }),
  );

  it(
    'removes a command from the queue when unsubscribed before it is written',
    marbles((m) => {
      const port = new ScriptedPort(m.scheduler, (w) => [{ after: 10, text: `\r\n${w.trim()}-done\r\nOK\r\n` }]);
      const engine = new ATEngine(port, { scheduler: m.scheduler });
      engine.command$('AT+A').subscribe();
      const second = engine.command$('AT+B').subscribe();
      m.expect(outcome(engine.command$('AT+C'))).toBeObservable('20ms (a|)', { a: 'OK|AT+C-done' });
      m.scheduler.schedule(() => second.unsubscribe(), 5);
      m.flush();
      expect(port.writes).toEqual(['0:AT+A\r', '10:AT+C\r']);
    }),
  );

  it(
    'lets an unsubscribed in-flight command finish silently; the next command gets its own result',
    marbles((m) => {
      const port = new ScriptedPort(m.scheduler, table({ 'AT+A\r': [{ after: 10, text: '\r\nA\r\nOK\r\n' }], 'AT+B\r': [{ after: 1, text: '\r\nB\r\nOK\r\n' }] }));
      const engine = new ATEngine(port, { scheduler: m.scheduler });
      const first = engine.command$('AT+A').subscribe(() => fail('unsubscribed command emitted'));
      m.scheduler.schedule(() => first.unsubscribe(), 3);
      m.expect(outcome(engine.command$('AT+B'))).toBeObservable('11ms (a|)', { a: 'OK|B' });
    }),
  );

  it(
    'fails the command in flight and the queued ones at once when the stream ends; new commands fail too',
    marbles((m) => {
      const port = new ScriptedPort(m.scheduler);
      const engine = new ATEngine(port, { scheduler: m.scheduler });
      const states: string[] = [];
      engine.state$.subscribe((s) => states.push(`${m.scheduler.now()}:${s}`));
      m.expect(outcome(engine.command$('AT+CSQ'))).toBeObservable('30ms (a|)', { a: 'ModemDisconnectedError:stream-error' });
      m.expect(outcome(engine.command$('AT+CREG?'))).toBeObservable('30ms (a|)', { a: 'ModemDisconnectedError:stream-error' });
      port.end(Object.assign(new Error('read EIO'), { disconnected: true }), 30);
      m.flush();
      expect(states).toEqual(['0:ready', '30:disconnected']);
      let error: unknown;
      engine.command$('AT').subscribe({ error: (e: unknown) => (error = e) });
      expect(error).toMatchObject({ disconnected: true, reason: 'stream-closed' });
      // After a replug, a new stream makes the engine ready again.
      const replugged = new ScriptedPort(m.scheduler, table({ 'AT\r': [{ after: 1, text: 'OK\r\n' }] }));
      engine.attach(replugged);
      let final = '';
      engine.command$('AT').subscribe((r) => (final = r.final));
      m.flush();
      expect(final).toBe('OK');
      expect(engine.state).toBe('ready');
    }),
  );

  it(
    'detach() waits for the command in flight, fails queued ones, stops reading; attach() resumes',
    marbles((m) => {
      const port = new ScriptedPort(m.scheduler, table({ 'AT+CGDCONT=1,"IP","hologram"\r': [{ after: 10, text: 'OK\r\n' }], 'AT\r': [{ after: 1, text: 'OK\r\n' }] }));
      const engine = new ATEngine(port, { scheduler: m.scheduler });
      m.expect(outcome(engine.command$('AT+CGDCONT=1,"IP","hologram"'))).toBeObservable('10ms (a|)', { a: 'OK' });
      m.expect(outcome(engine.command$('AT+CSQ'))).toBeObservable('2ms (a|)', { a: 'ModemDisconnectedError:detached' });
      let detachedAt = -1;
      m.scheduler.schedule(() => void engine.detach().then(() => (detachedAt = m.scheduler.now())), 2);
      m.flush();
      return Promise.resolve().then(() => {
        expect(detachedAt).toBe(10);
        expect(engine.state).toBe('detached');
        engine.attach(port);
        let final = '';
        engine.command$('AT').subscribe((r) => (final = r.final));
        m.flush();
        expect(final).toBe('OK');
      });
    }),
  );

  it(
    'close() fails everything and completes urc$ and state$',
    marbles((m) => {
      const port = new ScriptedPort(m.scheduler);
      const engine = new ATEngine(port, { scheduler: m.scheduler });
      m.expect(outcome(engine.command$('AT+CSQ'))).toBeObservable('5ms (a|)', { a: 'ClosedError:at-engine' });
      m.expect(engine.urc$).toBeObservable('5ms |');
      m.scheduler.schedule(() => engine.close(), 5);
    }),
  );

  it('after close(), a command fails with ClosedError naming it and attach() refuses', () => {
    const port = new ScriptedPort(asyncScheduler);
    const engine = new ATEngine(port);
    engine.close();
    let error: unknown;
    engine.command$('AT+CSQ').subscribe({ error: (e: unknown) => (error = e) });
    expect(error).toBeInstanceOf(ClosedError);
    expect(error).toMatchObject({ resource: 'at-engine', message: 'The AT engine is closed: AT+CSQ did not complete' });
    expect(() => engine.attach(port)).toThrow(new ClosedError('at-engine', undefined, { detail: 'create a new engine for a new stream' }));
  });

  it('rejects a malformed command with InvalidArgumentError naming it, and hides sensitive ones', () => {
    const engine = new ATEngine(undefined);
    expect(() => engine.command$('CSQ')).toThrow(InvalidArgumentError);
    expect(() => engine.command$('AT+CSQ\rAT')).toThrow(/"AT\+CSQ\\rAT"/);
    expect(() => engine.command$('AT+USOWR=0,8,"abcdefgh"\n', { sensitive: true })).toThrow(/AT\+USOWR<sensitive>/);
    expect(() => engine.command$('AT', { timeoutMs: -1 })).toThrow(InvalidArgumentError);
    // Past the longest Node timer the timeout would fire after 1 ms: refused, naming the value.
    expect(() => engine.command$('AT', { timeoutMs: 2 ** 31 })).toThrow(/timeoutMs must be a number of milliseconds above 0 up to 2147483647 .*, got 2147483648$/);
    let error: unknown;
    engine.command$('AT').subscribe({ error: (e: unknown) => (error = e) });
    expect(error).toMatchObject({ reason: 'detached', disconnected: true });
  });
});
