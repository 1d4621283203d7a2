import { Observable } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import { CellularLinkLostError } from '../../../lib/network/cellular/cellular-link-lost-error';
import { linkDown, linkStarting, linkUp, type LinkInput } from '../../../lib/network/cellular/cellular-input';
import { cellularEvents } from '../../../lib/network/cellular/cellular-events';
import { keepLinkUp } from '../../../lib/network/cellular/keep-link-up';
import { requireUpWithin } from '../../../lib/network/cellular/require-up-within';
import type { NetworkState } from '../../../lib/network/network-state';

const lost = new CellularLinkLostError('the modem hung up');
const values: Record<string, LinkInput> = { s: linkStarting, u: linkUp('ppp0 10.0.0.2'), d: linkDown(lost.message) };

describe('keepLinkUp', () => {
  it('reports the drop, backs off 10 then 20 frames, and tries again (doc diagram)', marbles((m) => {
    const attempt = m.cold('-s-u-#', values, lost);
    const result = keepLinkUp(attempt, { backoff: { initialMs: 10, maxMs: 100, resetAfterMs: 1000, random: () => 1 }, scheduler: m.scheduler });
    // drop at 5, wait 10: again at 15, drop at 20, wait 20: again at 40, drop at 45, wait 40.
    m.expect(result, '^ 60ms !').toBeObservable('-s-u-d 9ms -s-u-d 19ms -s-u-d', values);
    m.expect(attempt).toHaveSubscriptions(['^----!', '15ms ^----!', '40ms ^----!']);
  }));

  it('restarts the backoff after a link that stayed up for resetAfterMs', marbles((m) => {
    let attempts = 0;
    const lifetimes = [1, 1, 30, 1];
    const attempt = new Observable<LinkInput>((subscriber) => {
      const lifetime = lifetimes[attempts++] ?? 1000;
      subscriber.next(linkUp('ppp0 10.0.0.2'));
      return m.scheduler.schedule(() => subscriber.error(lost), lifetime);
    });
    const result = keepLinkUp(attempt, { backoff: { initialMs: 4, maxMs: 64, resetAfterMs: 20, random: () => 1 }, scheduler: m.scheduler });
    // up at 0, down at 1, wait 4: up at 5, down at 6, wait 8: up at 14, down at 44 (healthy 30 >= 20),
    // wait 4 again (not 16): up at 48, down at 49, wait 8: up at 57.
    m.expect(result, '^ 60ms !').toBeObservable('ud---ud-------u 29ms d---ud-------u', values);
  }));

  it('ends with the error after its down when shouldRetry refuses it', marbles((m) => {
    const attempt = m.cold('-s-#', values, lost);
    const result = keepLinkUp(attempt, {
      backoff: { initialMs: 10, maxMs: 100, resetAfterMs: 1000, random: () => 1 },
      scheduler: m.scheduler,
      shouldRetry: () => false,
    });
    m.expect(result).toBeObservable('-s-(d#)', values, lost);
  }));

  it('unsubscribing during the backoff cancels the next attempt', marbles((m) => {
    const attempt = m.cold('-#', values, lost);
    const result = keepLinkUp(attempt, { backoff: { initialMs: 10, maxMs: 100, resetAfterMs: 1000, random: () => 1 }, scheduler: m.scheduler });
    m.expect(result, '^----!').toBeObservable('-d---', values);
    m.expect(attempt).toHaveSubscriptions(['^!']);
  }));
});

describe('requireUpWithin', () => {
  it('errors when no up arrives within the time (doc diagram)', marbles((m) => {
    const source = m.cold('-s-------u-', values);
    m.expect(source.pipe(requireUpWithin(5, () => 'timeout', m.scheduler))).toBeObservable('-s---#', values, 'timeout');
    m.expect(source).toHaveSubscriptions('^----!');
  }));

  it('lets the source run on once it is up', marbles((m) => {
    const source = m.cold('-s-u------d-|', values);
    m.expect(source.pipe(requireUpWithin(5, () => 'timeout', m.scheduler))).toBeObservable('-s-u------d-|', values);
  }));

  it('forwards the source error before the deadline', marbles((m) => {
    m.expect(m.cold('-s-#', values, lost).pipe(requireUpWithin(5, () => 'timeout', m.scheduler))).toBeObservable('-s-#', values, lost);
  }));
});

describe('cellularEvents', () => {
  it('emits cellular.connected / cellular.disconnected once per change of connectivity (doc diagram)', marbles((m) => {
    const states: Record<string, NetworkState> = {
      n: { kind: 'connecting', reason: 'registering', since: 0 },
      c: { kind: 'connected', since: 0, detail: 'x' },
      d: { kind: 'disconnected', reason: 'lost', since: 0 },
    };
    m.expect(m.cold('-n-c-d-n-c-|', states).pipe(cellularEvents())).toBeObservable('---C-D---C-|', {
      C: { name: 'cellular.connected', state: states.c },
      D: { name: 'cellular.disconnected', state: states.d },
    });
  }));
});
