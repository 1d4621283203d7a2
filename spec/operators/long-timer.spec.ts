import { asyncScheduler, take, timer } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import { InvalidArgumentError } from '../../lib/errors';
import { checkBoundedDuration, MAX_TIMER_MS } from '../../lib/validation/duration';
import { longTimer } from '../../lib/operators/long-timer';

const DAY = 24 * 60 * 60 * 1000;
const values = { a: 0, b: 1, c: 2, d: 3 };

describe('longTimer', () => {
  it('emits after dueMs, then every periodMs (doc diagram)', marbles((m) => {
    m.expect(longTimer(3, 5, m.scheduler), '^-------------!').toBeObservable('---a----b----c', values);
  }));

  it('without a period emits once and completes (doc diagram)', marbles((m) => {
    m.expect(longTimer(3, undefined, m.scheduler)).toBeObservable('---(a|)', values);
  }));

  it('with dueMs 0 emits on the first frame; a negative due counts as 0', marbles((m) => {
    m.expect(longTimer(0, undefined, m.scheduler)).toBeObservable('(a|)', values);
    m.expect(longTimer(-5, undefined, m.scheduler)).toBeObservable('(a|)', values);
  }));

  it('a 30-day period emits exactly every 30 days in virtual time', marbles((m) => {
    const gap = `${30 * DAY - 1}ms`;
    m.expect(longTimer(0, 30 * DAY, m.scheduler).pipe(take(4))).toBeObservable(`a ${gap} b ${gap} c ${gap} (d|)`, values);
  }));

  it('a 100-day wait is one emission after 100 days', marbles((m) => {
    m.expect(longTimer(100 * DAY, undefined, m.scheduler)).toBeObservable(`${100 * DAY}ms (a|)`, values);
  }));

  it('stops on unsubscribe, also in the middle of a chained wait', marbles((m) => {
    m.expect(longTimer(40 * DAY, undefined, m.scheduler), `^ ${30 * DAY}ms !`).toBeObservable('', values);
  }));

  describe('on real Node timers (fake clock: it fires a timer over 2^31-1 ms after 1 ms, as Node does)', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('rxjs timer overflows: the reason longTimer exists', () => {
      const seen: number[] = [];
      const subscription = timer(30 * DAY, asyncScheduler).subscribe((value) => seen.push(value));
      jest.advanceTimersByTime(10);
      expect(seen).toEqual([0]);
      subscription.unsubscribe();
    });

    it('longTimer keeps a 30-day period: nothing early, one tick per 30 days', () => {
      const seen: number[] = [];
      const subscription = longTimer(30 * DAY, 30 * DAY, asyncScheduler).subscribe((value) => seen.push(value));
      jest.advanceTimersByTime(1000);
      expect(seen).toEqual([]);
      jest.advanceTimersByTime(30 * DAY - 1001);
      expect(seen).toEqual([]);
      jest.advanceTimersByTime(1);
      expect(seen).toEqual([0]);
      jest.advanceTimersByTime(30 * DAY);
      expect(seen).toEqual([0, 1]);
      subscription.unsubscribe();
      expect(jest.getTimerCount()).toBe(0);
    });
  });
});

describe('checkBoundedDuration', () => {
  it('accepts 0 up to the longest timer', () => {
    expect(checkBoundedDuration('delayMs', 0)).toBe(0);
    expect(checkBoundedDuration('delayMs', MAX_TIMER_MS)).toBe(MAX_TIMER_MS);
    expect(checkBoundedDuration('--timeout', 2_147_483, { unit: 's', positive: true })).toBe(2_147_483);
  });

  it.each([
    ['delayMs', MAX_TIMER_MS + 1, {}, 'delayMs must be a number of milliseconds from 0 up to 2147483647 (about 24.8 days, the longest timer), got 2147483648'],
    ['initialMs', 1e11, {}, 'initialMs must be a number of milliseconds from 0 up to 2147483647 (about 24.8 days, the longest timer), got 100000000000'],
    ['delayMs', -1, {}, 'got -1'],
    ['delayMs', NaN, {}, 'got NaN'],
    ['delayMs', Infinity, {}, 'got Infinity'],
    ['delayMs', '5', {}, 'got "5"'],
    ['delayMs', 10n, {}, 'got 10n'],
    ['delayMs', Symbol('ms'), {}, 'got Symbol(ms)'],
    ['delayMs', { valueOf: (): number => 5 }, {}, 'got {}'],
    ['replyTimeoutMs', 0, { positive: true }, 'replyTimeoutMs must be a number of milliseconds above 0 up to 2147483647'],
    ['--timeout', 1e12, { unit: 's' as const, positive: true }, '--timeout must be a number of seconds above 0 up to 2147483 (about 24.8 days, the longest timer), got 1000000000000'],
  ])('refuses %s = %p with an InvalidArgumentError naming the value and the limit', (argument, value, options, message) => {
    expect(() => checkBoundedDuration(argument, value, options)).toThrow(InvalidArgumentError);
    expect(() => checkBoundedDuration(argument, value, options)).toThrow(message);
  });
});
