import { defer, Observable, of } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import { InvalidArgumentError } from '../../lib/errors';
import { fullJitterDelay } from '../../lib/operators/backoff-options';
import { Backoff } from '../../lib/operators/backoff';
import { retryWithBackoff } from '../../lib/operators/retry-with-backoff';

describe('retryWithBackoff', () => {
  it('waits 2, 4, 8 frames and gives up after maxRetries (doc diagram)', marbles((m) => {
    const source = m.cold('-#');
    const result = source.pipe(
      retryWithBackoff({ initialMs: 2, maxMs: 8, resetAfterMs: 100, maxRetries: 3, random: () => 1, scheduler: m.scheduler }),
    );
    m.expect(result).toBeObservable('------------------#');
    m.expect(source).toHaveSubscriptions(['^!', '---^!', '--------^!', '-----------------^!']);
  }));

  it('caps delays at maxMs', marbles((m) => {
    const source = m.cold('#');
    const result = source.pipe(
      retryWithBackoff({ initialMs: 2, maxMs: 3, resetAfterMs: 100, maxRetries: 3, random: () => 1, scheduler: m.scheduler }),
    );
    // waits min(3, 2) = 2, then min(3, 4) = 3, then min(3, 8) = 3
    m.expect(result).toBeObservable('--------#');
    m.expect(source).toHaveSubscriptions(['(^!)', '--(^!)', '-----(^!)', '--------(^!)']);
  }));

  it('scales each delay by random() (full jitter)', () => {
    const draws = [0.5, 0.25, 0];
    expect(fullJitterDelay(0, { initialMs: 100, maxMs: 1000, resetAfterMs: 0, random: () => draws[0] })).toBe(50);
    expect(fullJitterDelay(3, { initialMs: 100, maxMs: 1000, resetAfterMs: 0, random: () => draws[1] })).toBe(200);
    expect(fullJitterDelay(10, { initialMs: 100, maxMs: 1000, resetAfterMs: 0, random: () => 0.5 })).toBe(500);
    expect(fullJitterDelay(5000, { initialMs: 100, maxMs: 1000, resetAfterMs: 0, random: () => 0.5 })).toBe(500);
  });

  it('resets the attempt counter after the source stayed healthy for resetAfterMs', marbles((m) => {
    const retries: number[] = [];
    // Fails fast twice (waits 2 then 4), then stays up 10 frames before failing: the next wait is 2 again.
    let subscription = 0;
    const lifetimes = [1, 1, 10, 1];
    const source = new Observable<never>((subscriber) => {
      const lifetime = lifetimes[subscription++] ?? 1;
      return m.scheduler.schedule(() => subscriber.error(new Error('down')), lifetime);
    });
    const result = source.pipe(
      retryWithBackoff({
        initialMs: 2,
        maxMs: 64,
        resetAfterMs: 5,
        maxRetries: 3,
        random: () => 1,
        scheduler: m.scheduler,
        onRetry: ({ delayMs }) => retries.push(delayMs),
      }),
    );
    // t=1 fail, wait 2 -> t=3 sub, t=4 fail, wait 4 -> t=8 sub, t=18 fail (healthy 10 >= 5), wait 2
    // -> t=20 sub, t=21 fail, wait 4 -> t=25 sub, t=26 fail: counter is 2 < 3, wait 8 -> ...
    m.expect(result, '^------------------------!').toBeObservable('-');
    m.flush();
    expect(retries).toEqual([2, 4, 2, 4]);
  }));

  it('forwards errors shouldRetry rejects at once', marbles((m) => {
    const source = m.cold('-#', undefined, new Error('permanent'));
    const result = source.pipe(
      retryWithBackoff({ initialMs: 2, maxMs: 8, resetAfterMs: 100, shouldRetry: () => false, scheduler: m.scheduler }),
    );
    m.expect(result).toBeObservable('-#', undefined, new Error('permanent'));
    m.expect(source).toHaveSubscriptions('^!');
  }));

  it('forwards what shouldRetry throws', marbles((m) => {
    const shouldRetry = (): boolean => {
      throw new Error('predicate broke');
    };
    const result = m.cold('-#').pipe(retryWithBackoff({ initialMs: 2, maxMs: 8, resetAfterMs: 100, shouldRetry, scheduler: m.scheduler }));
    m.expect(result).toBeObservable('-#', undefined, new Error('predicate broke'));
  }));

  it('never, empty, one, many values pass untouched', marbles((m) => {
    const op = () => retryWithBackoff<string>({ initialMs: 2, maxMs: 8, resetAfterMs: 100, scheduler: m.scheduler });
    m.expect(m.cold('-').pipe(op())).toBeObservable('-');
    m.expect(m.cold('|').pipe(op())).toBeObservable('|');
    m.expect(m.cold('a|').pipe(op())).toBeObservable('a|');
    m.expect(m.cold('a-b-c|').pipe(op())).toBeObservable('a-b-c|');
  }));

  it('keeps values emitted before an error and repeats after the wait', marbles((m) => {
    const source = m.cold('a#');
    const result = source.pipe(retryWithBackoff({ initialMs: 2, maxMs: 2, resetAfterMs: 100, maxRetries: 1, random: () => 1, scheduler: m.scheduler }));
    m.expect(result).toBeObservable('a--a#');
  }));

  it('cancels the pending wait on early unsubscribe', marbles((m) => {
    const source = m.cold('-#');
    const result = source.pipe(retryWithBackoff({ initialMs: 10, maxMs: 10, resetAfterMs: 100, random: () => 1, scheduler: m.scheduler }));
    m.expect(result, '^----!').toBeObservable('-');
    m.expect(source).toHaveSubscriptions('^!');
  }));

  it('rejects bad options with a typed error naming the field', () => {
    expect(() => of(1).pipe(retryWithBackoff({ initialMs: -1, maxMs: 8, resetAfterMs: 1 }))).toThrow(InvalidArgumentError);
    expect(() => retryWithBackoff({ initialMs: 10, maxMs: 8, resetAfterMs: 1 })).toThrow(/maxMs \(8\)/);
    expect(() => retryWithBackoff({ initialMs: 1, maxMs: 8, resetAfterMs: NaN })).toThrow(/resetAfterMs/);
  });

  it('a shared backoff: failures close together wait out one delay and resubscribe together (doc diagram)', marbles((m) => {
    const backoff = new Backoff({ initialMs: 4, maxMs: 64, resetAfterMs: 100, random: () => 1 }, m.scheduler);
    const retries: string[] = [];
    let aTries = 0;
    let bTries = 0;
    const a = m.cold('-#');
    const aAgain = m.cold('-a|');
    const b = m.cold('---#');
    const bAgain = m.cold('-b|');
    const op = (name: string) =>
      retryWithBackoff<string>({ backoff, scheduler: m.scheduler, onRetry: ({ attempt, delayMs }) => retries.push(`${name}:${attempt}:${delayMs}`) });
    m.expect(defer(() => (aTries++ === 0 ? a : aAgain)).pipe(op('a'))).toBeObservable('------a|');
    m.expect(defer(() => (bTries++ === 0 ? b : bAgain)).pipe(op('b'))).toBeObservable('------b|');
    m.expect(aAgain).toHaveSubscriptions('-----^-!');
    m.expect(bAgain).toHaveSubscriptions('-----^-!');
    m.flush();
    // One retry each, each reported; b's wait is what was left of a's.
    expect(retries).toEqual(['a:1:4', 'b:1:2']);
  }));

  it('forwards what onRetry throws instead of retrying', marbles((m) => {
    const source = m.cold('-#');
    const result = source.pipe(
      retryWithBackoff({
        initialMs: 2,
        maxMs: 8,
        resetAfterMs: 100,
        scheduler: m.scheduler,
        onRetry: () => {
          throw new Error('callback');
        },
      }),
    );
    m.expect(result).toBeObservable('-#', undefined, new Error('callback'));
    m.expect(source).toHaveSubscriptions('^!');
  }));

  it('never-ending: a source that keeps failing is retried forever, each wait capped at maxMs', marbles((m) => {
    const source = m.cold('#');
    const result = source.pipe(retryWithBackoff({ initialMs: 1, maxMs: 2, resetAfterMs: 100, random: () => 1, scheduler: m.scheduler }));
    m.expect(result, '^--------!').toBeObservable('-');
    m.expect(source).toHaveSubscriptions(['(^!)', '-(^!)', '---(^!)', '-----(^!)', '-------(^!)']);
  }));

  describe('with connected$', () => {
    it('holds a retry whose wait is over until the link is up again (doc diagram)', marbles((m) => {
      const connected$ = m.hot('t-f---t', { t: true, f: false });
      const first = m.cold('-#');
      const again = m.cold('-a|');
      let tries = 0;
      const result = defer(() => (tries++ === 0 ? first : again)).pipe(
        retryWithBackoff({ initialMs: 2, maxMs: 8, resetAfterMs: 100, random: () => 1, connected$, scheduler: m.scheduler }),
      );
      // The wait ends at 3 while the link is down (since 2): the retry goes at 6, when it is back.
      m.expect(result).toBeObservable('-------a|');
      m.expect(first).toHaveSubscriptions('^!');
      m.expect(again).toHaveSubscriptions('------^-!');
    }));

    it('retries as soon as the wait is over when the link is up', marbles((m) => {
      const connected$ = m.cold('t', { t: true }); // up, said at once to each subscriber
      const source = m.cold('-#');
      const result = source.pipe(retryWithBackoff({ initialMs: 2, maxMs: 8, resetAfterMs: 100, maxRetries: 1, random: () => 1, connected$, scheduler: m.scheduler }));
      m.expect(result).toBeObservable('----#');
      m.expect(source).toHaveSubscriptions(['^!', '---^!']);
    }));

    it('does not hold the first subscription', marbles((m) => {
      const connected$ = m.hot('f', { f: false });
      const result = m.cold('-a|').pipe(retryWithBackoff({ initialMs: 2, maxMs: 8, resetAfterMs: 100, connected$, scheduler: m.scheduler }));
      m.expect(result).toBeObservable('-a|');
    }));

    it('cancels a held retry on unsubscribe', marbles((m) => {
      const connected$ = m.hot('f', { f: false });
      const source = m.cold('-#');
      const result = source.pipe(retryWithBackoff({ initialMs: 2, maxMs: 8, resetAfterMs: 100, random: () => 1, connected$, scheduler: m.scheduler }));
      m.expect(result, '^-----!').toBeObservable('-');
      m.expect(source).toHaveSubscriptions('^!');
      // The link is watched from the failure on, and let go with the subscription.
      m.expect(connected$).toHaveSubscriptions('-^----!');
    }));
  });

  it('completes when its shared backoff is closed during a wait (nothing more can come)', marbles((m) => {
    const backoff = new Backoff({ initialMs: 4, maxMs: 64, resetAfterMs: 100, random: () => 1 }, m.scheduler);
    const source = m.cold('-#');
    m.scheduler.schedule(() => backoff.close(), 3);
    m.expect(source.pipe(retryWithBackoff({ backoff, scheduler: m.scheduler }))).toBeObservable('---|');
    m.expect(source).toHaveSubscriptions('^!');
  }));

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
