import { of, type Observable } from 'rxjs';
import { ATEngine } from '../../lib/modem/at/at-engine';
import { ModemInitializer } from '../../lib/modem/modem-initializer';
import { ModemPortLifecycle, type PortEvent } from '../../lib/modem/modem-port-lifecycle';
import type { ModemSession } from '../../lib/modem/modem-session';
import { SerialPortConnection } from '../../lib/modem/serial-port-connection';
import { duplexPair, ModemSimulator, VirtualClock, VirtualSerialBinding } from '../../lib/testing';

/** The modem's parts, each alone: no `Modem` around them. */

describe('ModemInitializer', () => {
  let simulator: ModemSimulator;
  let engine: ATEngine;
  beforeEach(() => {
    simulator = new ModemSimulator({ vendor: 'quectel', model: 'BG96' });
    const [host, device] = duplexPair();
    simulator.attach(device);
    engine = new ATEngine(host);
  });
  afterEach(async () => {
    engine.close();
    await simulator.close();
  });

  it('makes a session of what init learnt, after its last step; a second caller joins the run', async () => {
    const seen: ModemSession[] = [];
    const initializer = new ModemInitializer({ engine, lastStep: (session): Observable<unknown> => (seen.push(session), of(undefined)) });
    const first = initializer.run();
    expect(initializer.inProgress).toBe(true);
    const second = initializer.run();
    const [a, b] = await Promise.all([first, second]);
    expect(a).toBe(b);
    expect(initializer.inProgress).toBe(false);
    expect(a).toMatchObject({ engine, driver: { name: 'quectel-bg96' }, identity: { manufacturer: 'Quectel', model: 'BG96' } });
    expect(typeof a.directDeliveryAck).toBe('boolean');
    expect(seen).toEqual([a]);
    expect(simulator.received.commands.filter((c) => c === 'ATE0')).toHaveLength(1);
  });

  it('a failed run rejects with ModemInitError and the next run starts afresh', async () => {
    const initializer = new ModemInitializer({ engine });
    simulator.failNext('AT+CMEE=2', 100);
    await expect(initializer.run()).rejects.toMatchObject({ name: 'ModemInitError' });
    expect(initializer.inProgress).toBe(false);
    await expect(initializer.run()).resolves.toMatchObject({ driver: { name: 'quectel-bg96' } });
  });
});

describe('ModemPortLifecycle', () => {
  /** A port on the virtual binding, its engine and its lifecycle, in virtual time. */
  function portParts() {
    const clock = new VirtualClock();
    const binding = new VirtualSerialBinding();
    binding.plug('/dev/ttyV');
    const connection = new SerialPortConnection({ path: '/dev/ttyV', binding, scheduler: clock, pollIntervalMs: 100 });
    const engine = new ATEngine(undefined, { scheduler: clock });
    return { clock, binding, connection, engine, lifecycle: new ModemPortLifecycle(connection, engine) };
  }

  it('attaches each opened port to the engine and reports losses and returns', async () => {
    const { clock, binding, connection, engine, lifecycle } = portParts();
    const events: Array<[number, PortEvent]> = [];
    const subscription = lifecycle.events$.subscribe((event) => events.push([clock.now(), event]));
    await clock.until(connection.open());
    expect(engine.state).toBe('ready');
    expect(events).toEqual([]); // the first open is the owner's

    binding.unplug('/dev/ttyV');
    await clock.advance(0);
    expect(engine.state).toBe('disconnected');
    binding.plug('/dev/ttyV');
    await clock.advance(100);
    expect(engine.state).toBe('ready');
    expect(events).toEqual([
      [0, 'lost'],
      [100, 'back'],
    ]);

    await lifecycle.release();
    expect(lifecycle.released).toBe(true);
    expect(engine.state).toBe('detached');
    await clock.until(lifecycle.reclaim());
    expect(lifecycle.released).toBe(false);
    expect(engine.state).toBe('ready');
    expect(events.at(-1)).toEqual([100, 'back']);
    expect(events).toHaveLength(3);

    subscription.unsubscribe();
    engine.close();
    await connection.close();
  });
  it('moves the port one way at a time: a call during a move joins it or waits for it', async () => {
    const { clock, connection, engine, lifecycle } = portParts();
    const events: PortEvent[] = [];
    const subscription = lifecycle.events$.subscribe((event) => events.push(event));
    await clock.until(connection.open());

    // Two reclaims at once open the port once; a release asked meanwhile comes after it.
    await lifecycle.release();
    const reclaims = [lifecycle.reclaim(), lifecycle.reclaim()];
    const releaseAgain = lifecycle.release();
    expect(lifecycle.released).toBe(true);
    await clock.until(Promise.all([...reclaims, releaseAgain]));
    expect(events).toEqual(['back']);
    expect(lifecycle.released).toBe(true);
    expect(engine.state).toBe('detached');
    expect(connection.state).toBe('closed');

    // A reclaim asked while releasing waits for the release, then takes the port back.
    await clock.until(lifecycle.reclaim());
    const release = lifecycle.release();
    const reclaim = lifecycle.reclaim();
    await clock.until(Promise.all([release, reclaim]));
    expect(lifecycle.released).toBe(false);
    expect(engine.state).toBe('ready');
    expect(events).toEqual(['back', 'back', 'back']);

    subscription.unsubscribe();
    engine.close();
    await connection.close();
  });
});
