import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asyncScheduler, BehaviorSubject, NEVER, type Observable } from 'rxjs';
import { ManualNetwork, NoneNetwork, InterfaceNetwork } from 'hologram-rx/network';
import { ATEngine, PDPContext, SerialPortConnection } from 'hologram-rx/modem';
import { DeliveryPipeline, MemoryOutboxStore, SqliteOutboxStore, type OutboxStore } from 'hologram-rx/outbox';
import { Backoff } from 'hologram-rx/operators';
import { CloudEmulator, ModemSimulator, RESTEmulator, ScriptedPort, VirtualSerialBinding } from 'hologram-rx/testing';
import { EventBus } from '../lib/events/event-bus';

/**
 * The one lifecycle rule of the public API: `close()` returns a Promise that resolves once the
 * object let go of what it holds and every stream it owns completed, and a second call resolves too.
 */
const directory = mkdtempSync(join(tmpdir(), 'hologram-close-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

interface Closable {
  close(): Promise<void>;
  /** The streams that must have completed once `close()` resolved. */
  readonly streams: readonly Observable<unknown>[];
}

/** A store whose `close()` resolves only when told: shows who waits for it. */
class SlowClosingStore extends MemoryOutboxStore {
  release!: () => void;
  released = false;
  override close(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.release = () => {
        this.released = true;
        void super.close().then(resolve);
      };
    });
  }
}

const cases: [string, () => Closable][] = [
  ['NoneNetwork', () => withStreams(new NoneNetwork(), (n) => [n.state$, n.connected$])],
  ['ManualNetwork', () => withStreams(new ManualNetwork(), (n) => [n.state$, n.connected$])],
  [
    'InterfaceNetwork',
    () => withStreams(new InterfaceNetwork({ network: 'ethernet', reader: { read: () => ({ operstate: 'up', carrier: true }), list: () => ['eth0'] } }), (n) => [n.state$]),
  ],
  ['ATEngine', () => withStreams(new ATEngine(new ScriptedPort(asyncScheduler)), (e) => [e.state$, e.urc$])],
  ['PDPContext', () => withStreams(new PDPContext(new ATEngine(new ScriptedPort(asyncScheduler)), 'quectel'), (c) => [c.state$, c.lost$])],
  [
    'SerialPortConnection',
    () => {
      const binding = new VirtualSerialBinding();
      binding.plug('/dev/ttyV0');
      return withStreams(new SerialPortConnection({ path: '/dev/ttyV0', binding }), (c) => [c.state$, c.port$, c.disconnected$]);
    },
  ],
  ['MemoryOutboxStore', () => withStreams(new MemoryOutboxStore(), () => [])],
  ['SqliteOutboxStore', () => withStreams(new SqliteOutboxStore({ path: join(directory, 'closing.db') }), () => [])],
  [
    'DeliveryPipeline',
    () => withStreams(new DeliveryPipeline({ connected$: new BehaviorSubject(true), send: () => NEVER }), (p) => [p.results$, p.events$, p.stats$, p.health$]),
  ],
  ['Backoff', () => withStreams(new Backoff({ initialMs: 10, maxMs: 100, resetAfterMs: 1000 }, asyncScheduler), (b) => [b.waiting$])],
  ['EventBus', () => withStreams(new EventBus<{ ping: number }>(['ping']), (bus) => [bus.on$('ping'), bus.listened$('ping')])],
  ['CloudEmulator', () => listening(new CloudEmulator(), (emulator) => [emulator.received$])],
  ['RESTEmulator', () => listening(new RESTEmulator(), () => [])],
  [
    'ModemSimulator',
    () => withStreams(new ModemSimulator(), (simulator) => [simulator.commands$, simulator.smsSubmitted$, simulator.socketWrites$, simulator.resets$]),
  ],
];

/** A resource that must be listening before `close()` has anything to release. */
function listening<T extends { listen(): Promise<number>; close(): Promise<void> }>(subject: T, streams: (subject: T) => Observable<unknown>[]): Closable {
  const ready = subject.listen();
  return { close: () => ready.then(() => subject.close()), streams: streams(subject) };
}

function withStreams<T extends { close(): Promise<void> }>(subject: T, streams: (subject: T) => Observable<unknown>[]): Closable {
  return { close: () => subject.close(), streams: streams(subject) };
}

describe('close(): Promise<void> everywhere', () => {
  it.each(cases)('%s: resolves after every stream completed, twice', async (_, make) => {
    const closable = make();
    const open = new Set(closable.streams.map((_, index) => index));
    closable.streams.forEach((stream, index) => stream.subscribe({ complete: () => open.delete(index), error: () => undefined }));
    const first = closable.close();
    const second = closable.close();
    expect(first).toBeInstanceOf(Promise);
    await expect(second).resolves.toBeUndefined(); // the second call waits for the release too
    expect([...open]).toEqual([]);
    await expect(first).resolves.toBeUndefined();
    await expect(closable.close()).resolves.toBeUndefined();
  });

  it('DeliveryPipeline: resolves only once its outbox is closed', async () => {
    const store = new SlowClosingStore();
    const pipeline = new DeliveryPipeline({ store: store as OutboxStore, connected$: new BehaviorSubject(true), send: () => NEVER });
    let resolved = false;
    const closing = pipeline.close().then(() => (resolved = true));
    const again = pipeline.close();
    await new Promise((resolve) => setImmediate(resolve));
    expect(resolved).toBe(false);
    store.release();
    await closing;
    await again;
    expect(store.released).toBe(true);
  });
});
