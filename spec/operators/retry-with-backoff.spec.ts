import { defer, Observable, of } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { InvalidArgumentError } from '../../lib/errors';
import { fullJitterDelay } from '../../lib/operators/backoff-options';
import { Backoff } from '../../lib/operators/backoff';
import { retryWithBackoff } from '../../lib/operators/retry-with-backoff';

describe('retryWithBackoff', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('waits 2, 4, 8 frames and gives up after maxRetries (doc diagram)', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-#');
      const result = source.pipe(
        retryWithBackoff({ initialMs: 2, maxMs: 8, resetAfterMs: 100, maxRetries: 3, random: () => 1, scheduler }),
      );
      expectObservable(result).toBe('------------------#');
      expectSubscriptions(source.subscriptions).toBe(['^!', '---^!', '--------^!', '-----------------^!']);
    });
  });

  it('caps delays at maxMs', () => {
    scheduler.run(({ cold, expectSubscriptions, expectObservable }) => {
      const source = cold('#');
      const result = source.pipe(
        retryWithBackoff({ initialMs: 2, maxMs: 3, resetAfterMs: 100, maxRetries: 3, random: () => 1, scheduler }),
      );
      // waits min(3, 2) = 2, then min(3, 4) = 3, then min(3, 8) = 3
      expectObservable(result).toBe('--------#');
      expectSubscriptions(source.subscriptions).toBe(['(^!)', '--(^!)', '-----(^!)', '--------(^!)']);
    });
  });

  it('scales each delay by random() (full jitter)', () => {
    const draws = [0.5, 0.25, 0];
    expect(fullJitterDelay(0, { initialMs: 100, maxMs: 1000, resetAfterMs: 0, random: () => draws[0] })).toBe(50);
    expect(fullJitterDelay(3, { initialMs: 100, maxMs: 1000, resetAfterMs: 0, random: () => draws[1] })).toBe(200);
    expect(fullJitterDelay(10, { initialMs: 100, maxMs: 1000, resetAfterMs: 0, random: () => 0.5 })).toBe(500);
    expect(fullJitterDelay(5000, { initialMs: 100, maxMs: 1000, resetAfterMs: 0, random: () => 0.5 })).toBe(500);
  });

  it('resets the attempt counter after the source stayed healthy for resetAfterMs', () => {
    const retries: number[] = [];
    scheduler.run(({ expectObservable }) => {
      // Fails fast twice (waits 2 then 4), then stays up 10 frames before failing: the next wait is 2 again.
      let subscription = 0;
      const lifetimes = [1, 1, 10, 1];
      const source = new Observable<never>((subscriber) => {
        const lifetime = lifetimes[subscription++] ?? 1;
        return scheduler.schedule(() => subscriber.error(new Error('down')), lifetime);
      });
      const result = source.pipe(
        retryWithBackoff({
          initialMs: 2,
          maxMs: 64,
          resetAfterMs: 5,
          maxRetries: 3,
          random: () => 1,
          scheduler,
          onRetry: ({ delayMs }) => retries.push(delayMs),
        }),
      );
      // t=1 fail, wait 2 -> t=3 sub, t=4 fail, wait 4 -> t=8 sub, t=18 fail (healthy 10 >= 5), wait 2
      // -> t=20 sub, t=21 fail, wait 4 -> t=25 sub, t=26 fail: counter is 2 < 3, wait 8 -> ...
      expectObservable(result, '^------------------------!').toBe('-');
    });
    expect(retries).toEqual([2, 4, 2, 4]);
  });

  it('forwards errors shouldRetry rejects at once', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-#', undefined, new Error('permanent'));
      const result = source.pipe(
        retryWithBackoff({ initialMs: 2, maxMs: 8, resetAfterMs: 100, shouldRetry: () => false, scheduler }),
      );
      expectObservable(result).toBe('-#', undefined, new Error('permanent'));
      expectSubscriptions(source.subscriptions).toBe('^!');
    });
  });

  it('forwards what shouldRetry throws', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const shouldRetry = (): boolean => {
        throw new Error('predicate broke');
      };
      const result = cold('-#').pipe(retryWithBackoff({ initialMs: 2, maxMs: 8, resetAfterMs: 100, shouldRetry, scheduler }));
      expectObservable(result).toBe('-#', undefined, new Error('predicate broke'));
    });
  });

  it('never, empty, one, many values pass untouched', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const op = () => retryWithBackoff<string>({ initialMs: 2, maxMs: 8, resetAfterMs: 100, scheduler });
      expectObservable(cold('-').pipe(op())).toBe('-');
      expectObservable(cold('|').pipe(op())).toBe('|');
      expectObservable(cold('a|').pipe(op())).toBe('a|');
      expectObservable(cold('a-b-c|').pipe(op())).toBe('a-b-c|');
    });
  });

  it('keeps values emitted before an error and repeats after the wait', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const source = cold('a#');
      const result = source.pipe(retryWithBackoff({ initialMs: 2, maxMs: 2, resetAfterMs: 100, maxRetries: 1, random: () => 1, scheduler }));
      expectObservable(result).toBe('a--a#');
    });
  });

  it('cancels the pending wait on early unsubscribe', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-#');
      const result = source.pipe(retryWithBackoff({ initialMs: 10, maxMs: 10, resetAfterMs: 100, random: () => 1, scheduler }));
      expectObservable(result, '^----!').toBe('-');
      expectSubscriptions(source.subscriptions).toBe('^!');
    });
  });

  it('rejects bad options with a typed error naming the field', () => {
    expect(() => of(1).pipe(retryWithBackoff({ initialMs: -1, maxMs: 8, resetAfterMs: 1 }))).toThrow(InvalidArgumentError);
    expect(() => retryWithBackoff({ initialMs: 10, maxMs: 8, resetAfterMs: 1 })).toThrow(/maxMs \(8\)/);
    expect(() => retryWithBackoff({ initialMs: 1, maxMs: 8, resetAfterMs: NaN })).toThrow(/resetAfterMs/);
  });

  it('a shared backoff: failures close together wait out one delay and resubscribe together (doc diagram)', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const backoff = new Backoff({ initialMs: 4, maxMs: 64, resetAfterMs: 100, random: () => 1 }, scheduler);
      const retries: string[] = [];
      let aTries = 0;
      let bTries = 0;
      const a = cold('-#');
      const aAgain = cold('-a|');
      const b = cold('---#');
      const bAgain = cold('-b|');
      const op = (name: string) =>
        retryWithBackoff<string>({ backoff, scheduler, onRetry: ({ attempt, delayMs }) => retries.push(`${name}:${attempt}:${delayMs}`) });
      expectObservable(defer(() => (aTries++ === 0 ? a : aAgain)).pipe(op('a'))).toBe('------a|');
      expectObservable(defer(() => (bTries++ === 0 ? b : bAgain)).pipe(op('b'))).toBe('------b|');
      expectSubscriptions(aAgain.subscriptions).toBe('-----^-!');
      expectSubscriptions(bAgain.subscriptions).toBe('-----^-!');
      scheduler.flush();
      // One retry each, each reported; b's wait is what was left of a's.
      expect(retries).toEqual(['a:1:4', 'b:1:2']);
    });
  });

  it('forwards what onRetry throws instead of retrying', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-#');
      const result = source.pipe(
        retryWithBackoff({
          initialMs: 2,
          maxMs: 8,
          resetAfterMs: 100,
          scheduler,
          onRetry: () => {
            throw new Error('callback');
          },
        }),
      );
      expectObservable(result).toBe('-#', undefined, new Error('callback'));
      expectSubscriptions(source.subscriptions).toBe('^!');
    });
  });

  it('never-ending: a source that keeps failing is retried forever, each wait capped at maxMs', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('#');
      const result = source.pipe(retryWithBackoff({ initialMs: 1, maxMs: 2, resetAfterMs: 100, random: () => 1, scheduler }));
      expectObservable(result, '^--------!').toBe('-');
      expectSubscriptions(source.subscriptions).toBe(['(^!)', '-(^!)', '---(^!)', '-----(^!)', '-------(^!)']);
    });
  });
});
