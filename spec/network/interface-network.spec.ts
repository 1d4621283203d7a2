import { marbles } from 'rxjs-marbles/jest';
import type { SchedulerLike } from 'rxjs';
import { interfaceState } from '../../lib/network/interface-state';
import { watchInterface } from '../../lib/network/watch-interface';
import { InterfaceNetwork } from '../../lib/network/interface-network';
import { InterfaceNotFoundError } from '../../lib/network/interface-not-found-error';
import { NetworkConnectTimeoutError } from '../../lib/network/network-connect-timeout-error';
import { UnsupportedNetworkOperationError } from '../../lib/network/unsupported-network-operation-error';
import { ClosedError } from '../../lib/closed-error';
import { InvalidArgumentError } from '../../lib/errors';
import { VirtualClock } from '../../lib/testing/virtual-clock';
import type { InterfaceReader, InterfaceSnapshot } from '../../lib/network/interface-reader';

const UP: InterfaceSnapshot = { operstate: 'up', carrier: true };
const DOWN: InterfaceSnapshot = { operstate: 'down', carrier: undefined };

/** A fake sysfs whose answer depends on the virtual clock: `[fromTime, snapshot]` steps. */
function timelineReader(scheduler: SchedulerLike, steps: Array<[number, InterfaceSnapshot | undefined | Error]>, names = ['eth0', 'lo']): InterfaceReader & { reads: number } {
  const reader = {
    reads: 0,
    read(): InterfaceSnapshot | undefined {
      reader.reads += 1;
      let current: InterfaceSnapshot | undefined | Error;
      for (const [from, snapshot] of steps) if (scheduler.now() >= from) current = snapshot;
      if (current instanceof Error) throw current;
      return current;
    },
    list: () => names,
  };
  return reader;
}

describe('interfaceState', () => {
  it.each<[string, InterfaceSnapshot | undefined, string, string | null]>([
    ['up with carrier', { operstate: 'up', carrier: true }, 'connected', null],
    ['up, carrier unreadable', { operstate: 'up', carrier: undefined }, 'connected', null],
    ['up without carrier', { operstate: 'up', carrier: false }, 'disconnected', 'interface eth0 has no carrier'],
    ['unknown with carrier (drivers without operstate)', { operstate: 'unknown', carrier: true }, 'connected', null],
    ['unknown without carrier', { operstate: 'unknown', carrier: false }, 'disconnected', 'interface eth0 has no carrier'],
    ['dormant (Wi-Fi authenticating)', { operstate: 'dormant', carrier: true }, 'connecting', 'interface eth0 is dormant'],
    ['down', { operstate: 'down', carrier: undefined }, 'disconnected', 'interface eth0 is down'],
    ['lowerlayerdown (veth peer down)', { operstate: 'lowerlayerdown', carrier: false }, 'disconnected', 'interface eth0 is lowerlayerdown'],
    ['gone', undefined, 'disconnected', 'interface eth0 does not exist'],
  ])('%s', (_label, snapshot, kind, reason) => {
    const state = interfaceState('eth0', snapshot, 42);
    expect(state.kind).toBe(kind);
    expect(state.since).toBe(42);
    if (reason !== null) expect(state).toMatchObject({ reason });
    else expect(state).toMatchObject({ detail: 'eth0' });
  });
});

describe('watchInterface', () => {
  it('follows its doc diagram: reads at subscription and each tick, emits changes of kind', marbles((m) => {
    const reader = timelineReader(m.scheduler, [[0, UP], [20, DOWN], [40, UP]]);
    const states = watchInterface('eth0', reader, 10, m.scheduler);
    m.expect(states, '^ 50ms !').toBeObservable('c 19ms d 19ms e', {
      c: { kind: 'connected', since: 0, detail: 'eth0' },
      d: { kind: 'disconnected', reason: 'interface eth0 is down', since: 20 },
      e: { kind: 'connected', since: 40, detail: 'eth0' },
    });
  }));

  it('turns a failing read into a disconnected state instead of an error', marbles((m) => {
    const reader = timelineReader(m.scheduler, [[0, UP], [10, new Error('EACCES')]]);
    m.expect(watchInterface('eth0', reader, 10, m.scheduler), '^ 15ms !').toBeObservable('c 9ms d', {
      c: { kind: 'connected', since: 0, detail: 'eth0' },
      d: { kind: 'disconnected', reason: 'cannot read interface eth0: EACCES', since: 10 },
    });
  }));
});

describe('InterfaceNetwork (fake reader)', () => {
  it('emits the interface going down and up within one poll period and stops polling on close', marbles((m) => {
    const reader = timelineReader(m.scheduler, [[0, UP], [1200, DOWN], [3000, undefined], [4100, UP]]);
    const network = new InterfaceNetwork({ network: 'ethernet', reader, scheduler: m.scheduler });
    expect(network.name).toBe('ethernet');
    expect(network.interfaceName).toBe('eth0');
    m.scheduler.schedule(() => network.close(), 5000);
    m.expect(network.state$).toBeObservable('a 1499ms b 2999ms c 499ms |', {
      a: { kind: 'connected', since: 0, detail: 'eth0' },
      b: { kind: 'disconnected', reason: 'interface eth0 is down', since: 1500 },
      c: { kind: 'connected', since: 4500, detail: 'eth0' },
    });
    m.scheduler.schedule(() => {
      const reads = reader.reads;
      m.scheduler.schedule(() => expect(reader.reads).toBe(reads), 5000);
    }, 5001);
  }));

  it('defaults wifi to wlan0 and accepts another interface name', () => {
    const reader: InterfaceReader = { read: (name) => (name === 'wlan0' || name === 'wlp2s0' ? UP : undefined), list: () => ['wlan0'] };
    const wifi = new InterfaceNetwork({ network: 'wifi', reader });
    expect(wifi.interfaceName).toBe('wlan0');
    expect(wifi.state.kind).toBe('connected');
    wifi.close();
    const other = new InterfaceNetwork({ network: 'wifi', interfaceName: 'wlp2s0', reader });
    expect(other.interfaceName).toBe('wlp2s0');
    other.close();
  });

  it('throws InterfaceNotFoundError naming the interface and listing those that exist', () => {
    const reader: InterfaceReader = { read: () => undefined, list: () => ['enp1s0', 'lo'] };
    let error: unknown;
    try {
      new InterfaceNetwork({ network: 'ethernet', reader });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InterfaceNotFoundError);
    expect(error).toMatchObject({ interfaceName: 'eth0', available: ['enp1s0', 'lo'] });
    expect((error as Error).message).toBe("network interface 'eth0' does not exist; interfaces on this host: enp1s0, lo");
  });

  it('refuses bad names and options with InvalidArgumentError', () => {
    const reader: InterfaceReader = { read: () => UP, list: () => [] };
    expect(() => new InterfaceNetwork({ network: 'ethernet', interfaceName: '../etc', reader })).toThrow(InvalidArgumentError);
    expect(() => new InterfaceNetwork({ network: 'ethernet', interfaceName: 'a-very-long-interface', reader })).toThrow(/a-very-long-interface/);
    expect(() => new InterfaceNetwork({ network: 'cellular' as 'wifi', reader })).toThrow(/"cellular"/);
    expect(() => new InterfaceNetwork({ network: 'ethernet', pollIntervalMs: 0, reader })).toThrow(InvalidArgumentError);
    // A NUL or other control character would reach the file system's path checks as a TypeError.
    expect(() => new InterfaceNetwork({ network: 'ethernet', interfaceName: 'eth\u0000', reader })).toThrow(InvalidArgumentError);
    expect(() => new InterfaceNetwork({ network: 'ethernet', interfaceName: 'eth\u001b', reader })).toThrow(InvalidArgumentError);
    expect(() => new InterfaceNetwork({ network: 'ethernet', connectTimeoutMs: 2 ** 31, reader })).toThrow(/connectTimeoutMs must be a number of milliseconds above 0/);
  });

  // connect() is a promise: these run on the async VirtualClock, which lets it settle between timers.
  it('connect() waits for the host to bring the interface up', async () => {
    const clock = new VirtualClock();
    const reader = timelineReader(clock, [[0, DOWN], [2000, UP]]);
    const network = new InterfaceNetwork({ network: 'ethernet', reader, scheduler: clock, connectTimeoutMs: 10_000 });
    let resolved = false;
    const connecting = network.connect().then(() => (resolved = true));
    clock.schedule(() => network.close(), 3000);
    await clock.advance(1999); // up to just before the interface comes up
    expect(resolved).toBe(false);
    await clock.advance(3001);
    await connecting;
    expect(resolved).toBe(true);
    expect(network.state).toMatchObject({ kind: 'connected', since: 2000 });
  });

  it('connect() rejects with NetworkConnectTimeoutError carrying the last reason', async () => {
    const clock = new VirtualClock();
    const reader = timelineReader(clock, [[0, DOWN]]);
    const network = new InterfaceNetwork({ network: 'ethernet', reader, scheduler: clock, connectTimeoutMs: 1000 });
    const connecting = network.connect();
    const timedOut = expect(connecting).rejects.toThrow(NetworkConnectTimeoutError); // handled before it rejects
    await clock.advance(2000);
    await timedOut;
    await expect(connecting).rejects.toMatchObject({ timeoutMs: 1000, lastReason: 'interface eth0 is down' });
    network.close();
  });

  it('connect() rejects with ClosedError when closed while waiting or after close', async () => {
    const reader: InterfaceReader = { read: () => DOWN, list: () => ['eth0'] };
    const network = new InterfaceNetwork({ network: 'ethernet', reader });
    const waiting = network.connect();
    network.close();
    await expect(waiting).rejects.toThrow(new ClosedError('network', 'ethernet'));
    await expect(network.connect()).rejects.toMatchObject({ name: 'ClosedError', resource: 'network', which: 'ethernet' });
  });

  it('disconnect() is not supported, with the reason', async () => {
    const reader: InterfaceReader = { read: () => UP, list: () => ['eth0'] };
    const network = new InterfaceNetwork({ network: 'ethernet', reader });
    await expect(network.disconnect()).rejects.toThrow(UnsupportedNetworkOperationError);
    await expect(network.disconnect()).rejects.toMatchObject({ operation: 'disconnect', network: 'ethernet' });
    network.close();
  });
});
