import { filter, firstValueFrom, take, timeout, toArray } from 'rxjs';
import { Credentials } from '../../lib/cloud/credentials';
import { Hologram } from '../../lib/hologram';
import { CellularNetwork } from '../../lib/network/cellular';
import type { NetworkState } from '../../lib/network/network-state';
import { CloudEmulator } from '../../lib/testing/cloud-emulator';
import { ModemSimulator, type ModemSimulatorOptions } from '../../lib/testing/modem-simulator';
import { openPtyPair, type PtyPair } from '../../lib/testing/pty-pair';

/**
 * The whole path a device in the field uses: `Hologram` → delivery pipeline → `CellularNetwork` →
 * AT sockets → the REAL serialport binding → a REAL pty pair → the modem simulator, whose sockets
 * open REAL TCP connections (the cloud's host mapped to) → the cloud emulator. Backoffs are short
 * so each test takes seconds.
 */
jest.setTimeout(30_000);

const FAST_BACKOFF = { initialMs: 20, maxMs: 100, resetAfterMs: 1000 };

interface Stack {
  readonly cloud: CloudEmulator;
  readonly pair: PtyPair;
  readonly simulator: ModemSimulator;
  readonly network: CellularNetwork;
  readonly hologram: Hologram;
  close(): Promise<void>;
}

async function openStack(simulatorOptions: ModemSimulatorOptions): Promise<Stack> {
  const cloud = new CloudEmulator();
  const port = await cloud.listen();
  const pair = await openPtyPair();
  const simulator = new ModemSimulator({
    ...simulatorOptions,
    mapConnect: (host, p) => (host === 'cloudsocket.hologram.io' && p === 9999 ? { host: '127.0.0.1', port } : { host, port: p }),
  });
  simulator.attach(pair.stream);
  const network = await CellularNetwork.open(pair.path, { backoff: FAST_BACKOFF, modemOptions: { reconnectPollMs: 50 } });
  const hologram = new Hologram(new Credentials('abcd', 'efgh'), { network, backoff: FAST_BACKOFF });
  return {
    cloud,
    pair,
    simulator,
    network,
    hologram,
    async close() {
      await hologram.close();
      await network.close();
      await simulator.close();
      await pair.close();
      await cloud.close();
    },
  };
}

function nextState(network: CellularNetwork, kind: NetworkState['kind']): Promise<NetworkState> {
  return firstValueFrom(network.state$.pipe(filter((s) => s.kind === kind), timeout(10_000)));
}

describe.each([
  { name: 'u-blox SARA-U201', options: { vendor: 'u-blox', model: 'SARA-U201' } as ModemSimulatorOptions },
  { name: 'Quectel BG96', options: { vendor: 'quectel', model: 'BG96' } as ModemSimulatorOptions },
])('cellular end to end over a pty with a simulated $name', ({ options }) => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await openStack(options);
  });
  afterEach(() => stack.close());

  it('delivers messages byte-exact, with topics and non-ASCII text', async () => {
    const messages: Array<[string, string[]]> = [
      ['plain reading 21.5C', []],
      ['héllo wörld ✓ 日本語 🚀 "quoted" \\ back', ['TOPIC 1', 'sensors/temp']],
      ['{"json":true,"n":[1,2,3]}\nsecond line\r\ttab', ['json']],
    ];
    for (const [data, topics] of messages) {
      const result = await stack.hologram.sendMessage(data, topics);
      expect(result).toMatchObject({ code: 0, ok: true });
    }
    expect(stack.cloud.messages.map((m) => [m.data, [...m.topics]])).toEqual(messages);
    expect(stack.cloud.messages.every((m) => m.deviceKey === 'abcdefgh')).toBe(true);
  });

  it('loses and duplicates none of 500 messages while registration flaps', async () => {
    await nextState(stack.network, 'connected');
    let drops = 0;
    let flaps = 0;
    // The flapping has done its job once the link went down under the flow more than once.
    let flappedEnough!: () => void;
    const enough = new Promise<void>((resolve) => (flappedEnough = resolve));
    const check = (): void => (drops > 1 && flaps > 4 ? flappedEnough() : undefined);
    const counting = stack.network.events$.subscribe((e) => {
      drops += e.name === 'cellular.disconnected' ? 1 : 0;
      check();
    });
    let registered = true;
    const flapping = setInterval(() => {
      registered = !registered;
      flaps++;
      stack.simulator.setRegistration(registered ? 1 : 2);
      check();
    }, 60);
    const count = 500;
    const results = Array.from({ length: count }, (_, i) => stack.hologram.sendMessage(`reading ${i}`, ['flap']));
    // Flap until the link has dropped under the flow (or the flow is done), then settle registered.
    await Promise.race([Promise.all(results), enough]);
    clearInterval(flapping);
    stack.simulator.setRegistration(1);
    const settled = await Promise.all(results);
    expect(settled.every((r) => r.ok)).toBe(true);
    counting.unsubscribe();
    expect(flaps).toBeGreaterThan(4);
    // The link really went down under the flow, more than once.
    expect(drops).toBeGreaterThan(1);
    const received = stack.cloud.messages.map((m) => m.data);
    expect(new Set(received).size).toBe(received.length);
    expect(received.sort()).toEqual(Array.from({ length: count }, (_, i) => `reading ${i}`).sort());
  });

  it('comes back after the modem is unplugged and drains the backlog', async () => {
    await nextState(stack.network, 'connected');
    await stack.hologram.sendMessage('before unplug');
    await stack.pair.unplug();
    await nextState(stack.network, 'disconnected');
    // Accepted while the modem is away: held in the outbox (a message.buffered event each).
    const held = firstValueFrom(stack.hologram.event.on$('message.buffered').pipe(take(20), toArray(), timeout(5000)));
    const backlog = Array.from({ length: 20 }, (_, i) => stack.hologram.sendMessage(`backlog ${i}`));
    expect((await held).map((event) => event.message.data)).toEqual(Array.from({ length: 20 }, (_, i) => `backlog ${i}`));
    expect(stack.cloud.messages.map((m) => m.data)).toEqual(['before unplug']);
    stack.simulator.detach();
    stack.simulator.attach(await stack.pair.replug());
    await nextState(stack.network, 'connected');
    await Promise.all(backlog);
    expect(stack.cloud.messages.map((m) => m.data)).toEqual(['before unplug', ...Array.from({ length: 20 }, (_, i) => `backlog ${i}`)]);
  });
});
