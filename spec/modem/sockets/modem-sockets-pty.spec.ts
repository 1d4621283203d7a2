import * as net from 'node:net';
import { firstValueFrom } from 'rxjs';
import { ModemSocketError } from '../../../lib/modem/sockets/modem-socket-error';
import { ModemSocketListener } from '../../../lib/modem/sockets/modem-socket-listener';
import { SerialPortConnection } from '../../../lib/modem/serial-port-connection';
import { openPtyPair, type PtyPair } from '../../../lib/testing/pty-pair';
import { closed, receivedBytes, startServer, type TestServer } from '../../testing/tcp-fixtures';
import { CLOUD_HOST, CLOUD_PORT, cloudServer, MODEM_CASES, SocketRig, type ModemCase } from './socket-rig';

/**
 * End to end with every real part this machine has: the SDK's engine → the REAL serialport binding →
 * a REAL pty pair → the ModemSimulator, whose sockets open REAL TCP connections → an in-process
 * `net.Server` that answers like the cloud. Only the radio is simulated.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function ptyRig(modem: ModemCase, server?: TestServer): Promise<SocketRig> {
  const pair: PtyPair = await openPtyPair();
  cleanups.push(() => pair.close());
  const connection = new SerialPortConnection({ path: pair.path, pollIntervalMs: 50 });
  const r = new SocketRig(modem, undefined, pair.stream, server);
  connection.port$.subscribe((port) => r.engine.attach(port));
  await connection.open();
  cleanups.push(async () => {
    await r.close();
    await connection.close();
  });
  await r.activate();
  return r;
}

async function server(start: Promise<TestServer>): Promise<TestServer> {
  const s = await start;
  cleanups.push(() => s.close());
  return s;
}

const CASES = [MODEM_CASES[0], MODEM_CASES[2], MODEM_CASES[3]];

describe.each(CASES)('AT sockets over a real pty and serialport: $name', (modem) => {
  it('sends a cloud frame in at most 5 commands, then every byte value in a payload larger than a write', async () => {
    const payload = Buffer.from(Array.from({ length: 2000 }, (_, i) => i % 256));
    const cloud = await server(cloudServer(1));
    const r = await ptyRig(modem, cloud);
    await firstValueFrom(r.transport.exchange$({ host: CLOUD_HOST, port: CLOUD_PORT, payload: Buffer.from('warm-up') }));

    const frame = Buffer.from('{"k":"abcdefgh","d":"hello from the pty","t":["TOPIC 1"]}\r\r');
    await r.engine.command('AT'); // the warm-up's socket release has run
    const from = r.sim.received.commands.length;
    expect((await firstValueFrom(r.transport.exchange$({ host: CLOUD_HOST, port: CLOUD_PORT, payload: frame }))).toString()).toBe('[0,0]');
    const commands = await r.commandsSince(from);
    expect(commands.length).toBeLessThanOrEqual(5);

    const big = await server(cloudServer(payload.length));
    const accepted = big.nextConnection();
    const reply = await firstValueFrom(r.transport.exchange$({ host: '127.0.0.1', port: big.port, payload }));
    expect(reply.toString()).toBe('[0,0]');
    expect(await receivedBytes(big.received, payload.length, await accepted)).toEqual(payload);
  });

  it('times out without a peer close, closes on unsubscribe, and types connect failures', async () => {
    const silent = await server(startServer());
    const r = await ptyRig(modem);
    const first = silent.nextConnection();
    const timeout = await firstValueFrom(
      r.transport.exchange$({ host: '127.0.0.1', port: silent.port, payload: Buffer.from('a'), replyTimeoutMs: 300 }),
    ).catch((e: unknown) => e);
    expect(timeout).toMatchObject({ stage: 'read', timedOut: true });
    await closed(await first);

    const second = silent.nextConnection();
    const subscription = r.transport.exchange$({ host: '127.0.0.1', port: silent.port, payload: Buffer.from('b') }).subscribe();
    const socket = await second;
    await receivedBytes(silent.received, 2, socket);
    subscription.unsubscribe();
    await closed(socket);

    const gone = await startServer();
    const port = gone.port;
    await gone.close();
    const refused = await firstValueFrom(r.transport.exchange$({ host: '127.0.0.1', port, payload: Buffer.from('c') })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ModemSocketError);
    expect(refused).toMatchObject({ stage: 'connect', cmeError: modem.vendor === 'u-blox' ? 3 : 566 });
  });
});

describe('ModemSocketListener over a real pty and serialport', () => {
  it('receives a message from a real TCP client connecting to the modem port', async () => {
    const r = await ptyRig(MODEM_CASES[0]);
    const listener = new ModemSocketListener(r.engine, { port: 4010 });
    cleanups.push(() => listener.close());
    const message = firstValueFrom(listener.messages$);
    let address = r.sim.listener(4010);
    while (!address) {
      await r.engine.command('AT');
      address = r.sim.listener(4010);
    }
    const data = Buffer.from([0x00, 0x0d, 0x0a, 0x1a, 0x22, 0xff, 0x41]);
    const client = net.connect({ host: '127.0.0.1', port: address.address.port }, () => client.end(data));
    expect((await message).data).toEqual(data);
  });
});
