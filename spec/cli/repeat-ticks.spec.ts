import { marbles } from 'rxjs-marbles/jest';
import { InvalidArgumentError } from '../../lib/errors';
import { repeatTicks } from '../../lib/cli/repeat-ticks';

describe('repeatTicks', () => {
  it('ticks at once, then every period, numbering from 1 with the time since the first, until unsubscribed', marbles((m) => {
    m.expect(repeatTicks({ periodMs: 10, scheduler: m.scheduler }), '^ 35ms !').toBeObservable('a 9ms b 9ms c 9ms d', {
      a: { sequence: 1, elapsedMs: 0 },
      b: { sequence: 2, elapsedMs: 10 },
      c: { sequence: 3, elapsedMs: 20 },
      d: { sequence: 4, elapsedMs: 30 },
    });
  }));

  it('elapsed time counts from the subscription, not from the call', marbles((m) => {
    const ticks = repeatTicks({ periodMs: 10, count: 2, scheduler: m.scheduler });
    m.expect(ticks, '5ms ^').toBeObservable('5ms a 9ms (b|)', {
      a: { sequence: 1, elapsedMs: 0 },
      b: { sequence: 2, elapsedMs: 10 },
    });
  }));

  it('completes with the count-th tick (heartbeat --count)', marbles((m) => {
    m.expect(repeatTicks({ periodMs: 10, count: 3, scheduler: m.scheduler })).toBeObservable('a 9ms b 9ms (c|)', {
      a: { sequence: 1, elapsedMs: 0 },
      b: { sequence: 2, elapsedMs: 10 },
      c: { sequence: 3, elapsedMs: 20 },
    });
  }));

  it('a count of 1 is a single tick at once', marbles((m) => {
    m.expect(repeatTicks({ periodMs: 10, count: 1, scheduler: m.scheduler })).toBeObservable('(a|)', { a: { sequence: 1, elapsedMs: 0 } });
  }));

  it('completes when the duration has passed (send --repeat 1 --duration 2.5: three rounds)', marbles((m) => {
    m.expect(repeatTicks({ periodMs: 1000, durationMs: 2500, scheduler: m.scheduler })).toBeObservable('a 999ms b 999ms c 499ms |', {
      a: { sequence: 1, elapsedMs: 0 },
      b: { sequence: 2, elapsedMs: 1000 },
      c: { sequence: 3, elapsedMs: 2000 },
    });
  }));

  it('does not run a round due exactly when the duration ends', marbles((m) => {
    m.expect(repeatTicks({ periodMs: 10, durationMs: 20, scheduler: m.scheduler })).toBeObservable('a 9ms b 9ms |', {
      a: { sequence: 1, elapsedMs: 0 },
      b: { sequence: 2, elapsedMs: 10 },
    });
  }));

  it('with both a count and a duration, stops at whichever comes first', marbles((m) => {
    m.expect(repeatTicks({ periodMs: 10, count: 2, durationMs: 100, scheduler: m.scheduler })).toBeObservable('a 9ms (b|)', {
      a: { sequence: 1, elapsedMs: 0 },
      b: { sequence: 2, elapsedMs: 10 },
    });
    m.expect(repeatTicks({ periodMs: 10, count: 5, durationMs: 15, scheduler: m.scheduler })).toBeObservable('a 9ms b 4ms |', {
      a: { sequence: 1, elapsedMs: 0 },
      b: { sequence: 2, elapsedMs: 10 },
    });
  }));

  it('ticks no more once unsubscribed (a Ctrl-C before the duration ends)', marbles((m) => {
    const emitted: number[] = [];
    const subscription = repeatTicks({ periodMs: 10, durationMs: 100, scheduler: m.scheduler }).subscribe((tick) => emitted.push(tick.sequence));
    m.scheduler.schedule(() => subscription.unsubscribe(), 25);
    m.flush();
    expect(emitted).toEqual([1, 2, 3]);
  }));

  it.each([
    [{ periodMs: 0 }, 'periodMs', /periodMs must be a finite number of milliseconds above 0, got 0/],
    [{ periodMs: Number.NaN }, 'periodMs', /got NaN/],
    [{ periodMs: 10, count: 0 }, 'count', /count must be a whole number from 1, got 0/],
    [{ periodMs: 10, count: 1.5 }, 'count', /got 1\.5/],
    [{ periodMs: 10, durationMs: -1 }, 'durationMs', /durationMs must be a finite number of milliseconds above 0, got -1/],
  ])('rejects %j naming the bad value', (options, argument, message) => {
    expect(() => repeatTicks(options)).toThrow(InvalidArgumentError);
    expect(() => repeatTicks(options)).toThrow(message);
    try {
      repeatTicks(options);
    } catch (error) {
      expect((error as InvalidArgumentError).argument).toBe(argument);
    }
  });
});
