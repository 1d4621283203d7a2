import { connect, createServer, type Socket } from 'node:net';
import { firstValueFrom, take, toArray, VirtualTimeScheduler } from 'rxjs';
import { InboundListener, receiveMessages } from '../../lib/inbound/inbound-listener';
import { InboundListenError } from '../../lib/inbound/inbound-listen-error';
import { InboundMessageTooLargeError } from '../../lib/receiving/inbound-message-too-large-error';
import { InboundConnectionDroppedError } from '../../lib/receiving/inbound-connection-dropped-error';
import { InboundListenerFullError } from '../../lib/inbound/inbound-listener-full-error';
import { InvalidArgumentError } from '../../lib/errors';

/** Real TCP on the loopback interface. */
const listeners: InboundListener[] = [];
afterEach(async () => {
  await Promise.all(listeners.splice(0).map((listener) => listener.close()));
});

async function listen(options: Parameters<typeof InboundListener.listen>[0] = {}) {
  const listener = await InboundListener.listen({ host: '127.0.0.1', port: 0, ...options });
  listeners.push(listener);
  return listener;
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Writes each part, then closes (one message per connection). */
async function send(port: number, ...parts: (string | Buffer)[]): Promise<Socket> {
  const socket = await open(port);
  for (const part of parts) socket.write(part);
  socket.end();
  return socket;
}

/** Resolves once `condition` holds (checked every 5 ms); fails after 5 s instead of hanging. */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 5000) throw new Error('condition not met within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const isFull = (error: Error) => error instanceof InboundListenerFullError;

const closed = (socket: Socket) => new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));

describe('InboundListener', () => {
  it('binds port 0 to a free port and exposes it', async () => {
    const listener = await listen();
    expect(listener.port).toBeGreaterThan(0);
    expect(listener.host).toBe('127.0.0.1');
  });

  it('receives one message per connection from several concurrent senders', async () => {
    const listener = await listen();
    const received = firstValueFrom(listener.receive$.pipe(take(5), toArray()));
    const sockets = await Promise.all([0, 1, 2, 3, 4].map(() => open(listener.port)));
    const ports = sockets.map((socket) => socket.localPort).sort();
    // Interleave the writes so the messages are in flight at the same time.
    sockets.forEach((socket, i) => socket.write(`msg ${i} part 1;`));
    sockets.forEach((socket, i) => socket.end(`msg ${i} part 2 ✓`));
    const messages = await received;
    expect(messages.map((message) => message.text).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `msg ${i} part 1;msg ${i} part 2 ✓`));
    expect(messages.map((message) => message.remotePort).sort()).toEqual(ports);
    for (const message of messages) {
      expect(message.remoteAddress).toBe('127.0.0.1');
      expect(message.data.equals(Buffer.from(message.text, 'utf8'))).toBe(true);
      expect(typeof message.receivedAt).toBe('number');
    }
  });

  it('keeps binary data intact', async () => {
    const listener = await listen();
    const bytes = Buffer.from([0, 1, 2, 0xff, 0xfe, 0x1a, 0x0d, 0x0d]);
    const received = firstValueFrom(listener.receive$);
    await send(listener.port, bytes);
    expect((await received).data.equals(bytes)).toBe(true);
  });

  it('completes a message after the idle timeout when the peer never closes, then closes the connection', async () => {
    const listener = await listen({ idleTimeoutMs: 150 });
    const received = firstValueFrom(listener.receive$);
    const socket = await open(listener.port);
    socket.write('still open');
    expect((await received).text).toBe('still open');
    await closed(socket);
  });

  it('drops an oversize message, closes its connection, reports it and keeps receiving', async () => {
    const listener = await listen({ maxMessageBytes: 1000 });
    const rejected = firstValueFrom(listener.rejected$);
    const big = await open(listener.port);
    big.on('error', () => undefined); // the listener resets it
    big.write(Buffer.alloc(600, 'a'));
    big.write(Buffer.alloc(600, 'b'));
    const error = await rejected;
    expect(error).toBeInstanceOf(InboundMessageTooLargeError);
    expect(error).toMatchObject({ maxMessageBytes: 1000, remoteAddress: '127.0.0.1', remotePort: big.localPort });
    expect((error as InboundMessageTooLargeError).receivedBytes).toBeGreaterThan(1000);
    await closed(big);

    const received = firstValueFrom(listener.receive$);
    await send(listener.port, Buffer.alloc(1000, 'c'));
    expect((await received).data.length).toBe(1000);
  });

  it('emits nothing for a connection that sends nothing', async () => {
    const listener = await listen();
    const texts: string[] = [];
    listener.receive$.subscribe((message) => texts.push(message.text));
    await closed(await send(listener.port));
    const received = firstValueFrom(listener.receive$);
    await send(listener.port, 'after');
    expect((await received).text).toBe('after');
    expect(texts).toEqual(['after']);
  });

  it('close() destroys open connections, releases the port and completes receive$', async () => {
    const listener = await InboundListener.listen({ host: '127.0.0.1', port: 0 });
    const port = listener.port;
    let completed = false;
    const texts: string[] = [];
    listener.receive$.subscribe({ next: (message) => texts.push(message.text), complete: () => (completed = true) });
    const sockets = await Promise.all([open(port), open(port)]);
    sockets[0]!.write('partial');
    await new Promise((resolve) => setImmediate(resolve));
    await listener.close();
    await Promise.all(sockets.map(closed));
    expect(completed).toBe(true);
    expect(texts).toEqual([]);
    // The port is free again.
    const again = await InboundListener.listen({ host: '127.0.0.1', port });
    listeners.push(again);
    expect(again.port).toBe(port);
  });

  it('refuses a port in use with InboundListenError naming the port', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const error = await InboundListener.listen({ host: '127.0.0.1', port }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InboundListenError);
      expect(error).toMatchObject({ host: '127.0.0.1', port, code: 'EADDRINUSE' });
      expect((error as Error).message).toContain(`port ${port} is already in use`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('closes a connection that sends nothing within the first-byte timeout and reports it', async () => {
    const listener = await listen({ firstByteTimeoutMs: 100 });
    const rejected = firstValueFrom(listener.rejected$);
    const silent = await open(listener.port);
    const error = await rejected;
    expect(error).toBeInstanceOf(InboundConnectionDroppedError);
    expect(error).toMatchObject({ reason: 'no-data', silentMs: 100, remoteAddress: '127.0.0.1', remotePort: silent.localPort });
    await closed(silent);
  });

  it('past maxConnections, a new connection takes the place of the oldest silent one (reported), and its message arrives', async () => {
    const listener = await listen({ maxConnections: 3 });
    const rejected: Error[] = [];
    listener.rejected$.subscribe((error) => rejected.push(error));
    const silent: Socket[] = [];
    for (let i = 0; i < 3; i++) {
      silent.push(await open(listener.port));
      await new Promise((resolve) => setTimeout(resolve, 10)); // so they are accepted in this order
    }
    // Just opened, none can make room yet: the listener stops for the 50 ms grace, then listens again.
    await until(() => rejected.some(isFull));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const oldestPort = silent[0]!.localPort;
    const received = firstValueFrom(listener.receive$);
    await send(listener.port, 'a real sender');
    expect((await received).text).toBe('a real sender');
    await closed(silent[0]!);
    const drops = rejected.filter((error) => !isFull(error));
    expect(drops).toHaveLength(1);
    expect(drops[0]).toBeInstanceOf(InboundConnectionDroppedError);
    expect(drops[0]).toMatchObject({ reason: 'evicted', remotePort: oldestPort });
    expect(drops[0]).toMatchObject({ silentMs: expect.any(Number) });
    expect((drops[0] as InboundConnectionDroppedError).silentMs).toBeGreaterThanOrEqual(50);
    expect(silent.slice(1).every((socket) => !socket.destroyed)).toBe(true);
  });

  it('full of connections that are all receiving, it stops listening (senders are refused) and listens again once one finishes', async () => {
    const listener = await listen({ maxConnections: 2 });
    const rejected: Error[] = [];
    listener.rejected$.subscribe((error) => rejected.push(error));
    const busy = await Promise.all([open(listener.port), open(listener.port)]);
    busy.forEach((socket, i) => socket.write(`part of message ${i};`));
    await until(() => rejected.some(isFull));
    const full = rejected[0];
    expect(full).toBeInstanceOf(InboundListenerFullError);
    expect(full).toMatchObject({ maxConnections: 2, port: listener.port });
    await expect(open(listener.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    const received = firstValueFrom(listener.receive$.pipe(take(2), toArray()));
    busy[0]!.end('done');
    // Listening again: a retrying sender gets through.
    let late: Socket | undefined;
    for (let attempt = 0; late === undefined && attempt < 100; attempt += 1) {
      late = await open(listener.port).catch(() => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 10)));
    }
    late!.end('after the wait');
    expect((await received).map((m) => m.text).sort()).toEqual(['after the wait', 'part of message 0;done']);
    // Nothing dropped: only the listener saying it was full (again once the late sender filled it).
    expect(rejected.length).toBeGreaterThanOrEqual(1);
    expect(rejected.every((error) => error instanceof InboundListenerFullError)).toBe(true);
    busy[1]!.destroy();
  });

  it('when its port was taken while it was full, reports that and binds again once the port is free', async () => {
    const listener = await listen({ maxConnections: 1 });
    const rejected: Error[] = [];
    listener.rejected$.subscribe((error) => rejected.push(error));
    const busy = await open(listener.port);
    busy.write('first half;');
    await until(() => rejected.some(isFull)); // full: it stopped listening
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(listener.port, '127.0.0.1', resolve));
    const received = firstValueFrom(listener.receive$);
    busy.end('second half');
    expect((await received).text).toBe('first half;second half');
    await until(() => rejected.length > 1); // its attempt to listen again, on the taken port
    expect(rejected[1]).toBeInstanceOf(InboundListenError);
    expect(rejected[1]).toMatchObject({ code: 'EADDRINUSE', port: listener.port });
    await new Promise((resolve) => blocker.close(resolve));
    // Tried again after a second: a retrying sender gets through.
    const next = firstValueFrom(listener.receive$);
    let late: Socket | undefined;
    for (let attempt = 0; late === undefined && attempt < 150; attempt += 1) {
      late = await open(listener.port).catch(() => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 20)));
    }
    late!.end('back');
    expect((await next).text).toBe('back');
  });

  it('close() while waiting to bind again (its port taken) cancels the retry and completes the streams', async () => {
    // The retry's timer runs on virtual time; the sockets and the port are real.
    const clock = new VirtualTimeScheduler();
    const listener = await InboundListener.listen({ host: '127.0.0.1', port: 0, maxConnections: 1, scheduler: clock });
    const rejected: Error[] = [];
    let completed = false;
    listener.rejected$.subscribe({ next: (error) => rejected.push(error), complete: () => (completed = true) });
    const busy = await open(listener.port);
    busy.write('x');
    await until(() => rejected.some(isFull));
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(listener.port, '127.0.0.1', resolve));
    busy.end();
    await until(() => rejected.length >= 2);
    expect(rejected[1]).toBeInstanceOf(InboundListenError);
    await listener.close();
    expect(completed).toBe(true);
    await new Promise((resolve) => blocker.close(resolve));
    // Past the time of the retry: the closed listener did not take the port back (a retry binds at once).
    clock.flush();
    const again = await listen({ port: listener.port });
    expect(again.port).toBe(listener.port);
  });

  it('refuses bad options with InvalidArgumentError', async () => {
    await expect(InboundListener.listen({ port: 70000 })).rejects.toThrow(InvalidArgumentError);
    await expect(InboundListener.listen(null as never)).rejects.toThrow(new InvalidArgumentError('options', 'options must be an object of options, got null'));
    await expect(InboundListener.listen({ port: 10n as never })).rejects.toThrow('port must be a port number from 0 (any free port) to 65535, got 10n');
    await expect(InboundListener.listen({ host: 5 as never })).rejects.toThrow('host must be a non-empty string, got 5');
    await expect(InboundListener.listen({ port: 0, idleTimeoutMs: 0 })).rejects.toThrow(/idleTimeoutMs/);
    await expect(InboundListener.listen({ port: 0, firstByteTimeoutMs: -5 })).rejects.toThrow(/firstByteTimeoutMs must be a number of milliseconds above 0 up to \d+ .*, got -5/);
    await expect(InboundListener.listen({ port: 0, maxConnections: 2.5 })).rejects.toThrow(/maxConnections must be a whole number from 1, got 2.5/);
  });
});

describe('receiveMessages', () => {
  it('listens on subscribe and frees the port on unsubscribe', async () => {
    const probe = await InboundListener.listen({ host: '127.0.0.1', port: 0 });
    const port = probe.port;
    await probe.close();

    const first = firstValueFrom(receiveMessages({ host: '127.0.0.1', port }));
    // Wait until it listens: retry connecting until accepted.
    let socket: Socket | undefined;
    for (let attempt = 0; socket === undefined && attempt < 100; attempt += 1) {
      socket = await open(port).catch(() => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 20)));
    }
    socket!.end('cold hello');
    expect((await first).text).toBe('cold hello');
    // firstValueFrom unsubscribed: the port is free.
    let again: InboundListener | undefined;
    for (let attempt = 0; again === undefined && attempt < 100; attempt += 1) {
      again = await InboundListener.listen({ host: '127.0.0.1', port }).catch(() => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 20)));
    }
    expect(again?.port).toBe(port);
    listeners.push(again!);
  });

  it('errors with InboundListenError when the port is taken', async () => {
    const holder = await listen();
    await expect(firstValueFrom(receiveMessages({ host: '127.0.0.1', port: holder.port }))).rejects.toBeInstanceOf(InboundListenError);
  });
});
