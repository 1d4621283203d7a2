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

  describe('with connected$', () => {
    it('holds a retry whose wait is over until the link is up again (doc diagram)', () => {
      scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
        const connected$ = hot('t-f---t', { t: true, f: false });
        const first = cold('-#');
        const again = cold('-a|');
        let tries = 0;
        const result = defer(() => (tries++ === 0 ? first : again)).pipe(
          retryWithBackoff({ initialMs: 2, maxMs: 8, resetAfterMs: 100, random: () => 1, connected$, scheduler }),
        );
        // The wait ends at 3 while the link is down (since 2): the retry goes at 6, when it is back.
        expectObservable(result).toBe('-------a|');
        expectSubscriptions(first.subscriptions).toBe('^!');
        expectSubscriptions(again.subscriptions).toBe('------^-!');
      });
    });

    it('retries as soon as the wait is over when the link is up', () => {
      scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const connected$ = cold('t', { t: true }); // up, said at once to each subscriber
        const source = cold('-#');
        const result = source.pipe(retryWithBackoff({ initialMs: 2, maxMs: 8, resetAfterMs: 100, maxRetries: 1, random: () => 1, connected$, scheduler }));
        expectObservable(result).toBe('----#');
        expectSubscriptions(source.subscriptions).toBe(['^!', '---^!']);
      });
    });

    it('does not hold the first subscription', () => {
      scheduler.run(({ cold, hot, expectObservable }) => {
        const connected$ = hot('f', { f: false });
        const result = cold('-a|').pipe(retryWithBackoff({ initialMs: 2, maxMs: 8, resetAfterMs: 100, connected$, scheduler }));
        expectObservable(result).toBe('-a|');
      });
    });

    it('cancels a held retry on unsubscribe', () => {
      scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
        const connected$ = hot('f', { f: false });
        const source = cold('-#');
        const result = source.pipe(retryWithBackoff({ initialMs: 2, maxMs: 8, resetAfterMs: 100, random: () => 1, connected$, scheduler }));
        expectObservable(result, '^-----!').toBe('-');
        expectSubscriptions(source.subscriptions).toBe('^!');
        // The link is watched from the failure on, and let go with the subscription.
        expectSubscriptions(connected$.subscriptions).toBe('-^----!');
      });
    });
  });

  it('completes when its shared backoff is closed during a wait (nothing more can come)', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const backoff = new Backoff({ initialMs: 4, maxMs: 64, resetAfterMs: 100, random: () => 1 }, scheduler);
      const source = cold('-#');
      scheduler.schedule(() => backoff.close(), 3);
      expectObservable(source.pipe(retryWithBackoff({ backoff, scheduler }))).toBe('---|');
      expectSubscriptions(source.subscriptions).toBe('^!');
    });
  });

  it('a source that fails synchronously and a wait that is over at once do not recurse', () => {
    // A wait that says "over" synchronously (a backoff stub) and a source failing on subscribe:
    // maxRetries bounds the loop, and the stack stays flat however many retries.
    const backoff = { failed: () => ({ attempt: 1, delayMs: 0 }), over$: () => of(undefined) } as unknown as Backoff;
    let subscriptions = 0;
    const source = new Observable<never>((subscriber) => {
      subscriptions++;
      subscriber.error(new Error('no'));
    });
    const errors: unknown[] = [];
    source.pipe(retryWithBackoff({ backoff, maxRetries: 20_000 })).subscribe({ error: (error: unknown) => errors.push(error) });
    expect(subscriptions).toBe(20_001);
    expect(errors).toEqual([new Error('no')]);
  });
});
