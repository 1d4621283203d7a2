import { marbles } from 'rxjs-marbles/jest';
import { networkEvents } from '../../lib/network/network-events';
import type { NetworkState } from '../../lib/network/network-state';

const states: Record<string, NetworkState> = {
  c: { kind: 'connected', since: 0 },
  C: { kind: 'connected', since: 5, detail: 'again' },
  n: { kind: 'connecting', reason: 'dialling', since: 1 },
  N: { kind: 'connecting', reason: 'still dialling', since: 2 },
  d: { kind: 'disconnected', reason: 'cable', since: 3 },
};

describe('networkEvents', () => {
  it('follows its doc diagram', marbles((m) => {
    const source = m.cold('-c-c-n-d-c-|', states);
    m.expect(source.pipe(networkEvents())).toBeObservable('-----D---C-|', {
      D: { name: 'network.disconnected', state: states.n },
      C: { name: 'network.connected', state: states.c },
    });
  }));

  it('treats the first state as a baseline, connected or not', marbles((m) => {
    m.expect(m.cold('c|', states).pipe(networkEvents())).toBeObservable('-|');
    m.expect(m.cold('d|', states).pipe(networkEvents())).toBeObservable('-|');
  }));

  it('emits nothing between states that are both not connected', marbles((m) => {
    m.expect(m.cold('d-n-N-d-|', states).pipe(networkEvents())).toBeObservable('--------|');
  }));

  it('emits once per transition, with the state that caused it', marbles((m) => {
    m.expect(m.cold('d-c-C-n-N-C-|', states).pipe(networkEvents())).toBeObservable('--a---b---c-|', {
      a: { name: 'network.connected', state: states.c },
      b: { name: 'network.disconnected', state: states.n },
      c: { name: 'network.connected', state: states.C },
    });
  }));

  it('handles empty, never and errors', marbles((m) => {
    m.expect(m.cold('|').pipe(networkEvents())).toBeObservable('|');
    m.expect(m.cold('-').pipe(networkEvents())).toBeObservable('-');
    m.expect(m.cold<NetworkState>('c-d-#', states).pipe(networkEvents())).toBeObservable('--a-#', {
      a: { name: 'network.disconnected', state: states.d },
    });
  }));

  it('unsubscribes from the source early', marbles((m) => {
    const source = m.cold('c-d-c-d-|', states);
    m.expect(source.pipe(networkEvents()), '^--!').toBeObservable('--a-', {
      a: { name: 'network.disconnected', state: states.d },
    });
    m.expect(source).toHaveSubscriptions('^--!');
  }));
});
