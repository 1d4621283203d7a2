import { createServer } from 'node:net';
import { firstValueFrom, of, take } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import { Credentials } from '../../lib/cloud/credentials';
import type { Transport } from '../../lib/cloud/transport';
import { MessageTimeoutError } from '../../lib/delivery/message-timeout-error';
import { InvalidArgumentError } from '../../lib/errors';
import type { MessageDropped } from '../../lib/events/hologram-events';
import { Hologram } from '../../lib/hologram';
import { ManualNetwork } from '../../lib/network/manual-network';
import { CloudEmulator } from '../../lib/testing/cloud-emulator';

const credentials = () => Credentials.fromDeviceKey('abcdefgh');

/** A port nothing listens on (bound, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('sendMessage with a timeout', () => {
  it('fails at timeoutMs on the scheduler clock while the network is down; the message stays queued and goes once it is up', marbles((m) => {
    const sent: number[] = [];
    const transport: Transport = {
      exchange$: () => {
        sent.push(m.scheduler.now());
        return of(Buffer.from('[0,0]'));
      },
    };
    const network = new ManualNetwork({ connected: false, scheduler: m.scheduler });
    const hologram = new Hologram(credentials(), { network, transport, sendHost: 'cloud.invalid', sendPort: 9999, scheduler: m.scheduler });
    const timedOut = hologram.sendMessage$('reading', ['t'], { timeoutMs: 5 });
    m.expect(timedOut).toBeObservable('-----#', undefined, new MessageTimeoutError({ data: 'reading', topics: ['t'] }, 5));
    m.expect(hologram.results$.pipe(take(1)), '^').toBeObservable('--------(r|)', {
      r: expect.objectContaining({ ok: true, message: { data: 'reading', topics: ['t'] } }),
    });
    m.scheduler.schedule(() => network.setConnected(true), 8);
    m.flush();
    expect(sent).toEqual([8]);
    hologram.close();
    network.close();
  }));

  it('resolves as usual when the message is delivered in time', marbles((m) => {
    const transport: Transport = { exchange$: () => of(Buffer.from('[0,0]')) };
    const hologram = new Hologram(credentials(), { transport, sendHost: 'cloud.invalid', sendPort: 9999, scheduler: m.scheduler });
    m.expect(hologram.sendMessage$('x', [], { timeoutMs: 5 })).toBeObservable('(r|)', { r: expect.objectContaining({ code: 0 }) });
    m.flush();
    hologram.close();
  }));

  it('refuses a timeout that is not a positive duration one timer can cover, naming it; nothing is accepted', () => {
    const hologram = new Hologram(credentials(), { sendHost: '127.0.0.1', sendPort: 9 });
    for (const timeoutMs of [0, -1, Number.NaN, 2 ** 31]) {
      expect(() => hologram.sendMessage$('x', [], { timeoutMs })).toThrow(InvalidArgumentError);
      expect(() => hologram.sendMessage$('x', [], { timeoutMs })).toThrow(/timeoutMs/);
    }
    expect(hologram.outbox.stats().pendingCount).toBe(0);
    hologram.close();
  });

  it('over real TCP: an unreachable cloud ends the wait with MessageTimeoutError; the message is delivered once the cloud listens', async () => {
    const port = await freePort();
    const hologram = new Hologram(credentials(), {
      sendHost: '127.0.0.1',
      sendPort: port,
      backoff: { initialMs: 20, maxMs: 40, resetAfterMs: 1000 },
    });
    const delivered = firstValueFrom(hologram.results$);
    const started = Date.now();
    const error = await hologram.sendMessage('late', ['t'], { timeoutMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MessageTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 200, outbound: { data: 'late', topics: ['t'] } });
    // The last failure travels along: a refused connection does not look like a silent cloud.
    expect((error as Error).message).toMatch(/not delivered within 200 ms \(last attempt: No reply: connection refused by 127\.0\.0\.1:\d+ \(ECONNREFUSED\)\); it stays in the outbox/);
    expect((error as Error).cause).toMatchObject({ name: 'TransientSendError', result: { code: -1, failure: 'refused' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(195);
    expect(hologram.outbox.stats().pendingCount).toBe(1);

    const emulator = new CloudEmulator({ deviceKeys: ['abcdefgh'] });
    await emulator.listen(port);
    try {
      expect(await delivered).toMatchObject({ ok: true, message: { data: 'late' } });
      expect(emulator.messages.map((m) => m.data)).toEqual(['late']);
      expect(hologram.outbox.stats()).toMatchObject({ pendingCount: 0, delivered: 1 });
    } finally {
      hologram.close();
      await emulator.close();
    }
  });

  it('closing an outbox in memory with the message still waiting reports it as message.dropped (closed)', async () => {
    const port = await freePort();
    const hologram = new Hologram(credentials(), { sendHost: '127.0.0.1', sendPort: port, backoff: { initialMs: 20, maxMs: 40, resetAfterMs: 1000 } });
    const dropped: MessageDropped[] = [];
    hologram.event.subscribe('message.dropped', (event) => dropped.push(event));
    await expect(hologram.sendMessage('lost', [], { timeoutMs: 100 })).rejects.toBeInstanceOf(MessageTimeoutError);
    hologram.close();
    expect(dropped).toEqual([{ message: { data: 'lost', topics: [] }, reason: 'closed' }]);
    expect(hologram.outbox.stats()).toMatchObject({ pendingCount: 0, dropped: 1 });
  });
});
