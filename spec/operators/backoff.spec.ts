import { TestScheduler } from 'rxjs/testing';
import { InvalidArgumentError } from '../../lib/errors';
import { Backoff } from '../../lib/operators/backoff';

describe('Backoff', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });
  const options = { initialMs: 2, maxMs: 8, resetAfterMs: 10, random: () => 1 };

  it('waits 2, 4, 8, 8 after failures in a row, and waiting$ says so', () => {
    scheduler.run(() => {
      const backoff = new Backoff(options, scheduler);
      const failures: Array<{ attempt: number; delayMs: number }> = [];
      const waiting: string[] = [];
      backoff.waiting$.subscribe((value) => waiting.push(`${scheduler.now()}:${value}`));
      // Each failure one frame after the previous wait ended (a retry that fails at once).
      for (const at of [1, 4, 9, 18]) scheduler.schedule(() => failures.push(backoff.failed()), at);
      scheduler.flush();
      expect(failures).toEqual([
        { attempt: 1, delayMs: 2 },
        { attempt: 2, delayMs: 4 },
        { attempt: 3, delayMs: 8 },
        { attempt: 4, delayMs: 8 },
      ]);
      expect(waiting).toEqual(['0:false', '1:true', '3:false', '4:true', '8:false', '9:true', '17:false', '18:true', '26:false']);
    });
  });

  it('a failure during a wait joins it: counted, told what is left, the delay does not grow', () => {
    scheduler.run(({ expectObservable }) => {
      const backoff = new Backoff(options, scheduler);
      const seen: Array<{ attempt: number; delayMs: number }> = [];
      scheduler.schedule(() => seen.push(backoff.failed()), 0);
      scheduler.schedule(() => seen.push(backoff.failed()), 1);
      scheduler.schedule(() => seen.push(backoff.failed()), 3);
      expectObservable(backoff.over$()).toBe('(a|)', { a: undefined });
      scheduler.flush();
      expect(seen).toEqual([
        { attempt: 1, delayMs: 2 },
        { attempt: 1, delayMs: 1 },
        { attempt: 2, delayMs: 4 },
      ]);
    });
  });

  it('starts again from the first step after resetAfterMs without a failure; markHealthy counts only outside a wait', () => {
    scheduler.run(() => {
      const backoff = new Backoff(options, scheduler);
      const delays: number[] = [];
      scheduler.schedule(() => delays.push(backoff.failed().delayMs), 0); // wait 2, until 2
      scheduler.schedule(() => delays.push(backoff.failed().delayMs), 5); // 3 after the wait: 4
      scheduler.schedule(() => backoff.markHealthy(), 7); // during the wait (until 9): ignored
      scheduler.schedule(() => delays.push(backoff.failed().delayMs), 12); // 3 after it: 8
      scheduler.schedule(() => backoff.markHealthy(), 25); // healthy from 25 on
      scheduler.schedule(() => delays.push(backoff.failed().delayMs), 34); // only 9 healthy: 8
      scheduler.schedule(() => delays.push(backoff.failed().delayMs), 60); // 18 healthy: reset, 2
      scheduler.flush();
      expect(delays).toEqual([2, 4, 8, 8, 2]);
    });
  });

  it('over$ emits at once without a wait; close cancels a wait and completes waiting$', () => {
    scheduler.run(({ expectObservable }) => {
      const backoff = new Backoff(options, scheduler);
      expectObservable(backoff.over$()).toBe('(a|)', { a: undefined });
      const waiting: string[] = [];
      backoff.waiting$.subscribe({ next: (value) => waiting.push(`${scheduler.now()}:${value}`), complete: () => waiting.push(`${scheduler.now()}:done`) });
      scheduler.schedule(() => backoff.failed(), 1);
      scheduler.schedule(() => backoff.close(), 2);
      scheduler.flush();
      expect(waiting).toEqual(['0:false', '1:true', '2:done']);
    });
  });

  it('rejects bad options with a typed error naming the field', () => {
    expect(() => new Backoff({ initialMs: -1, maxMs: 8, resetAfterMs: 1 }, scheduler)).toThrow(InvalidArgumentError);
    expect(() => new Backoff({ initialMs: 10, maxMs: 8, resetAfterMs: 1 }, scheduler)).toThrow(/maxMs \(8\)/);
  });
});
