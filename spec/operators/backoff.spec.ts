import { asyncScheduler } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import { InvalidArgumentError } from '../../lib/errors';
import { Backoff } from '../../lib/operators/backoff';
import { VirtualClock } from '../../lib/testing/virtual-clock';

describe('Backoff', () => {
  const options = { initialMs: 2, maxMs: 8, resetAfterMs: 10, random: () => 1 };

  it('waits 2, 4, 8, 8 after failures in a row, and waiting$ says so', marbles((m) => {
    const backoff = new Backoff(options, m.scheduler);
    const failures: Array<{ attempt: number; delayMs: number }> = [];
    const waiting: string[] = [];
    backoff.waiting$.subscribe((value) => waiting.push(`${m.scheduler.now()}:${value}`));
    // Each failure one frame after the previous wait ended (a retry that fails at once).
    for (const at of [1, 4, 9, 18]) m.scheduler.schedule(() => failures.push(backoff.failed()), at);
    m.flush();
    expect(failures).toEqual([
      { attempt: 1, delayMs: 2 },
      { attempt: 2, delayMs: 4 },
      { attempt: 3, delayMs: 8 },
      { attempt: 4, delayMs: 8 },
    ]);
    expect(waiting).toEqual(['0:false', '1:true', '3:false', '4:true', '8:false', '9:true', '17:false', '18:true', '26:false']);
  }));

  it('a failure during a wait joins it: counted, told what is left, the delay does not grow', marbles((m) => {
    const backoff = new Backoff(options, m.scheduler);
    const seen: Array<{ attempt: number; delayMs: number }> = [];
    m.scheduler.schedule(() => seen.push(backoff.failed()), 0);
    m.scheduler.schedule(() => seen.push(backoff.failed()), 1);
    m.scheduler.schedule(() => seen.push(backoff.failed()), 3);
    // Subscribed at 0, after the first failure: the wait the second one joined ends at 2.
    m.expect(backoff.over$()).toBeObservable('--(a|)', { a: undefined });
    m.flush();
    expect(seen).toEqual([
      { attempt: 1, delayMs: 2 },
      { attempt: 1, delayMs: 1 },
      { attempt: 2, delayMs: 4 },
    ]);
  }));

  it('starts again from the first step after resetAfterMs without a failure; markHealthy counts only outside a wait', marbles((m) => {
    const backoff = new Backoff(options, m.scheduler);
    const delays: number[] = [];
    m.scheduler.schedule(() => delays.push(backoff.failed().delayMs), 0); // wait 2, until 2
    m.scheduler.schedule(() => delays.push(backoff.failed().delayMs), 5); // 3 after the wait: 4
    m.scheduler.schedule(() => backoff.markHealthy(), 7); // during the wait (until 9): ignored
    m.scheduler.schedule(() => delays.push(backoff.failed().delayMs), 12); // 3 after it: 8
    m.scheduler.schedule(() => backoff.markHealthy(), 25); // healthy from 25 on
    m.scheduler.schedule(() => delays.push(backoff.failed().delayMs), 34); // only 9 healthy: 8
    m.scheduler.schedule(() => delays.push(backoff.failed().delayMs), 60); // 18 healthy: reset, 2
    m.flush();
    expect(delays).toEqual([2, 4, 8, 8, 2]);
  }));

  it('over$ emits at once without a wait; close cancels a wait and completes waiting$', marbles((m) => {
    const backoff = new Backoff(options, m.scheduler);
    m.expect(backoff.over$()).toBeObservable('(a|)', { a: undefined });
    const waiting: string[] = [];
    backoff.waiting$.subscribe({ next: (value) => waiting.push(`${m.scheduler.now()}:${value}`), complete: () => waiting.push(`${m.scheduler.now()}:done`) });
    m.scheduler.schedule(() => backoff.failed(), 1);
    m.scheduler.schedule(() => backoff.close(), 2);
    m.flush();
    expect(waiting).toEqual(['0:false', '1:true', '2:done']);
  }));

  it('over$ is cold: made before a wait and subscribed during it, it emits when that wait ends', marbles((m) => {
    const backoff = new Backoff(options, m.scheduler);
    const over$ = backoff.over$();
    m.scheduler.schedule(() => backoff.failed(), 1); // waits 2: until 3
    m.expect(over$, '--^').toBeObservable('---(a|)', { a: undefined });
  }));

  it('over() resolves once the wait is over, and when close() cancels it', async () => {
    const clock = new VirtualClock();
    const backoff = new Backoff(options, clock);
    backoff.failed(); // waits 2
    let resolved = false;
    const over = backoff.over().then(() => (resolved = true));
    await clock.advance(1);
    expect(resolved).toBe(false);
    await clock.advance(1);
    await over;
    expect(resolved).toBe(true);
    const cancelled = new Backoff(options, clock);
    cancelled.failed();
    const waiting = cancelled.over();
    await cancelled.close();
    await expect(waiting).resolves.toBeUndefined();
  });

  it('rejects bad options with a typed error naming the field', () => {
    expect(() => new Backoff({ initialMs: -1, maxMs: 8, resetAfterMs: 1 }, asyncScheduler)).toThrow(InvalidArgumentError);
    expect(() => new Backoff({ initialMs: 10, maxMs: 8, resetAfterMs: 1 }, asyncScheduler)).toThrow(/maxMs \(8\)/);
  });
});
