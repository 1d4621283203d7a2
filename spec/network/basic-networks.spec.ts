import { marbles } from 'rxjs-marbles/jest';
import { ManualNetwork } from '../../lib/network/manual-network';
import { NoneNetwork } from '../../lib/network/none-network';
import { ClosedError } from '../../lib/closed-error';
import type { NetworkState } from '../../lib/network/network-state';

function record<T>(source: { subscribe(observer: { next(v: T): void; complete(): void }): unknown }) {
  const values: T[] = [];
  let completed = false;
  source.subscribe({ next: (v) => values.push(v), complete: () => (completed = true) });
  return { values, get completed() { return completed; } };
}

describe('NoneNetwork', () => {
  it("is named '' and connected from construction until close", async () => {
    const network = new NoneNetwork();
    expect(network.name).toBe('');
    expect(network.state.kind).toBe('connected');
    const states = record<NetworkState>(network.state$);
    const connected = record<boolean>(network.connected$);
    await network.connect();
    await network.disconnect();
    expect(network.state.kind).toBe('connected');
    network.close();
    expect(states.values.map((s) => s.kind)).toEqual(['connected']);
    expect(connected.values).toEqual([true]);
    expect(states.completed).toBe(true);
    expect(connected.completed).toBe(true);
  });
});

describe('ManualNetwork', () => {
  it('takes since from the scheduler clock and emits each change once (a new reason keeps since)', marbles((m) => {
    const network = new ManualNetwork({ scheduler: m.scheduler });
    m.scheduler.schedule(() => network.setConnected(false, 'cable pulled'), 10);
    m.scheduler.schedule(() => network.setConnected(false, 'again'), 20);
    m.scheduler.schedule(() => network.setConnected(false, 'again'), 25);
    m.scheduler.schedule(() => network.setConnected(true), 30);
    m.scheduler.schedule(() => network.close(), 40);
    m.expect(network.state$).toBeObservable('a 9ms b 9ms r 9ms c 9ms |', {
      a: { kind: 'connected', since: 0, detail: 'manual' },
      b: { kind: 'disconnected', reason: 'cable pulled', since: 10 },
      r: { kind: 'disconnected', reason: 'again', since: 10 },
      c: { kind: 'connected', since: 30, detail: 'manual' },
    });
    m.expect(network.connected$).toBeObservable('t 9ms f 19ms t 9ms |', { t: true, f: false });
  }));

  it('can start disconnected; connect() and disconnect() set the state', async () => {
    const network = new ManualNetwork({ connected: false });
    expect(network.name).toBe('manual');
    expect(network.state).toMatchObject({ kind: 'disconnected', reason: 'initially disconnected' });
    await network.connect();
    expect(network.state.kind).toBe('connected');
    await network.disconnect();
    expect(network.state).toMatchObject({ kind: 'disconnected', reason: 'disconnect()' });
    network.close();
  });

  it('replays the current state to late subscribers', marbles((m) => {
    const network = new ManualNetwork({ scheduler: m.scheduler });
    network.setConnected(false, 'down');
    const late = record<NetworkState>(network.state$);
    expect(late.values).toEqual([{ kind: 'disconnected', reason: 'down', since: 0 }]);
    network.close();
  }));

  it('refuses setConnected after close with a typed error', async () => {
    const network = new ManualNetwork();
    network.close();
    expect(() => network.setConnected(false)).toThrow(ClosedError);
    await expect(network.connect()).rejects.toMatchObject({ resource: 'network', which: 'manual', message: 'The manual network is closed' });
  });
});
