import createDebug from 'debug';
import { firstValueFrom, map, take, timeout, toArray } from 'rxjs';
import { Credentials } from '../lib/cloud/credentials';
import type { SMSReceived } from '../lib/events/hologram-events';
import { Hologram } from '../lib/hologram';
import { Modem } from '../lib/modem/modem';
import { encodeDeliver } from '../lib/modem/sms/encode-deliver';
import { CellularNetwork } from '../lib/network/cellular';
import { duplexPair } from '../lib/testing/duplex-pair';
import { ModemSimulator } from '../lib/testing/modem-simulator';

/**
 * When the facade reads SMS from the modem, and when it deletes them: only while an application
 * listens (`sms$` or the `sms.received` event), and each one only after it was delivered. Against
 * the modem simulator over an in-process stream (the CLI specs prove the same over a real pty).
 */

const READ_OR_DELETE = /^AT\+CMG[LRD]/;

interface Rig {
  readonly simulator: ModemSimulator;
  readonly modem: Modem;
  readonly network: CellularNetwork;
  readonly hologram: Hologram;
  /** Storage indexes of the SMS stored before the facade existed. */
  readonly stored: number[];
  close(): Promise<void>;
}

async function rig(texts: readonly string[]): Promise<Rig> {
  // A few ms per answer, as over a real port: an idle in-process simulator could otherwise answer
  // a whole listing inside the first subscribe() call, before a second listener joins.
  const simulator = new ModemSimulator({ vendor: 'u-blox', model: 'SARA-U201', latencyMs: 5 });
  const [host, device] = duplexPair();
  simulator.attach(device);
  const stored = texts.map((text, i) => {
    const index = simulator.injectSMS(encodeDeliver({ sender: '+15555550100', text, timestamp: new Date(Date.UTC(2026, 0, 1, 0, i)) }).pdu, { store: true });
    if (index === undefined) throw new Error('the simulator did not store the SMS');
    return index;
  });
  const modem = await Modem.fromStream(host);
  const network = new CellularNetwork(modem, { backoff: { initialMs: 10, maxMs: 50 } });
  const hologram = new Hologram(new Credentials('abcd', 'efgh'), { network });
  return {
    simulator,
    modem,
    network,
    hologram,
    stored,
    async close() {
      hologram.close();
      await network.close();
      await modem.close();
      await simulator.close();
    },
  };
}

const commands = (simulator: ModemSimulator, pattern: RegExp) => simulator.received.commands.filter((c) => pattern.test(c));
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once the simulator saw `AT+CMGD=<index>` for every index. */
async function deleted(simulator: ModemSimulator, indexes: readonly number[]): Promise<void> {
  const done = () => indexes.every((index) => simulator.received.commands.includes(`AT+CMGD=${index}`));
  for (let waited = 0; !done(); waited += 10) {
    if (waited > 5000) throw new Error(`not deleted: ${indexes.join(', ')}; commands ${simulator.received.commands.join(' ')}`);
    await settle(10);
  }
}

describe('Hologram and the SMS stored in the modem', () => {
  it('leaves them in the modem while nobody listens, even with the modem events followed', async () => {
    const r = await rig(['first', 'second']);
    try {
      const seen: string[] = [];
      r.hologram.event.subscribe('modem.registration', () => seen.push('modem.registration'));
      await r.network.connect({ timeoutMs: 5000 });
      await settle(200);
      expect(commands(r.simulator, READ_OR_DELETE)).toEqual([]);
      expect(seen).toContain('modem.registration');
      const list = await r.modem.listSMS();
      expect(list.map((sms) => [sms.index, sms.pdu?.type === 'deliver' ? sms.pdu.text : undefined])).toEqual([
        [r.stored[0], 'first'],
        [r.stored[1], 'second'],
      ]);
    } finally {
      await r.close();
    }
  });

  it('reads and deletes them once an sms.received callback subscribes, and stops when it leaves', async () => {
    const r = await rig(['first', 'second']);
    try {
      await r.network.connect({ timeoutMs: 5000 });
      const bodies: string[] = [];
      const twoArrived = new Promise<void>((resolve) => {
        const subscription = r.hologram.event.subscribe('sms.received', (event: SMSReceived) => {
          bodies.push(event.body);
          if (bodies.length === 2) {
            subscription.unsubscribe();
            resolve();
          }
        });
      });
      await twoArrived;
      expect(bodies).toEqual(['first', 'second']);
      await deleted(r.simulator, r.stored);
      expect(await r.modem.listSMS()).toEqual([]);

      // Nobody listens any more: a new SMS is announced (+CMTI) but neither read nor deleted.
      const before = commands(r.simulator, READ_OR_DELETE).length;
      const index = r.simulator.injectSMS(encodeDeliver({ sender: '+15555550100', text: 'later', timestamp: new Date() }).pdu, { store: true });
      await settle(200);
      expect(commands(r.simulator, READ_OR_DELETE).slice(before)).toEqual([]);
      // The next listener gets it, from the modem's store.
      const later = await firstValueFrom(r.hologram.event.on$('sms.received').pipe(timeout(5000)));
      expect(later.body).toBe('later');
      await deleted(r.simulator, [index as number]);
    } finally {
      await r.close();
    }
  });

  it('reads them for sms$ subscribers too; each SMS goes to every listener once, then is deleted', async () => {
    const r = await rig(['one', 'two']);
    try {
      const viaEvent = firstValueFrom(r.hologram.event.on$('sms.received').pipe(map((e) => e.body), take(2), toArray(), timeout(5000)));
      const viaStream = await firstValueFrom(r.hologram.sms$.pipe(map((sms) => sms.text), take(2), toArray(), timeout(5000)));
      expect(viaStream).toEqual(['one', 'two']);
      expect(await viaEvent).toEqual(['one', 'two']);
      await deleted(r.simulator, r.stored);
      expect(commands(r.simulator, /^AT\+CMGL/)).toHaveLength(1);
    } finally {
      await r.close();
    }
  });

  it('an SMS delivered to a subscriber that throws was received: deleted, and the error reaches that subscriber', async () => {
    const r = await rig(['poison']);
    try {
      const failure = new Promise<unknown>((resolve) => {
        r.hologram.sms$
          .pipe(
            map(() => {
              throw new Error('application bug');
            }),
          )
          .subscribe({ error: resolve });
      });
      expect(await failure).toMatchObject({ message: 'application bug' });
      await deleted(r.simulator, r.stored);
    } finally {
      await r.close();
    }
  });

  it('an event callback that throws: the others still get the SMS, it is deleted, and the failure is logged', async () => {
    const r = await rig(['to everyone']);
    const lines: string[] = [];
    const originalLog = createDebug.log;
    createDebug.log = (...args: unknown[]) => lines.push(args.join(' '));
    createDebug.enable('hologram:event');
    try {
      r.hologram.event.subscribe('sms.received', () => {
        throw new Error('callback bug');
      });
      const other = await firstValueFrom(r.hologram.event.on$('sms.received').pipe(timeout(5000)));
      expect(other.body).toBe('to everyone');
      await deleted(r.simulator, r.stored);
      expect(lines.some((line) => line.includes('sms.received callback threw') && line.includes('callback bug'))).toBe(true);
    } finally {
      createDebug.disable();
      createDebug.log = originalLog;
      await r.close();
    }
  });
});
