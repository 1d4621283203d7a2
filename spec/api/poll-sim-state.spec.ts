import { TestScheduler } from 'rxjs/testing';
import type { Observable } from 'rxjs';
import { APIError } from '../../lib/api/api-error';
import { pollSIMState } from '../../lib/api/poll-sim-state';

describe('pollSIMState', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  /** A read answering each call with the next observable of `answers` (the last one repeats). */
  const reader = (answers: Array<Observable<string>>) => {
    let index = 0;
    return jest.fn(() => answers[Math.min(index++, answers.length - 1)]);
  };

  it('reads at once and every interval until LIVE, which it emits before completing (the doc diagram)', () => {
    scheduler.run(({ cold, expectObservable, flush }) => {
      const read = reader([cold('(a|)', { a: 'PENDING' }), cold('(a|)', { a: 'PENDING' }), cold('(a|)', { a: 'LIVE' })]);
      expectObservable(pollSIMState(read, { intervalMs: 5, waitMs: 100, scheduler })).toBe('a 4ms b 4ms (c|)', { a: 'PENDING', b: 'PENDING', c: 'LIVE' });
      flush();
      expect(read).toHaveBeenCalledTimes(3);
    });
  });

  it('completes after waitMs without LIVE, the last state emitted', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const read = reader([cold('(a|)', { a: 'PENDING' })]);
      expectObservable(pollSIMState(read, { intervalMs: 5, waitMs: 12, scheduler })).toBe('a 4ms a 4ms a 1ms |', { a: 'PENDING' });
    });
  });

  it('does not start a read while the previous one runs', () => {
    scheduler.run(({ cold, expectObservable, flush }) => {
      const read = reader([cold('7ms (a|)', { a: 'PENDING' }), cold('(a|)', { a: 'LIVE' })]);
      // The read due at 5 is skipped (the first still runs); the next starts at 10.
      expectObservable(pollSIMState(read, { intervalMs: 5, waitMs: 100, scheduler })).toBe('7ms a 2ms (b|)', { a: 'PENDING', b: 'LIVE' });
      flush();
      expect(read).toHaveBeenCalledTimes(2);
    });
  });

  it('treats not-found as no news and ends with any other error', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const notFound = new APIError('not-found', 'GET /links/cellular', 'no SIM');
      const denied = new APIError('status', 'GET /links/cellular', 'HTTP 401', { status: 401 });
      const read = reader([cold('#', undefined, notFound), cold('(a|)', { a: 'PENDING' }), cold('#', undefined, denied)]);
      expectObservable(pollSIMState(read, { intervalMs: 5, waitMs: 100, scheduler })).toBe('5ms a 4ms #', { a: 'PENDING' }, denied);
    });
  });

  it('stops reading when unsubscribed', () => {
    scheduler.run(({ cold, expectObservable, flush }) => {
      const read = reader([cold('(a|)', { a: 'PENDING' })]);
      expectObservable(pollSIMState(read, { intervalMs: 5, scheduler }), '^ 7ms !').toBe('a 4ms a', { a: 'PENDING' });
      flush();
      expect(read).toHaveBeenCalledTimes(2);
    });
  });
});
