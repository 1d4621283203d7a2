import { firstValueFrom, filter, timeout, toArray, take } from 'rxjs';
import { Modem } from '../../../lib/modem/modem';
import { ModemSocketTransport } from '../../../lib/modem/sockets/modem-socket-transport';
import { HUAWEI } from '../../../lib/modem/drivers/huawei';
import { UBLOX_SARA_R4, UBLOX_SARA_U201 } from '../../../lib/modem/drivers/ublox';
import { QUECTEL_BG96 } from '../../../lib/modem/drivers/quectel';
import { CellularNetwork } from '../../../lib/network/cellular';
import { CellularModeError } from '../../../lib/network/cellular/cellular-mode-error';
import { pdpFlavour, resolveCellularMode } from '../../../lib/network/cellular/cellular-mode';
import { createNetwork } from '../../../lib/network/create-network';
import type { NetworkState } from '../../../lib/network/network-state';
import { InvalidArgumentError } from '../../../lib/errors';
import { duplexPair } from '../../../lib/testing/duplex-pair';
import { openPtyPair } from '../../../lib/testing/pty-pair';
import { ModemSimulator, type ModemSimulatorOptions } from '../../../lib/testing/modem-simulator';
import { VirtualClock } from '../../../lib/testing/virtual-clock';

/** Short waits between attempts so each test takes a fraction of a second. */
const FAST = { backoff: { initialMs: 20, maxMs: 50, resetAfterMs: 1000 } };

interface Rig {
  readonly simulator: ModemSimulator;
  readonly modem: Modem;
  readonly network: CellularNetwork;
  close(): Promise<void>;
}

/** A simulated modem and a network on it; with `clock`, every timer of all three runs on that virtual clock. */
async function rig(
  simulatorOptions: ModemSimulatorOptions,
  networkOptions: ConstructorParameters<typeof CellularNetwork>[1] = {},
  clock?: VirtualClock,
): Promise<Rig> {
  const simulator = new ModemSimulator({ ...simulatorOptions, ...(clock === undefined ? {} : { scheduler: clock }) });
  const [host, device] = duplexPair();
  simulator.attach(device);
  const opening = Modem.fromStream(host, clock === undefined ? {} : { scheduler: clock });
  const modem = await (clock === undefined ? opening : clock.until(opening));
  const network = new CellularNetwork(modem, { ...FAST, ...networkOptions, ...(clock === undefined ? {} : { scheduler: clock }) });
  return {
    simulator,
    modem,
    network,
    async close() {
      await network.close();
      await modem.close();
      await simulator.close();
    },
  };
}

/** The next state of `kind` (the current one counts); fails after 5 s instead of hanging. */
function nextState(network: CellularNetwork, kind: NetworkState['kind'], after?: NetworkState): Promise<NetworkState> {
  return firstValueFrom(
    network.state$.pipe(
      filter((state) => state.kind === kind && state !== after),
      timeout(5000),
    ),
  );
}

const commands = (simulator: ModemSimulator, pattern: RegExp) => simulator.received.commands.filter((c) => pattern.test(c));

const MODELS: ReadonlyArray<{ name: string; options: ModemSimulatorOptions; activate: RegExp; drop: (s: ModemSimulator) => void; lostUrc: RegExp }> = [
  { name: 'u-blox SARA-U201', options: { vendor: 'u-blox', model: 'SARA-U201' }, activate: /^AT\+UPSDA=0,3$/, drop: (s) => s.dropPDP(), lostUrc: /\+UUPSDD: 0/ },
  {
    name: 'u-blox SARA-R410',
    options: { vendor: 'u-blox', model: 'R410' },
    activate: /^AT\+CGACT\?$/,
    // The simulator tears the LTE bearer down without a URC; a real R410 says +CGEV: NW PDN DEACT <cid>
    // (event reporting on), which is printed here by hand.
    drop: (s) => {
      s.dropPDP();
      s.injectURC('+CGEV: NW PDN DEACT 1');
    },
    lostUrc: /\+CGEV: NW PDN DEACT 1/,
  },
  { name: 'Quectel BG96', options: { vendor: 'quectel', model: 'BG96' }, activate: /^AT\+QIACT=1$/, drop: (s) => s.dropPDP(), lostUrc: /\+QIURC: "pdpdeact",1/ },
];

describe.each(MODELS)('CellularNetwork over a simulated $name', ({ options, activate, drop, lostUrc }) => {
  let r: Rig;
  beforeEach(async () => {
    r = await rig(options);
  });
  afterEach(() => r.close());

  it('connects on its own over AT sockets, with the address in the detail', async () => {
    const state = await nextState(r.network, 'connected');
    expect(state).toMatchObject({ kind: 'connected', detail: expect.stringMatching(/AT sockets, 10\.170\.56\.23$/) });
    expect(r.network.dataMode).toBe('sockets');
    expect(r.network.transport).toBeInstanceOf(ModemSocketTransport);
    expect(commands(r.simulator, activate).length).toBeGreaterThanOrEqual(1);
  });

  it('goes disconnected when the network drops the data context, then reconnects by itself', async () => {
    const up = await nextState(r.network, 'connected');
    const transport = r.network.transport;
    const events = firstValueFrom(r.network.events$.pipe(take(2), toArray(), timeout(5000)));
    drop(r.simulator);
    const down = await nextState(r.network, 'disconnected');
    expect(down).toMatchObject({ reason: expect.stringMatching(lostUrc) });
    const back = await nextState(r.network, 'connected', up);
    expect(back.since).toBeGreaterThanOrEqual(down.since);
    expect((await events).map((e) => e.name)).toEqual(['cellular.disconnected', 'cellular.connected']);
    // One transport per modem, reused across reconnects.
    expect(r.network.transport).toBe(transport);
  });

  it('follows registration loss and return', async () => {
    const up = await nextState(r.network, 'connected');
    r.simulator.setRegistration(2);
    const down = await nextState(r.network, 'disconnected');
    // The registration reports it first, then the link loop; either reason names the cause.
    expect(down).toMatchObject({ reason: expect.stringMatching(/registration lost \(searching/) });
    // While searching it waits for registration, without spending attempts on the data context.
    await nextState(r.network, 'connecting');
    r.simulator.setRegistration(5);
    const back = await nextState(r.network, 'connected', up);
    expect(back.kind).toBe('connected');
  });

  it('disconnect() takes the data context down and stays down; connect() brings it back', async () => {
    // In virtual time, so "stays down" is checked over a span far past every backoff delay.
    const clock = new VirtualClock();
    const v = await rig(options, {}, clock);
    try {
      await clock.until(nextState(v.network, 'connected'));
      await clock.until(v.network.disconnect());
      expect(v.network.state).toMatchObject({ kind: 'disconnected', reason: 'disconnect() was called' });
      const before = v.simulator.received.commands.length;
      await clock.advance(10 * 60_000);
      // No reconnect attempt, so no command beyond the ones the modem itself sends.
      expect(v.network.state.kind).toBe('disconnected');
      expect(v.simulator.received.commands.slice(before).filter((c) => activate.test(c))).toEqual([]);
      await clock.until(v.network.connect({ timeoutMs: 5000 }));
      expect(v.network.state.kind).toBe('connected');
    } finally {
      await clock.until(v.close());
    }
  });
});

describe('CellularNetwork', () => {
  it('deactivates the U201 profile on disconnect() (AT+UPSDA=0,4)', async () => {
    const r = await rig({ vendor: 'u-blox', model: 'SARA-U201' });
    try {
      await r.network.connect({ timeoutMs: 5000 });
      await r.network.disconnect();
      expect(commands(r.simulator, /^AT\+UPSDA=0,4$/)).toHaveLength(1);
    } finally {
      await r.close();
    }
  });

  it('waits for connect() when autoConnect is false', async () => {
    const r = await rig({ vendor: 'quectel' }, { autoConnect: false });
    try {
      expect(r.network.state).toMatchObject({ kind: 'disconnected', reason: 'not connected yet: call connect()' });
      expect(commands(r.simulator, /^AT\+QIACT=/)).toEqual([]);
      await r.network.connect({ timeoutMs: 5000 });
      expect(r.network.state.kind).toBe('connected');
    } finally {
      await r.close();
    }
  });

  it('connect() times out naming the last reason, and keeps trying', async () => {
    const r = await rig({ vendor: 'u-blox', registration: { stat: 2 } }, { autoConnect: false });
    try {
      await expect(r.network.connect({ timeoutMs: 200 })).rejects.toMatchObject({
        name: 'NetworkConnectTimeoutError',
        lastReason: expect.stringContaining('waiting for registration'),
      });
      r.simulator.setRegistration(1);
      await nextState(r.network, 'connected');
    } finally {
      await r.close();
    }
  });

  it('given a ready modem that is still searching, says so (not "opening the modem") and connect() times out with that reason', async () => {
    const simulator = new ModemSimulator({ vendor: 'u-blox', registration: { stat: 2 } });
    const [host, device] = duplexPair();
    simulator.attach(device);
    const modem = await Modem.fromStream(host);
    const constructedAt = Date.now();
    const network = new CellularNetwork(modem, FAST);
    const states: NetworkState[] = [];
    network.state$.subscribe((state) => states.push(state));
    try {
      await expect(network.connect({ timeoutMs: 300 })).rejects.toMatchObject({
        name: 'NetworkConnectTimeoutError',
        lastReason: expect.stringContaining('waiting for registration'),
      });
      expect(network.state).toMatchObject({ kind: 'connecting', reason: expect.stringContaining('waiting for registration') });
      // One connecting state, its reason updated in place: since is when connecting began.
      expect(states.every((state) => state.kind === 'connecting' && state.since === states[0].since)).toBe(true);
      expect(network.state.since).toBeLessThanOrEqual(constructedAt + 5);
      simulator.setRegistration(1);
      await nextState(network, 'connected');
    } finally {
      await network.close();
      await modem.close();
      await simulator.close();
    }
  });

  it('reports the modem closed and leaves a Modem it was given open on close()', async () => {
    const r = await rig({ vendor: 'u-blox' });
    try {
      await nextState(r.network, 'connected');
      await r.network.close();
      expect(r.modem.state).toBe('ready');
      await expect(r.network.connect()).rejects.toMatchObject({ name: 'ClosedError', resource: 'network', which: 'cellular', message: 'The cellular network is closed' });
    } finally {
      await r.close();
    }
  });

  it('is disconnected when its modem goes away, and stops (the modem is not its own)', async () => {
    const r = await rig({ vendor: 'quectel' });
    try {
      await nextState(r.network, 'connected');
      r.simulator.unplug();
      const down = await nextState(r.network, 'disconnected');
      expect(down).toMatchObject({ reason: 'the modem is closed' });
    } finally {
      await r.close();
    }
  });

  it('is built by createNetwork("cellular", { modem, apn })', async () => {
    const simulator = new ModemSimulator({ vendor: 'quectel' });
    const [host, device] = duplexPair();
    simulator.attach(device);
    const modem = await Modem.fromStream(host);
    const network = createNetwork('cellular', { modem, apn: 'hologram', ...FAST }) as CellularNetwork;
    try {
      expect(network).toBeInstanceOf(CellularNetwork);
      await network.connect({ timeoutMs: 5000 });
      expect(commands(simulator, /^AT\+QICSGP=1,1,"hologram"/)).toHaveLength(1);
    } finally {
      await network.close();
      await modem.close();
      await simulator.close();
    }
  });

  it('announces the modem it opens on modem$ at once, while its state stays connecting (real pty)', async () => {
    const pair = await openPtyPair();
    const simulator = new ModemSimulator({ vendor: 'u-blox', model: 'SARA-U201', registration: { stat: 2 } });
    simulator.attach(pair.stream);
    const network = new CellularNetwork({ device: pair.path }, FAST);
    try {
      const seen = firstValueFrom(network.modem$.pipe(take(2), toArray(), timeout(10_000)));
      const [before, opened] = await seen;
      expect(before).toBeUndefined();
      expect(opened).toBe(network.modem);
      expect(opened?.path).toBe(pair.path);
      // The state never left `connecting` (no registration), yet the modem was announced.
      expect(network.state).toMatchObject({ kind: 'connecting' });
    } finally {
      await network.close();
      await simulator.close();
      await pair.close();
    }
  });

  it('refuses bad options with errors naming the value', () => {
    const source = { device: '/dev/ttyUSB9' };
    expect(() => new CellularNetwork(source, { apn: 'bad apn"' })).toThrow(InvalidArgumentError);
    expect(() => new CellularNetwork(source, { mode: 'wifi' as never })).toThrow(/mode must be one of auto, sockets, ppp, got "wifi"/);
    expect(() => new CellularNetwork(source, { contextId: 0 })).toThrow(/contextId/);
    expect(() => new CellularNetwork({ device: '' })).toThrow(/device must be a serial device path/);
    expect(() => new CellularNetwork(source, { backoff: { initialMs: -1 } })).toThrow(/initialMs/);
  });

  it('opening a missing device is a disconnected state with the reason, retried with backoff', async () => {
    const network = new CellularNetwork({ device: '/dev/hologram-missing-modem' }, FAST);
    try {
      const down = await nextState(network, 'disconnected');
      expect(down).toMatchObject({ reason: expect.stringContaining('/dev/hologram-missing-modem') });
      await nextState(network, 'connecting', down);
    } finally {
      await network.close();
    }
  });
});

describe('resolveCellularMode / pdpFlavour', () => {
  it('picks sockets when the driver has a dialect, PPP otherwise', () => {
    expect(resolveCellularMode('auto', UBLOX_SARA_U201)).toBe('sockets');
    expect(resolveCellularMode('auto', HUAWEI)).toBe('ppp');
    expect(resolveCellularMode('ppp', QUECTEL_BG96)).toBe('ppp');
    expect(() => resolveCellularMode('sockets', HUAWEI)).toThrow(CellularModeError);
  });

  it('maps each u-blox and Quectel unit to its PDP flavour', () => {
    expect(pdpFlavour(UBLOX_SARA_U201)).toBe('ublox-profile');
    expect(pdpFlavour(UBLOX_SARA_R4)).toBe('lte-default-bearer');
    expect(pdpFlavour(QUECTEL_BG96)).toBe('quectel');
  });
});

