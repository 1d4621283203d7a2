import { BehaviorSubject, firstValueFrom, lastValueFrom, of, toArray } from 'rxjs';
import { Credentials } from '../../lib/cloud/credentials';
import { InvalidArgumentError } from '../../lib/errors';
import { Hologram } from '../../lib/hologram';
import { Modem } from '../../lib/modem/modem';
import { encodeDeliver } from '../../lib/modem/sms/encode-deliver';
import { connectedState, disconnectedState } from '../../lib/network/network-state';
import { StatefulNetwork } from '../../lib/network/stateful-network';
import { SDK_VERSION } from '../../lib/sdk-version';
import { CloudEmulator } from '../../lib/testing/cloud-emulator';
import { duplexPair, ModemSimulator } from '../../lib/testing/modem-simulator';
import { sendInbound } from '../support/send-inbound';

/**
 * Networks an application writes itself, the way the README shows (`StatefulNetwork`): the
 * facade reads what they offer (a modem or none, a transport or none) from their type.
 */

/** A link the application watches itself, with no modem: the host's TCP carries the messages. */
class RouterNetwork extends StatefulNetwork {
  readonly name = 'manual' as const;

  constructor() {
    super(disconnectedState('router not asked yet', 0));
  }

  setUp(up: boolean): void {
    this.setState(up ? connectedState(1, 'router WAN up') : disconnectedState('router WAN down', 2));
  }

  async connect(): Promise<void> {
    this.setUp(true);
  }

  async disconnect(): Promise<void> {
    this.setUp(false);
  }
}

/** A link the application brings up by other means, over a modem it opened (for status and SMS). */
class ModemBackedNetwork extends RouterNetwork {
  readonly #modem: BehaviorSubject<Modem | undefined>;

  constructor(modem: Modem) {
    super();
    this.#modem = new BehaviorSubject<Modem | undefined>(modem);
  }

  override get modem(): Modem | undefined {
    return this.#modem.value;
  }

  override get modem$() {
    return this.#modem.asObservable();
  }

  protected override release(): Promise<void> {
    this.#modem.complete();
    return Promise.resolve();
  }
}

describe('Hologram on a network of the application', () => {
  let emulator: CloudEmulator;
  let port: number;
  beforeEach(async () => {
    emulator = new CloudEmulator({ deviceKeys: ['abcdefgh'] });
    port = await emulator.listen();
  });
  afterEach(() => emulator.close());

  it('without a modem: holds messages while it is down, sends over the host TCP, receives on the host, no modem or SMS', async () => {
    const network = new RouterNetwork();
    const hologram = new Hologram(new Credentials('abcd', 'efgh'), { network, sendHost: '127.0.0.1', sendPort: port });
    const events: string[] = [];
    for (const name of ['network.connected', 'network.disconnected', 'cellular.connected', 'cellular.disconnected', 'modem.connected'] as const) {
      hologram.event.subscribe(name, () => events.push(name));
    }
    try {
      expect(hologram.modem).toBeUndefined();
      await expect(lastValueFrom(hologram.sms$.pipe(toArray()))).resolves.toEqual([]);
      const delivered = hologram.sendMessage('after the outage');
      expect(hologram.outbox.stats().pendingCount).toBe(1);
      network.setUp(true);
      expect(await delivered).toMatchObject({ ok: true });
      expect(emulator.messages).toEqual([expect.objectContaining({ data: 'after the outage', metadata: `\u0001agnostic-${SDK_VERSION}` })]);
      const receiving = await hologram.startReceiving({ host: '127.0.0.1', port: 0 });
      expect(receiving.via).toBe('tcp');
      const received = firstValueFrom(hologram.receive$);
      await sendInbound(receiving.port, 'valve off');
      expect((await received).text).toBe('valve off');
      network.setUp(false);
      expect(events).toEqual(['network.connected', 'network.disconnected']);
    } finally {
      await hologram.close();
      await network.close();
    }
  });

  it('with a modem: its modem events and SMS reach the bus, and frames name the modem', async () => {
    const simulator = new ModemSimulator({ vendor: 'u-blox', model: 'SARA-U201' });
    const [host, device] = duplexPair();
    simulator.attach(device);
    const modem = await Modem.fromStream(host);
    const network = new ModemBackedNetwork(modem);
    network.setUp(true);
    const hologram = new Hologram(new Credentials('abcd', 'efgh'), { network, sendHost: '127.0.0.1', sendPort: port });
    const modemConnected = firstValueFrom(hologram.event.on$('modem.connected'));
    const sms = firstValueFrom(hologram.event.on$('sms.received'));
    try {
      expect(hologram.modem).toBe(modem);
      await modemConnected;
      // No transport of its own: the message goes over the host's TCP, named after the modem.
      expect(await hologram.sendMessage('through the router')).toMatchObject({ ok: true });
      expect(emulator.messages[0]).toMatchObject({ data: 'through the router', metadata: `\u0001nova_u201-${SDK_VERSION}` });
      simulator.injectSMS(encodeDeliver({ sender: '+15555550142', text: 'from the modem', timestamp: new Date('2026-03-04T05:06:07Z') }).pdu);
      expect(await sms).toMatchObject({ sender: '+15555550142', body: 'from the modem' });
    } finally {
      await hologram.close();
      await network.close();
      await modem.close();
      await simulator.close();
    }
  });

  it('refuses a network object without the streams the facade reads, naming them', () => {
    const state$ = new BehaviorSubject(connectedState(0));
    const older = { name: 'manual', state$, connected$: of(true), state: state$.value, connect: async () => {}, disconnect: async () => {}, close: async () => {} };
    expect(() => new Hologram(new Credentials('abcd', 'efgh'), { network: older as never })).toThrow(InvalidArgumentError);
    expect(() => new Hologram(new Credentials('abcd', 'efgh'), { network: older as never })).toThrow(
      /network must be a Network or a network name such as 'cellular': it has no modem\$ \(a StatefulNetwork has every one\)/,
    );
    expect(() => new Hologram(new Credentials('abcd', 'efgh'), { network: { ...older, modem$: of(undefined), connected$: 1 } as never })).toThrow(
      /it has no connected\$/,
    );
  });
});
