import * as net from 'node:net';
import { firstValueFrom, Subject } from 'rxjs';
import { ModemSocketListener, type InboundSocketMessage } from '../../../lib/modem/sockets/modem-socket-listener';
import { ModemSocketError } from '../../../lib/modem/sockets/modem-socket-error';
import { duplexPair } from '../../../lib/testing/duplex-pair';
import { closed } from '../../testing/tcp-fixtures';
import { InboundSenderTooSlowError } from '../../../lib/receiving/inbound-sender-too-slow-error';
import { InboundConnectionDroppedError } from '../../../lib/receiving/inbound-connection-dropped-error';
import { MODEM_CASES, SocketRig } from './socket-rig';

/**
 * Inbound messages over u-blox listening sockets: a REAL TCP client connects to the simulator's
 * REAL listening port and the listener reads its bytes through `+UUSOLI` / `+UUSORD` / `+USORD`.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function rig(): Promise<SocketRig> {
  const [hostEnd, modemEnd] = duplexPair();
  const r = new SocketRig(MODEM_CASES[0], hostEnd, modemEnd, undefined);
  cleanups.push(() => r.close());
  await r.activate();
  return r;
}

/** Waits until the simulator listens on modem port `port`, and returns the real port. */
async function listeningPort(r: SocketRig, port: number): Promise<number> {
  // Every command queued before this `AT` (the listener's USOLI among them) has run once it answers.
  for (;;) {
    const listener = r.sim.listener(port);
    if (listener) return listener.address.port;
    await r.engine.command('AT');
  }
}

function send(port: number, data: Buffer, end = true): net.Socket {
  const client = net.connect({ host: '127.0.0.1', port }, () => (end ? client.end(data) : client.write(data)));
  client.on('error', () => undefined);
  return client;
}

describe('ModemSocketListener (u-blox)', () => {
  it('receives binary messages from real TCP clients, one per connection, and closes the listening socket', async () => {
    const r = await rig();
    const listener = new ModemSocketListener(r.engine, { port: 4010 });
    const received: InboundSocketMessage[] = [];
    const arrived = new Subject<void>();
    const subscription = listener.messages$.subscribe((message) => {
      received.push(message);
      arrived.next();
    });
    cleanups.push(() => subscription.unsubscribe());
    const port = await listeningPort(r, 4010);
    const big = Buffer.from(Array.from({ length: 1300 }, (_, i) => (i * 7) % 256));
    send(port, big);
    await firstValueFrom(arrived);
    const first = received[0];
    const second = send(port, Buffer.from('second\r\n'));
    await firstValueFrom(arrived);
    const all = received;
    expect(first.data).toEqual(big);
    expect(all[1].data.toString()).toBe('second\r\n');
    expect(all[1].remoteAddress).toBe('127.0.0.1');
    expect(all[1].remotePort).toBe(second.localPort);
    await Promise.all([listener.close(), listener.close()]); // both resolve once the modem closed the socket
    expect(r.sim.listener(4010)).toBeUndefined();
    const commands = await r.commandsSince(0);
    expect(commands).toContain('AT+USOLI=0,4010');
    expect(commands.at(-1)).toBe('AT+USOCL=0');
  });

  it('emits what arrived when a connection goes idle, and closes it', async () => {
    const r = await rig();
    const listener = new ModemSocketListener(r.engine, { port: 4011, idleTimeoutMs: 300 });
    cleanups.push(() => listener.close());
    const message = firstValueFrom(listener.messages$);
    const client = send(await listeningPort(r, 4011), Buffer.from('no end'), false);
    expect((await message).data.toString()).toBe('no end');
    await closed(client);
  });

  it('yields no message for a connection that sends nothing (closed when idle), as the host listener', async () => {
    const r = await rig();
    const listener = new ModemSocketListener(r.engine, { port: 4013, idleTimeoutMs: 200 });
    cleanups.push(() => listener.close());
    const message = firstValueFrom(listener.messages$);
    const port = await listeningPort(r, 4013);
    const silent = send(port, Buffer.alloc(0), false);
    await closed(silent);
    send(port, Buffer.from('after the silent one'));
    expect((await message).data.toString()).toBe('after the silent one');
  });

  it('closes a sender that trickles or stays silent, one report each on rejected$, and goes on receiving', async () => {
    const r = await rig();
    const listener = new ModemSocketListener(r.engine, { port: 4014, idleTimeoutMs: 2000, firstByteTimeoutMs: 300, minBytesPerSecond: 64, messageTimeoutMs: 3000 });
    cleanups.push(() => listener.close());
    const rejected: Error[] = [];
    listener.rejected$.subscribe((error) => rejected.push(error));
    const received: string[] = [];
    listener.messages$.subscribe((message) => received.push(message.data.toString()));
    const port = await listeningPort(r, 4014);
    const trickler = send(port, Buffer.from('x'), false);
    const ticker = setInterval(() => trickler.write('x'), 200);
    cleanups.push(() => clearInterval(ticker));
    const silent = send(port, Buffer.alloc(0), false);
    const localPorts = await Promise.all([trickler, silent].map((socket) => new Promise<number | undefined>((resolve) => socket.once('connect', () => resolve(socket.localPort)))));
    await Promise.all([closed(trickler), closed(silent)]);
    clearInterval(ticker);
    send(port, Buffer.from('a valid one'));
    while (received.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(received).toEqual(['a valid one']);
    expect(rejected).toHaveLength(2);
    const slow = rejected.find((error) => error instanceof InboundSenderTooSlowError);
    expect(slow).toMatchObject({ reason: 'rate', remoteAddress: '127.0.0.1', remotePort: localPorts[0] });
    expect(rejected.find((error) => error instanceof InboundConnectionDroppedError)).toMatchObject({ reason: 'no-data', remotePort: localPorts[1] });
  });

  it('refuses bad limits with InvalidArgumentError naming them', () => {
    expect(() => new ModemSocketListener(undefined as never, { port: 4010, minBytesPerSecond: 0 })).toThrow('minBytesPerSecond must be a whole number from 1, got 0');
    expect(() => new ModemSocketListener(undefined as never, { port: 4010, messageTimeoutMs: -1 })).toThrow(/messageTimeoutMs/);
  });

  it('errors with a typed error when it cannot listen (no data context)', async () => {
    const [hostEnd, modemEnd] = duplexPair();
    const r = new SocketRig(MODEM_CASES[0], hostEnd, modemEnd, undefined);
    cleanups.push(() => r.close());
    await r.engine.command('AT+CMEE=1');
    const listener = new ModemSocketListener(r.engine, { port: 4012 });
    const error = await firstValueFrom(listener.messages$).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModemSocketError);
    expect(error).toMatchObject({ stage: 'listen', cmeError: 3, socketId: 0 });
    // The failed listening socket is closed again.
    expect((await r.commandsSince(0)).at(-1)).toBe('AT+USOCL=0');
  });
});
