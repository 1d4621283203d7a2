import { marbles } from 'rxjs-marbles/jest';
import { NetworkStateStore } from '../../lib/network/network-state-store';
import { connectedState, connectingState, disconnectedState, type NetworkState } from '../../lib/network/network-state';

describe('NetworkStateStore', () => {
  it('emits a change of kind, and a change of reason within a kind with the since of the kind', marbles((m) => {
    const store = new NetworkStateStore(connectingState('opening the modem', 0));
    m.scheduler.schedule(() => store.set(connectingState('waiting for registration (searching)', 10)), 10);
    m.scheduler.schedule(() => store.set(connectingState('waiting for registration (searching)', 15)), 15);
    m.scheduler.schedule(() => store.set(connectedState(20, 'u-blox AT sockets, 10.0.0.1')), 20);
    m.scheduler.schedule(() => store.set(connectedState(25, 'u-blox AT sockets, 10.0.0.2')), 25);
    m.scheduler.schedule(() => store.set(connectedState(27, 'u-blox AT sockets, 10.0.0.2')), 27);
    m.scheduler.schedule(() => store.set(disconnectedState('registration lost', 30)), 30);
    m.scheduler.schedule(() => store.complete(), 40);
    m.expect(store.state$).toBeObservable('a 9ms b 9ms c 4ms d 4ms e 9ms |', {
      a: { kind: 'connecting', reason: 'opening the modem', since: 0 },
      b: { kind: 'connecting', reason: 'waiting for registration (searching)', since: 0 },
      c: { kind: 'connected', detail: 'u-blox AT sockets, 10.0.0.1', since: 20 },
      d: { kind: 'connected', detail: 'u-blox AT sockets, 10.0.0.2', since: 20 },
      e: { kind: 'disconnected', reason: 'registration lost', since: 30 },
    });
    m.expect(store.connected$).toBeObservable('f 19ms t 9ms f 9ms |', { t: true, f: false });
  }));

  it('says whether set() changed anything, and keeps the state synchronous', () => {
    const store = new NetworkStateStore(disconnectedState('not connected yet', 5));
    expect(store.set(disconnectedState('not connected yet', 9))).toBe(false);
    expect(store.state).toEqual({ kind: 'disconnected', reason: 'not connected yet', since: 5 });
    expect(store.set(disconnectedState('cable pulled', 9))).toBe(true);
    expect(store.state).toEqual({ kind: 'disconnected', reason: 'cable pulled', since: 5 });
    expect(store.set(connectingState('cable pulled', 12))).toBe(true);
    expect(store.state).toEqual({ kind: 'connecting', reason: 'cable pulled', since: 12 });
  });

  it('ignores set() once completed, and replays nothing new', () => {
    const store = new NetworkStateStore(connectedState(0));
    const seen: NetworkState[] = [];
    let completed = false;
    store.state$.subscribe({ next: (state) => seen.push(state), complete: () => (completed = true) });
    store.complete();
    expect(store.closed).toBe(true);
    expect(store.set(disconnectedState('late', 3))).toBe(false);
    expect(seen).toEqual([{ kind: 'connected', since: 0 }]);
    expect(completed).toBe(true);
  });
});
