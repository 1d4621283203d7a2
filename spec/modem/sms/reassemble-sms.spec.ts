import { concat, map, NEVER, of, OperatorFunction } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import { AssembledSMS } from '../../../lib/modem/sms/concatenated-sms-assembler';
import { reassembleSMS } from '../../../lib/modem/sms/reassemble-sms';
import { SMSDeliverPDU } from '../../../lib/modem/sms/sms-pdu';
import { deliverPart } from './sms-parts';

const parts: Record<string, SMSDeliverPDU> = {
  x: deliverPart('+15555550100', 'world', { reference: 1, total: 2, sequence: 2 }),
  y: deliverPart('+15555550100', 'hello ', { reference: 1, total: 2, sequence: 1 }),
  z: deliverPart('Hologram', 'only half', { reference: 2, total: 2, sequence: 1 }),
  w: deliverPart('+15555550199', 'another half', { reference: 7, total: 3, sequence: 3 }),
  s: deliverPart('+15555550100', 'single'),
};

/** Summarises each output so expectations stay readable: text, completeness, missing parts. */
const summary = (message: AssembledSMS) => `${message.text}|${message.complete ? 'complete' : `missing ${message.missing.join(',')}`}`;
const A = 'hello world|complete';
const B = 'only half|missing 2';
const C = 'another half|missing 1,2';
const S = 'single|complete';
const expected = { A, B, C, S };

function reassemble(maxAgeMs: number, scheduler: Parameters<typeof reassembleSMS>[1]): OperatorFunction<SMSDeliverPDU, string> {
  return (source) => source.pipe(reassembleSMS({ maxAgeMs }, scheduler), map(summary));
}

describe('reassembleSMS', () => {
  it(
    'follows its doc diagram: reassembles out of order, expires the incomplete set',
    marbles((m) => {
      const source = m.cold('--x---y-z---------|', parts);
      const result = '       ------A------B----|';
      m.expect(source.pipe(reassemble(5, m.scheduler))).toBeObservable(result, expected);
    }),
  );

  it(
    'passes single messages straight through',
    marbles((m) => {
      const source = m.hot('-s-s-|', parts);
      m.expect(source.pipe(reassemble(5, m.scheduler))).toBeObservable('-S-S-|', expected);
    }),
  );

  it(
    'empty completes, never stays silent',
    marbles((m) => {
      m.expect(m.cold('|').pipe(reassemble(5, m.scheduler))).toBeObservable('|');
      m.expect(m.cold('-').pipe(reassemble(5, m.scheduler))).toBeObservable('-');
    }),
  );

  it(
    'expires each set on its own clock while the source keeps running',
    marbles((m) => {
      const source = m.hot('-z--w----------', parts);
      m.expect(source.pipe(reassemble(5, m.scheduler))).toBeObservable('------B--C-----', expected);
    }),
  );

  it(
    'expires in virtual time after a long maxAge',
    marbles((m) => {
      const source = m.cold('z', parts);
      m.expect(source.pipe(reassemble(60_000, m.scheduler))).toBeObservable('60000ms B', expected);
    }),
  );

  it(
    'completes a set before it expires',
    marbles((m) => {
      const source = m.cold('y 3ms x-|', parts);
      m.expect(source.pipe(reassemble(5, m.scheduler))).toBeObservable('4ms A-|', expected);
    }),
  );

  it(
    'drops duplicates',
    marbles((m) => {
      const source = m.cold('-y-y-x-x-|', parts);
      m.expect(source.pipe(reassemble(50, m.scheduler))).toBeObservable('-----A---|', expected);
    }),
  );

  it(
    'flushes pending sets as incomplete when the source completes',
    marbles((m) => {
      const source = m.cold('-z-w-|', parts);
      m.expect(source.pipe(reassemble(50, m.scheduler))).toBeObservable('-----(BC|)', expected);
    }),
  );

  it(
    'flushes pending sets, then passes the error on',
    marbles((m) => {
      const source = m.cold('-z-#', parts, new Error('port closed'));
      m.expect(source.pipe(reassemble(50, m.scheduler))).toBeObservable('---(B#)', expected, new Error('port closed'));
    }),
  );

  it(
    'unsubscribes from the source and drops its timer on early unsubscribe',
    marbles((m) => {
      const source = m.hot('-z-------', parts);
      const subscription = '^--!';
      m.expect(source.pipe(reassemble(5, m.scheduler)), subscription).toBeObservable('---', expected);
      m.expect(source).toHaveSubscriptions(subscription);
    }),
  );

  it('leaves no live timer behind after unsubscribe', marbles((m) => {
    const live = () => m.scheduler.actions.filter((action) => !action.closed).length;
    const subscription = concat(of(parts.z), NEVER).pipe(reassembleSMS({ maxAgeMs: 5 }, m.scheduler)).subscribe();
    expect(live()).toBe(1);
    subscription.unsubscribe();
    expect(live()).toBe(0);
  }));

  it('rejects a non-positive maxAgeMs when the operator is created', () => {
    expect(() => reassembleSMS({ maxAgeMs: 0 })).toThrow(/maxAgeMs/);
  });
});
