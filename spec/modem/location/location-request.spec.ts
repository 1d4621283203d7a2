import { Observable, Subject } from 'rxjs';
import { marbles, type Context } from 'rxjs-marbles/jest';
import { parseATArgs } from '../../../lib/modem/at/at-args';
import { InvalidArgumentError } from '../../../lib/errors';
import { ATCommandError } from '../../../lib/modem/at/at-errors';
import type { ATResponse } from '../../../lib/modem/at/at-response';
import type { URC } from '../../../lib/modem/at/urc';
import { classifyFinalResult } from '../../../lib/modem/at/final-result';
import { QUECTEL_BG96 } from '../../../lib/modem/drivers/quectel';
import { UBLOX_SARA_U201 } from '../../../lib/modem/drivers/ublox';
import { HUAWEI } from '../../../lib/modem/drivers/huawei';
import { cellLocate } from '../../../lib/modem/location/cell-locate';
import { gnssLocation } from '../../../lib/modem/location/gnss-location';
import type { LocationEngine } from '../../../lib/modem/location/location-engine';
import { LocationError } from '../../../lib/modem/location/location-error';
import { requestLocation } from '../../../lib/modem/location/request-location';
import { withErrorFields } from '../../support/marbles';

/**
 * The location requests in virtual time, over a scripted engine: each command gets the next
 * observable scripted for it, URCs come from a hot observable. No real port: the AT engine itself
 * is covered elsewhere; here what matters is what is asked, when, and what comes out.
 */

const UULOC = '+UULOC: 27/09/2012,18:26:13.363,45.6334500,13.0618566,0,1';
const UULOC_NONE = '+UULOC: 27/09/2012,18:26:13.363,0.0000000,0.0000000,0,0';
const QGPSLOC = '+QGPSLOC: 061951.000,31.82277,117.11468,0.7,62.2,2,0.00,0.0,0.0,110513,09';
const CELL_FIX = { latitude: 45.63345, longitude: 13.0618566, altitude: 0, uncertainty: 1, time: new Date('2012-09-27T18:26:13.363Z'), method: 'cell-locate' as const };
const GNSS_FIX = expect.objectContaining({ latitude: 31.82277, longitude: 117.11468, method: 'gnss', satellites: 9 });

const urc = (line: string): URC => {
  const colon = line.indexOf(':');
  return { name: line.slice(0, colon).toUpperCase(), line, args: parseATArgs(line.slice(colon + 1)) };
};
const ok = (command: string, ...lines: string[]): ATResponse => ({ command, lines, final: 'OK' });
const cme = (command: string, text: string): ATCommandError => new ATCommandError(command, classifyFinalResult(`+CME ERROR: ${text}`)!);

/** A scripted engine: `script[command]` lists the answers of its successive calls. */
function scriptedEngine(urc$: Observable<URC>, script: Record<string, Observable<ATResponse>[]>): LocationEngine & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    urc$,
    command$: (command: string) => {
      calls.push(command);
      const answers = script[command];
      if (answers === undefined || answers.length === 0) throw new Error(`unexpected command ${command}`);
      return answers.length === 1 ? answers[0] : answers.shift()!;
    },
  } as LocationEngine & { calls: string[] };
}

describe('cellLocate', () => {
  const command = 'AT+ULOC=2,2,0,10,100';

  it('asks once and emits the fix the +UULOC URC brings after OK', marbles((m) => {
    const answer = m.cold('-a|', { a: ok(command) });
    const urcs = m.hot('^--x--y', { x: urc('+CREG: 1'), y: urc(UULOC) });
    const engine = scriptedEngine(urcs, { [command]: [answer] });
    m.expect(cellLocate(engine, { timeoutMs: 10_000, scheduler: m.scheduler })).toBeObservable('------(f|)', { f: CELL_FIX });
    m.expect(answer).toHaveSubscriptions('^-!');
    m.expect(urcs).toHaveSubscriptions('^-----!');
  }));

  it('catches a URC that arrives before the command has even answered', marbles((m) => {
    const engine = scriptedEngine(m.hot('^-y', { y: urc(UULOC) }), { [command]: [m.cold('---a|', { a: ok(command) })] });
    m.expect(cellLocate(engine, { timeoutMs: 10_000, scheduler: m.scheduler })).toBeObservable('--(f|)', { f: CELL_FIX });
  }));

  it('skips +UULOC lines that do not parse and waits for one that does', marbles((m) => {
    const urcs = m.hot('^-b-y', { b: urc('+UULOC: garbage'), y: urc(UULOC) });
    const engine = scriptedEngine(urcs, { [command]: [m.cold('-a|', { a: ok(command) })] });
    m.expect(cellLocate(engine, { timeoutMs: 10_000, scheduler: m.scheduler })).toBeObservable('----(f|)', { f: CELL_FIX });
  }));

  it('errors with no-fix when CellLocate reports a zero position', marbles((m) => {
    const engine = scriptedEngine(m.hot('^--n', { n: urc(UULOC_NONE) }), { [command]: [m.cold('-a|', { a: ok(command) })] });
    m.expect(cellLocate(engine, { timeoutMs: 10_000, scheduler: m.scheduler }).pipe(withErrorFields())).toBeObservable(
      '---#',
      undefined,
      expect.objectContaining({ reason: 'no-fix', method: 'cell-locate' }),
    );
  }));

  it('errors with timeout when no URC comes within the modem timeout plus grace, and stops listening', marbles((m) => {
    const urcs = m.hot<URC>('^');
    const engine = scriptedEngine(urcs, { 'AT+ULOC=2,2,0,3,100': [m.cold('-a|', { a: ok(command) })] });
    m.expect(cellLocate(engine, { timeoutMs: 2500, scheduler: m.scheduler }).pipe(withErrorFields())).toBeObservable(
      '8000ms #',
      undefined,
      expect.objectContaining({ reason: 'timeout', timeoutMs: 8000 }),
    );
    m.expect(urcs).toHaveSubscriptions('^ 7999ms !');
  }));

  it('errors with failed, carrying the CME code, when the modem refuses the request', marbles((m) => {
    const refused = m.cold<ATResponse>('-#', undefined, cme(command, '3'));
    const engine = scriptedEngine(m.hot<URC>('^'), { [command]: [refused] });
    m.expect(cellLocate(engine, { timeoutMs: 10_000, scheduler: m.scheduler }).pipe(withErrorFields())).toBeObservable(
      '-#',
      undefined,
      expect.objectContaining({ reason: 'failed', cmeError: 3, method: 'cell-locate' }),
    );
  }));

  it('passes the timeout in whole seconds and the accuracy to the modem', marbles((m) => {
    const engine = scriptedEngine(m.hot('^--y', { y: urc(UULOC) }), { 'AT+ULOC=2,2,0,1,5': [m.cold('-a|', { a: ok('') })] });
    m.expect(cellLocate(engine, { timeoutMs: 400, accuracyM: 5, scheduler: m.scheduler })).toBeObservable('---(f|)', { f: CELL_FIX });
  }));

  it('stops listening and drops the command when unsubscribed early', marbles((m) => {
    const answer = m.cold('---a|', { a: ok(command) });
    const urcs = m.hot<URC>('^');
    const engine = scriptedEngine(urcs, { 'AT+ULOC=2,2,0,30,100': [answer] });
    m.expect(cellLocate(engine, { scheduler: m.scheduler }), '^-!').toBeObservable('--');
    m.expect(answer).toHaveSubscriptions('^-!');
    m.expect(urcs).toHaveSubscriptions('^-!');
  }));

  it('is cold: nothing is asked until subscribed', () => {
    const engine = scriptedEngine(new Subject<URC>(), {});
    cellLocate(engine);
    expect(engine.calls).toEqual([]);
  });

  it('refuses bad options with an error naming them', () => {
    const engine = scriptedEngine(new Subject<URC>(), {});
    expect(() => cellLocate(engine, { accuracyM: 0 })).toThrow(InvalidArgumentError);
    expect(() => cellLocate(engine, { accuracyM: 0 })).toThrow(/accuracyM must be an integer 1\.\.999999, got 0/);
    expect(() => gnssLocation(engine, { timeoutMs: -5 })).toThrow(/timeoutMs/);
    expect(() => requestLocation(engine, UBLOX_SARA_U201, { pollIntervalMs: 1 })).toThrow(/pollIntervalMs must be at least 100, got 1/);
    expect(() => requestLocation(engine, UBLOX_SARA_U201, { pollIntervalMs: '500' as never })).toThrow(/pollIntervalMs must be a number of milliseconds .*, got "500"/);
  });
});

describe('gnssLocation', () => {
  const started = (m: Context) => m.cold('-a|', { a: ok('AT+QGPS=1') });

  it('starts GNSS, polls AT+QGPSLOC=2 every interval while there is no fix, then emits the fix', marbles((m) => {
    const notYet = m.cold<ATResponse>('-#', undefined, cme('AT+QGPSLOC=2', 'Not fixed now'));
    const fix = m.cold('-a|', { a: ok('AT+QGPSLOC=2', QGPSLOC) });
    const engine = scriptedEngine(m.hot<URC>('^'), { 'AT+QGPS=1': [started(m)], 'AT+QGPSLOC=2': [notYet, notYet, fix] });
    // QGPS ends at 2; reads at 2 and 1003 fail a frame later; the third, at 2004, answers at 2005.
    m.expect(gnssLocation(engine, { pollIntervalMs: 1000, scheduler: m.scheduler })).toBeObservable('2005ms (f|)', { f: GNSS_FIX });
    m.flush();
    expect(engine.calls).toEqual(['AT+QGPS=1', 'AT+QGPSLOC=2', 'AT+QGPSLOC=2', 'AT+QGPSLOC=2']);
  }));

  it('takes a receiver that is already on (CME 504) as started', marbles((m) => {
    const ongoing = m.cold<ATResponse>('-#', undefined, cme('AT+QGPS=1', '504'));
    const engine = scriptedEngine(m.hot<URC>('^'), { 'AT+QGPS=1': [ongoing], 'AT+QGPSLOC=2': [m.cold('-a|', { a: ok('', QGPSLOC) })] });
    m.expect(gnssLocation(engine, { scheduler: m.scheduler })).toBeObservable('--(f|)', { f: GNSS_FIX });
  }));

  it('errors with timeout when no fix comes in time, and stops polling', marbles((m) => {
    const notYet = m.cold<ATResponse>('-#', undefined, cme('AT+QGPSLOC=2', '516'));
    const engine = scriptedEngine(m.hot<URC>('^'), { 'AT+QGPS=1': [started(m)], 'AT+QGPSLOC=2': [notYet] });
    m.expect(gnssLocation(engine, { timeoutMs: 5000, pollIntervalMs: 1000, scheduler: m.scheduler }).pipe(withErrorFields())).toBeObservable(
      '5000ms #',
      undefined,
      expect.objectContaining({ reason: 'timeout', method: 'gnss', timeoutMs: 5000 }),
    );
    m.flush();
    // Reads at 2, 1003, 2004, 3005, 4006: one a second, none after the deadline.
    expect(engine.calls.filter((call) => call === 'AT+QGPSLOC=2')).toHaveLength(5);
  }));

  it('errors with failed on any other refusal (GNSS off: CME 505)', marbles((m) => {
    const off = m.cold<ATResponse>('-#', undefined, cme('AT+QGPSLOC=2', 'Session not active'));
    const engine = scriptedEngine(m.hot<URC>('^'), { 'AT+QGPS=1': [started(m)], 'AT+QGPSLOC=2': [off] });
    m.expect(gnssLocation(engine, { scheduler: m.scheduler }).pipe(withErrorFields())).toBeObservable('---#', undefined, expect.objectContaining({ reason: 'failed', cmeError: 505 }));
  }));

  it('errors with failed on an answer it cannot read', marbles((m) => {
    const odd = m.cold('-a|', { a: ok('', '+QGPSLOC: 3149.3662N,11706.8807E') });
    const engine = scriptedEngine(m.hot<URC>('^'), { 'AT+QGPS=1': [started(m)], 'AT+QGPSLOC=2': [odd] });
    m.expect(gnssLocation(engine, { scheduler: m.scheduler }).pipe(withErrorFields())).toBeObservable('---#', undefined, expect.objectContaining({ reason: 'failed', method: 'gnss' }));
  }));
});

describe('requestLocation', () => {
  it('uses the driver method: CellLocate for u-blox, GNSS for Quectel', marbles((m) => {
    const ublox = scriptedEngine(m.hot('^-y', { y: urc(UULOC) }), { 'AT+ULOC=2,2,0,30,100': [m.cold('a|', { a: ok('') })] });
    m.expect(requestLocation(ublox, UBLOX_SARA_U201, { scheduler: m.scheduler })).toBeObservable('--(f|)', { f: CELL_FIX });
    const quectel = scriptedEngine(m.hot<URC>('^'), { 'AT+QGPS=1': [m.cold('a|', { a: ok('') })], 'AT+QGPSLOC=2': [m.cold('a|', { a: ok('', QGPSLOC) })] });
    m.expect(requestLocation(quectel, QUECTEL_BG96, { scheduler: m.scheduler })).toBeObservable('-(f|)', { f: GNSS_FIX });
  }));

  it('errors with unsupported, without a command, for a modem without a location service', async () => {
    const engine = scriptedEngine(new Subject<URC>(), {});
    const error = await new Promise((resolve) => requestLocation(engine, HUAWEI).subscribe({ error: resolve }));
    expect(error).toBeInstanceOf(LocationError);
    expect(error).toMatchObject({ reason: 'unsupported', message: expect.stringContaining('Huawei') });
    expect(engine.calls).toEqual([]);
  });
});
