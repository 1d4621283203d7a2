import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { firstValueFrom, lastValueFrom, VirtualTimeScheduler } from 'rxjs';
import { isCompleteCloudResponse } from '../../lib/cloud/cloud-response';
import { TcpTransport } from '../../lib/cloud/tcp-transport';
import { TransportError } from '../../lib/cloud/transport-error';

/** A real in-process TCP server whose behaviour per connection each test sets. */
async function startServer(onConnection: (socket: Socket) => void): Promise<{ server: Server; port: number; received: Buffer[] }> {
  const received: Buffer[] = [];
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('error', () => undefined);
    // Half-open allowed so a test can answer after the client's FIN; close once the client has.
    socket.on('end', () => socket.end());
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, received };
}

const connections = (server: Server): Promise<number> =>
  new Promise((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count))));

/** Waits until the server has no open connection left: every socket of the exchange is gone. */
async function drained(server: Server): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if ((await connections(server)) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the server still has ${await connections(server)} open connection(s)`);
}

const closeServer = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

async function failure(promise: Promise<unknown>): Promise<TransportError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TransportError);
    return error as TransportError;
  }
  throw new Error('expected the exchange to fail');
}

describe('TcpTransport', () => {
  const payload = Buffer.from('{"k":"abcdefgh","d":"x"}\r\r');
  let server: Server | undefined;
  afterEach(async () => {
    if (server !== undefined) await closeServer(server);
    server = undefined;
  });

  it('writes the payload and emits everything read until the peer closes', async () => {
    const started = await startServer((socket) => socket.once('data', () => socket.end('[0,0]')));
    server = started.server;
    const reply = await firstValueFrom(new TcpTransport().exchange$({ host: '127.0.0.1', port: started.port, payload }));
    expect(reply.toString()).toBe('[0,0]');
    expect(Buffer.concat(started.received).toString()).toBe(payload.toString());
    await drained(started.server);
  });

  it('reads a big reply in many chunks until close', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 'r');
    const started = await startServer((socket) => socket.once('data', () => socket.end(big)));
    server = started.server;
    const reply = await firstValueFrom(new TcpTransport().exchange$({ host: '127.0.0.1', port: started.port, payload }));
    expect(reply.equals(big)).toBe(true);
    await drained(started.server);
  });

  it('waits for a slow reply within the timeout', async () => {
    const started = await startServer((socket) => socket.once('data', () => setTimeout(() => socket.end('[0,0]'), 200)));
    server = started.server;
    const reply = await firstValueFrom(new TcpTransport().exchange$({ host: '127.0.0.1', port: started.port, payload }));
    expect(reply.toString()).toBe('[0,0]');
  });

  it('emits an empty reply when the peer closes without answering', async () => {
    const started = await startServer((socket) => socket.once('data', () => socket.end()));
    server = started.server;
    const reply = await firstValueFrom(new TcpTransport().exchange$({ host: '127.0.0.1', port: started.port, payload }));
    expect(reply.length).toBe(0);
    await drained(started.server);
  });

  it('fails with refused when nothing listens', async () => {
    const started = await startServer(() => undefined);
    const port = started.port;
    await closeServer(started.server);
    const error = await failure(firstValueFrom(new TcpTransport().exchange$({ host: '127.0.0.1', port, payload })));
    expect(error).toMatchObject({ kind: 'refused', phase: 'connect', code: 'ECONNREFUSED', address: `127.0.0.1:${port}` });
  });

  it('fails with reset when the peer aborts', async () => {
    const started = await startServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    server = started.server;
    const error = await failure(firstValueFrom(new TcpTransport().exchange$({ host: '127.0.0.1', port: started.port, payload })));
    expect(error).toMatchObject({ kind: 'reset', phase: 'reply' });
    await drained(started.server);
  });

  it('times out waiting for the reply, closing the socket (virtual clock)', async () => {
    const scheduler = new VirtualTimeScheduler();
    let gotPayload!: () => void;
    const payloadArrived = new Promise<void>((resolve) => (gotPayload = resolve));
    const started = await startServer((socket) => socket.once('data', () => gotPayload()));
    server = started.server;
    const result = lastValueFrom(
      new TcpTransport({ scheduler }).exchange$({ host: '127.0.0.1', port: started.port, payload, replyTimeoutMs: 5000 }),
    );
    await payloadArrived;
    scheduler.flush();
    const error = await failure(result);
    expect(error).toMatchObject({ kind: 'timeout', phase: 'reply' });
    await drained(started.server);
    expect(scheduler.actions).toHaveLength(0);
  });

  it('returns what was read when the reply timeout passes on a peer that keeps the connection open', async () => {
    const scheduler = new VirtualTimeScheduler();
    let answered!: () => void;
    const answer = new Promise<void>((resolve) => (answered = resolve));
    const started = await startServer((socket) => socket.once('data', () => socket.write('pong', () => answered())));
    server = started.server;
    const transport = new TcpTransport({ scheduler });
    const chunks: string[] = [];
    const done = new Promise<void>((resolve, reject) =>
      transport.exchange$({ host: '127.0.0.1', port: started.port, payload }).subscribe({
        next: (reply) => chunks.push(reply.toString()),
        error: reject,
        complete: resolve,
      }),
    );
    await answer;
    // Let the client read the bytes before the virtual deadline passes.
    for (let attempt = 0; attempt < 300 && chunks.length === 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      scheduler.flush();
    }
    await done;
    expect(chunks).toEqual(['pong']);
    await drained(started.server);
  });

  it('without replyComplete (tcp-other), ends once a server that answered stays silent for replyIdleMs, not at the reply timeout', async () => {
    const started = await startServer((socket) => socket.once('data', () => socket.write('pong'))); // never closes
    server = started.server;
    const begun = Date.now();
    const reply = await firstValueFrom(
      new TcpTransport().exchange$({ host: '127.0.0.1', port: started.port, payload, replyTimeoutMs: 5000, replyIdleMs: 50 }),
    );
    expect(reply.toString()).toBe('pong');
    expect(Date.now() - begun).toBeLessThan(2000);
    await drained(started.server);
  });

  describe('with replyComplete (a cloud reply), against a server that never closes', () => {
    const cloudReply = (reply: Buffer): boolean => isCompleteCloudResponse(reply);

    it('ends as soon as a whole [0,0] has arrived: the reply timeout never fires', async () => {
      // The virtual clock is never advanced: the exchange can only end by reading the reply.
      const scheduler = new VirtualTimeScheduler();
      const started = await startServer((socket) => socket.once('data', () => socket.write('[0,0]')));
      server = started.server;
      const reply = await firstValueFrom(
        new TcpTransport({ scheduler }).exchange$({ host: '127.0.0.1', port: started.port, payload, replyComplete: cloudReply }),
      );
      expect(reply.toString()).toBe('[0,0]');
      // The client closed the connection itself; its timer is released.
      await drained(started.server);
      expect(scheduler.actions).toHaveLength(0);
    });

    it('keeps reading while the reply is incomplete, and ends when the rest arrives', async () => {
      const scheduler = new VirtualTimeScheduler();
      let peer!: Socket;
      let firstPart!: () => void;
      const firstPartSent = new Promise<void>((resolve) => (firstPart = resolve));
      const started = await startServer((socket) => {
        peer = socket;
        socket.once('data', () => socket.write('[3,', () => firstPart()));
      });
      server = started.server;
      let completed = false;
      const result = lastValueFrom(
        new TcpTransport({ scheduler }).exchange$({ host: '127.0.0.1', port: started.port, payload, replyComplete: cloudReply }),
      ).finally(() => (completed = true));
      await firstPartSent;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(completed).toBe(false);
      peer.write('0]');
      expect((await result).toString()).toBe('[3,0]');
      await drained(started.server);
    });

    it('ends on a compact digit, as an SMS reply is', async () => {
      const scheduler = new VirtualTimeScheduler();
      const started = await startServer((socket) => socket.once('data', () => socket.write('0')));
      server = started.server;
      const reply = await firstValueFrom(
        new TcpTransport({ scheduler }).exchange$({ host: '127.0.0.1', port: started.port, payload, replyComplete: cloudReply }),
      );
      expect(reply.toString()).toBe('0');
      await drained(started.server);
    });
  });

  it('times out connecting, before the connection is up (virtual clock)', async () => {
    const scheduler = new VirtualTimeScheduler();
    const started = await startServer(() => undefined);
    server = started.server;
    const result = lastValueFrom(new TcpTransport({ scheduler }).exchange$({ host: '127.0.0.1', port: started.port, payload }));
    // The connect deadline fires synchronously, before the socket can connect.
    scheduler.flush();
    const error = await failure(result);
    expect(error).toMatchObject({ kind: 'timeout', phase: 'connect' });
    await drained(started.server);
  });

  it.each([
    ['shorter than', 1000, 5000],
    ['as long as', 5000, 5000],
    ['longer than', 8000, 3000],
  ])('times the reply from the connection, with a connect timeout %s the reply timeout (virtual clock)', async (_how, connectTimeoutMs, replyTimeoutMs) => {
    const scheduler = new VirtualTimeScheduler(undefined, 0);
    let gotPayload!: () => void;
    const payloadArrived = new Promise<void>((resolve) => (gotPayload = resolve));
    const started = await startServer((socket) => socket.once('data', () => gotPayload()));
    server = started.server;
    let failed: unknown;
    const subscription = new TcpTransport({ scheduler })
      .exchange$({ host: '127.0.0.1', port: started.port, payload, connectTimeoutMs, replyTimeoutMs })
      .subscribe({ error: (error: unknown) => (failed = error) });
    try {
      // Connected at virtual time 100: the reply deadline is 100 + replyTimeoutMs.
      scheduler.schedule(() => undefined, 100);
      scheduler.maxFrames = 100;
      scheduler.flush();
      await payloadArrived;
      expect(scheduler.frame).toBe(100);
      scheduler.maxFrames = 100 + replyTimeoutMs - 1;
      scheduler.flush();
      expect(failed).toBeUndefined();
      scheduler.maxFrames = 100 + replyTimeoutMs;
      scheduler.flush();
      expect(failed).toMatchObject({ kind: 'timeout', phase: 'reply' });
      expect(subscription.closed).toBe(true);
      expect(scheduler.actions).toHaveLength(0);
    } finally {
      subscription.unsubscribe();
    }
    await drained(started.server);
  });

  it('closes the connection and clears its timers when unsubscribed early', async () => {
    const scheduler = new VirtualTimeScheduler();
    let connected!: () => void;
    const connection = new Promise<void>((resolve) => (connected = resolve));
    const started = await startServer((socket) => socket.once('data', () => connected()));
    server = started.server;
    const subscription = new TcpTransport({ scheduler }).exchange$({ host: '127.0.0.1', port: started.port, payload }).subscribe();
    await connection;
    expect(scheduler.actions.length).toBe(1);
    subscription.unsubscribe();
    await drained(started.server);
    scheduler.flush();
    expect(scheduler.actions).toHaveLength(0);
  });

  it('is cold: nothing connects until subscribed, and each subscription is one connection', async () => {
    let count = 0;
    const started = await startServer((socket) => {
      count += 1;
      socket.once('data', () => socket.end('[0,0]'));
    });
    server = started.server;
    const exchange = new TcpTransport().exchange$({ host: '127.0.0.1', port: started.port, payload });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(count).toBe(0);
    await firstValueFrom(exchange);
    await firstValueFrom(exchange);
    expect(count).toBe(2);
  });
});
