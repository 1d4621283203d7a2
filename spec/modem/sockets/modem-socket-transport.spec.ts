import { concatMap, filter, firstValueFrom, from, lastValueFrom, toArray, VirtualTimeScheduler } from 'rxjs';
import { InvalidArgumentError } from '../../../lib/errors';
import { isCompleteCloudResponse } from '../../../lib/cloud/cloud-response';
import { TransportError } from '../../../lib/cloud/transport-error';
import { ModemSocketError } from '../../../lib/modem/sockets/modem-socket-error';
import { duplexPair } from '../../../lib/testing/duplex-pair';
import { closed, receivedBytes, startServer, type TestServer } from '../../testing/tcp-fixtures';
import { CLOUD_HOST, CLOUD_PORT, cloudServer, MODEM_CASES, SocketRig, type ModemCase } from './socket-rig';

/**
 * ModemSocketTransport over an in-process duplex pair with the ModemSimulator, whose sockets open
 * REAL TCP connections to REAL in-process servers. The same contract for every modem family.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(start: Promise<TestServer>): Promise<TestServer> {
  const s = await start;
  cleanups.push(() => s.close());
  return s;
}

async function rig(modem: ModemCase, target?: { port: number }, options = {}): Promise<SocketRig> {
  const [hostEnd, modemEnd] = duplexPair();
  const r = new SocketRig(modem, hostEnd, modemEnd, target, options);
  cleanups.push(() => r.close());
  await r.activate();
  return r;
}

/** 0x00..0xFF repeated: every byte value, CR, LF, Ctrl-Z, ESC, quotes, NUL. */
function allBytes(length: number): Buffer {
  return Buffer.from(Array.from({ length }, (_, i) => i % 256));
}

function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected an error');
    },
    (error: unknown) => error,
  );
}

describe.each(MODEM_CASES)('ModemSocketTransport: $name', (modem) => {
  it('delivers a short frame, returns the reply and uses at most 5 AT commands once the context is up', async () => {
    const cloud = await server(cloudServer());
    const r = await rig(modem, cloud);
    await firstValueFrom(r.transport.exchange$({ host: CLOUD_HOST, port: CLOUD_PORT, payload: Buffer.from('warm-up') }));
    const frame = Buffer.from('{"k":"abcdefgh","d":"hello","t":["TOPIC 1"]}\r\r');
    await r.engine.command('AT'); // the warm-up's socket release has run
    const from = r.sim.received.commands.length;
    const reply = await firstValueFrom(r.transport.exchange$({ host: CLOUD_HOST, port: CLOUD_PORT, payload: frame }));
    expect(reply.toString()).toBe('[0,0]');
    const commands = await r.commandsSince(from);
    expect(commands.length).toBeLessThanOrEqual(5);
    expect(r.sim.received.socketWrites.at(-1)?.bytes).toEqual(frame);
    if (modem.vendor === 'u-blox') {
      expect(commands).toEqual([
        'AT+USOCR=6',
        'AT+USOCO=0,"cloudsocket.hologram.io",9999',
        `AT+USOWR=0,${frame.length},"${frame.toString('hex').toUpperCase()}"`,
        'AT+USORD=0,5',
      ]);
    } else if (modem.transport?.accessMode === 'push') {
      expect(commands).toEqual(['AT+QIOPEN=1,0,"TCP","cloudsocket.hologram.io",9999,0,1', `AT+QISEND=0,${frame.length}`, 'AT+QICLOSE=0']);
    } else {
      expect(commands).toEqual([
        'AT+QIOPEN=1,0,"TCP","cloudsocket.hologram.io",9999,0,0',
        `AT+QISEND=0,${frame.length}`,
        'AT+QIRD=0,1500',
        'AT+QIRD=0,1500',
        'AT+QICLOSE=0',
      ]);
    }
  });

  it('delivers every byte value exactly, in a payload larger than one write', async () => {
    const payload = allBytes(3000);
    const cloud = await server(cloudServer(payload.length));
    const r = await rig(modem, cloud);
    const connection = cloud.nextConnection();
    const reply = await firstValueFrom(r.transport.exchange$({ host: CLOUD_HOST, port: CLOUD_PORT, payload }));
    expect(reply.toString()).toBe('[0,0]');
    expect(await receivedBytes(cloud.received, payload.length, await connection)).toEqual(payload);
    const writes = r.sim.received.socketWrites.map((w) => w.bytes.length);
    expect(writes).toEqual(modem.vendor === 'u-blox' ? [512, 512, 512, 512, 512, 440] : [1460, 1460, 80]);
  });

  it('returns a binary reply larger than one read, byte-exact', async () => {
    const answer = allBytes(2600);
    const target = await server(
      startServer((socket) => socket.once('data', () => socket.end(answer))),
    );
    const r = await rig(modem);
    const reply = await firstValueFrom(r.transport.exchange$({ host: '127.0.0.1', port: target.port, payload: Buffer.from([0]) }));
    expect(reply).toEqual(answer);
  });

  it('keeps reply data that arrives before the write completes', async () => {
    const payload = allBytes(4000);
    const target = await server(
      startServer((socket) => {
        let count = 0;
        socket.on('data', (bytes) => {
          if (count === 0) socket.write('[0,');
          count += bytes.length;
          if (count >= payload.length) socket.end('0]');
        });
      }),
    );
    const r = await rig(modem);
    const reply = await firstValueFrom(r.transport.exchange$({ host: '127.0.0.1', port: target.port, payload }));
    expect(reply.toString()).toBe('[0,0]');
  });

  it('ignores URCs about other sockets', async () => {
    const target = await server(startServer());
    const r = await rig(modem);
    const accepted = target.nextConnection();
    const reply = firstValueFrom(r.transport.exchange$({ host: '127.0.0.1', port: target.port, payload: Buffer.from('x') }));
    const socket = await accepted;
    await receivedBytes(target.received, 1, socket);
    r.sim.injectURC(modem.vendor === 'u-blox' ? '+UUSOCL: 5' : '+QIURC: "closed",5');
    r.sim.injectURC(modem.vendor === 'u-blox' ? '+UUSORD: 5,10' : '+QIURC: "recv",5');
    socket.end('done');
    expect((await reply).toString()).toBe('done');
  });

  it('errors with a typed timeout when the peer never closes, and closes the socket', async () => {
    const target = await server(startServer());
    const r = await rig(modem);
    const accepted = target.nextConnection();
    const error = await errorOf(
      firstValueFrom(r.transport.exchange$({ host: '127.0.0.1', port: target.port, payload: Buffer.from('ping'), replyTimeoutMs: 300 })),
    );
    expect(error).toBeInstanceOf(ModemSocketError);
    expect(error).toMatchObject({ vendor: modem.vendor, stage: 'read', timedOut: true, socketId: 0 });
    // To the delivery pipeline it is a transport failure like a host TCP one.
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'timeout', phase: 'reply', address: `127.0.0.1:${target.port}` });
    await closed(await accepted);
    const commands = await r.commandsSince(0);
    expect(commands).toContain(modem.vendor === 'u-blox' ? 'AT+USOCL=0' : 'AT+QICLOSE=0');
  });

  it('ends as soon as a whole cloud reply has arrived from a peer that never closes, and closes the socket', async () => {
    // The server answers [0,0] and keeps the connection open; the reply timeout is far away.
    const target = await server(startServer((socket) => socket.once('data', () => socket.write('[0,0]'))));
    const r = await rig(modem);
    const accepted = target.nextConnection();
    const started = Date.now();
    const reply = await firstValueFrom(
      r.transport.exchange$({
        host: '127.0.0.1',
        port: target.port,
        payload: Buffer.from('{"k":"abcdefgh","d":"x"}\r\r'),
        replyTimeoutMs: 60_000,
        replyComplete: isCompleteCloudResponse,
      }),
    );
    expect(reply.toString()).toBe('[0,0]');
    expect(Date.now() - started).toBeLessThan(30_000);
    await closed(await accepted);
    const commands = await r.commandsSince(0);
    expect(commands.at(-1)).toBe(modem.vendor === 'u-blox' ? 'AT+USOCL=0' : 'AT+QICLOSE=0');
  });

  it('runs back-to-back exchanges that end on a whole reply, each on its own socket', async () => {
    // The next exchange starts while the previous completes: its socket must not be the one closed.
    const target = await server(startServer((socket) => socket.once('data', () => socket.end('[0,0]'))));
    const r = await rig(modem);
    const request = { host: '127.0.0.1', port: target.port, payload: Buffer.from('ping'), replyComplete: isCompleteCloudResponse };
    const replies = await lastValueFrom(from([1, 2, 3]).pipe(concatMap(() => r.transport.exchange$(request)), toArray()));
    expect(replies.map(String)).toEqual(['[0,0]', '[0,0]', '[0,0]']);
  });

  it('never closes by id a socket the peer closed after a whole reply (u-blox may reuse the id at once)', async () => {
    const target = await server(startServer((socket) => socket.once('data', () => socket.end('[0,0]'))));
    // The linger runs on virtual time; the TCP, the modem and its URCs stay real.
    const clock = new VirtualTimeScheduler();
    const r = await rig(modem, undefined, { scheduler: clock });
    const request = { host: '127.0.0.1', port: target.port, payload: Buffer.from('ping'), replyComplete: isCompleteCloudResponse };
    const from = r.sim.received.commands.length;
    const peerClosed = modem.vendor === 'u-blox' ? firstValueFrom(r.engine.urc$.pipe(filter((urc) => urc.line.startsWith('+UUSOCL')))) : undefined;
    expect(String(await firstValueFrom(r.transport.exchange$(request)))).toBe('[0,0]');
    await peerClosed;
    // Past the u-blox linger: a close sent by then would be in the log.
    clock.flush();
    await r.engine.command('AT');
    const commands = await r.commandsSince(from);
    if (modem.vendor === 'u-blox') expect(commands.filter((command) => command.startsWith('AT+USOCL'))).toEqual([]);
    else expect(commands).toContain('AT+QICLOSE=0'); // Quectel ids are the host's: closing is always safe
  });

  it('closes the modem socket on unsubscribe', async () => {
    const target = await server(startServer());
    const r = await rig(modem);
    const accepted = target.nextConnection();
    const subscription = r.transport.exchange$({ host: '127.0.0.1', port: target.port, payload: Buffer.from('ping') }).subscribe();
    const socket = await accepted;
    await receivedBytes(target.received, 4, socket);
    subscription.unsubscribe();
    await closed(socket);
    const commands = await r.commandsSince(0);
    expect(commands.at(-1)).toBe(modem.vendor === 'u-blox' ? 'AT+USOCL=0' : 'AT+QICLOSE=0');
  });

  it('fails connect with a typed error carrying the modem error code', async () => {
    const gone = await startServer();
    const port = gone.port;
    await gone.close();
    const r = await rig(modem);
    const error = await errorOf(firstValueFrom(r.transport.exchange$({ host: '127.0.0.1', port, payload: Buffer.from('x') })));
    expect(error).toBeInstanceOf(ModemSocketError);
    expect(error).toMatchObject({ vendor: modem.vendor, stage: 'connect', cmeError: modem.vendor === 'u-blox' ? 3 : 566 });
    expect(error).toMatchObject({ kind: 'failed', phase: 'connect', address: `127.0.0.1:${port}` });
    // The socket id is given back (once the release command has run): the next exchange gets it.
    await r.engine.command('AT');
    const cloud = await server(cloudServer());
    await firstValueFrom(r.transport.exchange$({ host: '127.0.0.1', port: cloud.port, payload: Buffer.from('y') }));
    const commands = await r.commandsSince(0);
    expect(commands.filter((c) => /^AT\+(USOCO|QIOPEN)=/.test(c)).map((c) => c.slice(0, 13))).toEqual(
      modem.vendor === 'u-blox' ? ['AT+USOCO=0,"1', 'AT+USOCO=0,"1'] : ['AT+QIOPEN=1,0', 'AT+QIOPEN=1,0'],
    );
  });

  it('fails with a typed error when the context is down', async () => {
    const cloud = await server(cloudServer());
    const r = await rig(modem, cloud);
    await lastValueFrom(r.pdp.deactivate$());
    const error = await errorOf(firstValueFrom(r.transport.exchange$({ host: CLOUD_HOST, port: CLOUD_PORT, payload: Buffer.from('x') })));
    expect(error).toBeInstanceOf(ModemSocketError);
    expect((error as ModemSocketError).stage).toBe('connect');
  });

  it('runs one connection per message and leaves none open', async () => {
    const cloud = await server(cloudServer());
    const r = await rig(modem, cloud);
    for (let i = 0; i < 5; i++) {
      const reply = await firstValueFrom(r.transport.exchange$({ host: CLOUD_HOST, port: CLOUD_PORT, payload: Buffer.from(`m${i}`) }));
      expect(reply.toString()).toBe('[0,0]');
    }
    await r.commandsSince(0);
    expect(cloud.received.map((b) => b.toString())).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(cloud.connections).toHaveLength(5);
    await Promise.all(cloud.connections.map((socket) => closed(socket)));
  });
});

describe('ModemSocketTransport: arguments', () => {
  it('refuses bad requests with errors naming the value', async () => {
    const r = await rig(MODEM_CASES[0]);
    const exchange = (request: object) => () => r.transport.exchange$({ host: 'h', port: 1, payload: Buffer.from('x'), ...request });
    expect(exchange({ host: 'a"b' })).toThrow(InvalidArgumentError);
    expect(exchange({ host: 'a"b' })).toThrow(/a\\"b/);
    expect(exchange({ port: 0 })).toThrow(/port must be a port number from 1 to 65535, got 0/);
    expect(exchange({ payload: Buffer.alloc(0) })).toThrow(/payload/);
    expect(exchange({ replyTimeoutMs: -1 })).toThrow(/replyTimeoutMs/);
  });
});
