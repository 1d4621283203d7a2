import { filter, firstValueFrom, lastValueFrom, take, toArray } from 'rxjs';
import { Credentials } from '../../lib/cloud/credentials';
import { MessageFailedError } from '../../lib/delivery/message-failed-error';
import { Hologram, type HologramOptions } from '../../lib/hologram';
import { ManualNetwork } from '../../lib/network/manual-network';
import { CloudEmulator } from '../../lib/testing/cloud-emulator';

/**
 * The facade's promise under real faults: a real CloudEmulator on a real TCP socket, the real
 * TcpTransport, short timeouts and backoff so each case takes milliseconds. Nothing here asserts
 * on wall time; every wait is for an observable fact (a frame recorded, a counter reached).
 */
const KEY = 'abcdefgh';
const FAST: HologramOptions = {
  backoff: { initialMs: 10, maxMs: 40, resetAfterMs: 1000 },
  connectTimeoutMs: 500,
  replyTimeoutMs: 500,
};

describe('delivery through the facade against a faulty cloud (real TCP)', () => {
  let emulator: CloudEmulator;
  let port: number;
  const open: Hologram[] = [];
  const hologram = (options: HologramOptions = {}): Hologram => {
    const instance = new Hologram(Credentials.fromDeviceKey(KEY), { ...FAST, sendHost: '127.0.0.1', sendPort: port, ...options });
    open.push(instance);
    return instance;
  };
  /** Resolves once the outbox counted `retries` failed sends. */
  const retriesReached = (h: Hologram, retries: number) => firstValueFrom(h.outbox.stats$.pipe(filter((s) => s.retries >= retries)));

  beforeEach(async () => {
    emulator = new CloudEmulator({ deviceKeys: [KEY] });
    port = await emulator.listen();
  });
  afterEach(async () => {
    open.splice(0).forEach((h) => h.close());
    await emulator.close();
  });

  it('connections refused, then accepted: the message is delivered once the emulator listens again', async () => {
    await emulator.refuseConnections(true);
    const h = hologram();
    const delivered = h.sendMessage('patience', ['T']);
    await retriesReached(h, 3); // three refused connections, each followed by a backoff pause
    expect(emulator.connectionCount).toBe(0);
    await emulator.refuseConnections(false);
    expect(await delivered).toMatchObject({ code: 0, ok: true, message: { data: 'patience', topics: ['T'] } });
    expect(emulator.messages.map((frame) => [frame.data, frame.topics, frame.code])).toEqual([['patience', ['T'], 0]]);
    expect(h.outbox.stats()).toMatchObject({ pendingCount: 0, delivered: 1, failed: 0 });
  });

  it('connection closed without a reply: retried until answered (the unanswered frame is the one duplicate)', async () => {
    emulator.faults.closeWithoutReply = true;
    emulator.received$.pipe(take(1)).subscribe(() => (emulator.faults.closeWithoutReply = false));
    const h = hologram();
    expect(await h.sendMessage('unanswered')).toMatchObject({ code: 0 });
    expect(emulator.messages.map((frame) => frame.data)).toEqual(['unanswered', 'unanswered']);
    expect(h.outbox.stats()).toMatchObject({ retries: 1, delivered: 1 });
  });

  it('a reply slower than the reply timeout counts as no reply and is retried', async () => {
    emulator.faults.replyDelayMs = 2000;
    emulator.received$.pipe(take(1)).subscribe(() => (emulator.faults.replyDelayMs = 0));
    const h = hologram({ replyTimeoutMs: 100 });
    expect(await h.sendMessage('slow')).toMatchObject({ code: 0 });
    expect(emulator.messages).toHaveLength(2);
    expect(h.outbox.stats()).toMatchObject({ retries: 1, delivered: 1 });
  });

  it('ERR_INTERNAL (6) then ERR_OK: delivered exactly once, results$ has one result for it', async () => {
    emulator.faults.answerCode = 6;
    emulator.received$.pipe(take(1)).subscribe(() => (emulator.faults.answerCode = undefined));
    const h = hologram();
    const results = lastValueFrom(h.results$.pipe(take(1), toArray()));
    expect(await h.sendMessage('internal')).toMatchObject({ code: 0 });
    expect(emulator.messages.map((frame) => frame.code)).toEqual([6, 0]);
    expect((await results).map((result) => result.code)).toEqual([0]);
  });

  it('a permanent code rejects with MessageFailedError and the next message still goes', async () => {
    emulator.faults.answerCode = 7;
    emulator.received$.pipe(take(1)).subscribe(() => (emulator.faults.answerCode = undefined));
    const h = hologram();
    const failed: unknown[] = [];
    h.event.subscribe('message.failed', (failure) => failed.push(failure.error));
    const first = h.sendMessage('bad metadata');
    const second = h.sendMessage('fine');
    await expect(first).rejects.toBeInstanceOf(MessageFailedError);
    await expect(first).rejects.toMatchObject({ code: 7, outbound: { data: 'bad metadata' } });
    expect(await second).toMatchObject({ code: 0 });
    expect(emulator.messages.map((frame) => [frame.data, frame.code])).toEqual([['bad metadata', 7], ['fine', 0]]);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toBeInstanceOf(MessageFailedError);
  });

  it('topics travel with messages buffered while offline', async () => {
    const network = new ManualNetwork({ connected: false });
    const h = hologram({ network });
    const results = lastValueFrom(h.results$.pipe(take(3), toArray()));
    h.send$.next({ data: 'a', topics: ['one'] });
    h.send$.next({ data: 'b', topics: ['one', 'two'] });
    void h.sendMessage('c', 'three');
    await firstValueFrom(h.outbox.stats$.pipe(filter((s) => s.pendingCount === 3)));
    network.setConnected(true);
    expect((await results).every((result) => result.ok)).toBe(true);
    expect(emulator.messages.map((frame) => [frame.data, frame.topics])).toEqual([
      ['a', ['one']],
      ['b', ['one', 'two']],
      ['c', ['three']],
    ]);
    network.close();
  });

  it('a flapping network while 1,000 messages flow: every message delivered exactly once, in order', async () => {
    const count = 1000;
    const network = new ManualNetwork({ connected: true });
    const h = hologram({ network });
    let disconnects = 0;
    h.event.subscribe('network.disconnected', () => disconnects++);
    // The link drops after every 37th frame the cloud reads and comes back a moment later.
    emulator.received$.subscribe(() => {
      if (emulator.messages.length % 37 !== 0) return;
      network.setConnected(false, 'flap');
      setTimeout(() => network.setConnected(true, 'flap over'), 2);
    });
    const results = lastValueFrom(h.results$.pipe(take(count), toArray()));
    for (let i = 0; i < count; i++) h.send$.next({ data: `m${i}`, topics: ['flap'] });
    const all = await results;

    const data = emulator.messages.map((frame) => frame.data);
    const duplicates = data.length - new Set(data).size;
    if (duplicates > 0) console.log(`flapping network: ${duplicates} duplicate frames at the cloud`);
    expect(duplicates).toBe(0);
    expect(data).toEqual(Array.from({ length: count }, (_, i) => `m${i}`));
    expect(all.map((result) => result.message.data)).toEqual(data);
    expect(all.every((result) => result.code === 0)).toBe(true);
    expect(disconnects).toBe(Math.floor(count / 37));
    expect(h.outbox.stats()).toMatchObject({ pendingCount: 0, delivered: count, retries: 0 });
    network.close();
  });
});
