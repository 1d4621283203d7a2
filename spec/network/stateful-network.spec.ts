import { ClosedError, createNetwork, Hologram, type NetworkState } from 'hologram-rx';
import { StatefulNetwork } from 'hologram-rx/network';

/** A network of one's own, as an application writes it from the public entries only. */
class RouterNetwork extends StatefulNetwork {
  readonly name = 'manual';

  constructor() {
    super({ kind: 'disconnected', reason: 'router not asked yet', since: 0 });
  }

  /** What the application's router watcher reports; returns whether the state changed. */
  report(up: boolean, reason: string, now: number): boolean {
    return this.setState(up ? { kind: 'connected', since: now, detail: reason } : { kind: 'disconnected', reason, since: now });
  }

  connect(): Promise<void> {
    return this.closed ? Promise.reject(new ClosedError('network', this.name)) : Promise.resolve();
  }

  disconnect(): Promise<void> {
    return Promise.resolve();
  }
}

describe('StatefulNetwork, for a network of your own', () => {
  it('keeps the Network rules for its subclass: a change once, the same state ignored, `since` kept within a kind', async () => {
    const network = new RouterNetwork();
    const states: NetworkState[] = [];
    const connected: boolean[] = [];
    network.state$.subscribe((state) => states.push(state));
    network.connected$.subscribe((value) => connected.push(value));

    expect(network.report(true, 'wan up', 10)).toBe(true);
    expect(network.report(true, 'wan up', 20)).toBe(false); // nothing new
    expect(network.report(true, 'wan up (backup line)', 30)).toBe(true); // new detail, same kind: since stays 10
    expect(network.report(false, 'wan down', 40)).toBe(true);

    expect(states).toEqual([
      { kind: 'disconnected', reason: 'router not asked yet', since: 0 },
      { kind: 'connected', since: 10, detail: 'wan up' },
      { kind: 'connected', since: 10, detail: 'wan up (backup line)' },
      { kind: 'disconnected', reason: 'wan down', since: 40 },
    ]);
    expect(connected).toEqual([false, true, false]);
    expect(network.state).toEqual({ kind: 'disconnected', reason: 'wan down', since: 40 });
  });

  it('ends its streams on close(); later states are ignored and connect() refuses with ClosedError', async () => {
    const network = new RouterNetwork();
    let completed = false;
    network.state$.subscribe({ complete: () => (completed = true) });
    await network.close();
    expect(completed).toBe(true);
    expect(network.report(true, 'too late', 50)).toBe(false);
    expect(network.state.kind).toBe('disconnected');
    await expect(network.connect()).rejects.toBeInstanceOf(ClosedError);
  });

  it('is taken by createNetwork and the facade as it is', async () => {
    const network = new RouterNetwork();
    expect(createNetwork(network)).toBe(network);
    const hologram = new Hologram(undefined, { network });
    expect(hologram.network).toBe(network);
    await hologram.close();
    await network.close();
  });
});
