import { marbles } from 'rxjs-marbles/jest';
import type { Observable } from 'rxjs';
import { APIError } from '../../lib/api/api-error';
import { pollSIMState } from '../../lib/api/poll-sim-state';

describe('pollSIMState', () => {
  /** A read answering each call with the next observable of `answers` (the last one repeats). */
  const reader = (answers: Array<Observable<string>>) => {
    let index = 0;
    return jest.fn(() => answers[Math.min(index++, answers.length - 1)]);
  };

  it('reads at once and every interval until LIVE, which it emits before completing (the doc diagram)', marbles((m) => {
    const read = reader([m.cold('(a|)', { a: 'PENDING' }), m.cold('(a|)', { a: 'PENDING' }), m.cold('(a|)', { a: 'LIVE' })]);
    m.expect(pollSIMState(read, { intervalMs: 5, waitMs: 100, scheduler: m.scheduler })).toBeObservable('a 4ms b 4ms (c|)', { a: 'PENDING', b: 'PENDING', c: 'LIVE' });
    m.flush();
    expect(read).toHaveBeenCalledTimes(3);
  }));

  it('completes after waitMs without LIVE, the last state emitted', marbles((m) => {
    const read = reader([m.cold('(a|)', { a: 'PENDING' })]);
    m.expect(pollSIMState(read, { intervalMs: 5, waitMs: 12, scheduler: m.scheduler })).toBeObservable('a 4ms a 4ms a 1ms |', { a: 'PENDING' });
  }));

  it('does not start a read while the previous one runs', marbles((m) => {
    const read = reader([m.cold('7ms (a|)', { a: 'PENDING' }), m.cold('(a|)', { a: 'LIVE' })]);
    // The read due at 5 is skipped (the first still runs); the next starts at 10.
    m.expect(pollSIMState(read, { intervalMs: 5, waitMs: 100, scheduler: m.scheduler })).toBeObservable('7ms a 2ms (b|)', { a: 'PENDING', b: 'LIVE' });
    m.flush();
    expect(read).toHaveBeenCalledTimes(2);
  }));

  it('treats not-found as no news and ends with any other error', marbles((m) => {
    const notFound = new APIError('not-found', 'GET /links/cellular', 'no SIM');
    const denied = new APIError('status', 'GET /links/cellular', 'HTTP 401', { status: 401 });
    const read = reader([m.cold('#', undefined, notFound), m.cold('(a|)', { a: 'PENDING' }), m.cold('#', undefined, denied)]);
    m.expect(pollSIMState(read, { intervalMs: 5, waitMs: 100, scheduler: m.scheduler })).toBeObservable('5ms a 4ms #', { a: 'PENDING' }, denied);
  }));

  it('stops reading when unsubscribed', marbles((m) => {
    const read = reader([m.cold('(a|)', { a: 'PENDING' })]);
    m.expect(pollSIMState(read, { intervalMs: 5, scheduler: m.scheduler }), '^ 7ms !').toBeObservable('a 4ms a', { a: 'PENDING' });
    m.flush();
    expect(read).toHaveBeenCalledTimes(2);
  }));
});
