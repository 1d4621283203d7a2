import * as net from 'node:net';

/** A real in-process TCP server for socket tests: records what it receives, answers as scripted. */
export interface TestServer {
  readonly port: number;
  readonly received: Buffer[];
  /** Server-side ends of accepted connections. */
  readonly connections: net.Socket[];
  /** Resolves with the next accepted connection. */
  nextConnection(): Promise<net.Socket>;
  close(): Promise<void>;
}

export async function startServer(onConnection: (socket: net.Socket, server: TestServer) => void = () => undefined): Promise<TestServer> {
  const received: Buffer[] = [];
  const connections: net.Socket[] = [];
  let waiting: ((socket: net.Socket) => void)[] = [];
  const server = net.createServer((socket) => {
    connections.push(socket);
    socket.on('data', (bytes) => received.push(bytes));
    socket.on('error', () => undefined);
    onConnection(socket, api);
    const waiters = waiting;
    waiting = [];
    for (const resolve of waiters) resolve(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const api: TestServer = {
    port: (server.address() as net.AddressInfo).port,
    received,
    connections,
    nextConnection: () => new Promise((resolve) => waiting.push(resolve)),
    close: async () => {
      const closing = connections.map((socket) => closed(socket));
      for (const socket of connections) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(closing);
    },
  };
  return api;
}

/** Resolves once `socket` has closed. */
export function closed(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => (socket.closed ? resolve() : socket.once('close', () => resolve())));
}

/** Resolves when `count` bytes have arrived in `received`. */
export async function receivedBytes(received: Buffer[], count: number, socket: net.Socket): Promise<Buffer> {
  while (Buffer.concat(received).length < count) {
    await new Promise((resolve) => socket.once('data', resolve));
  }
  return Buffer.concat(received);
}

/** Tries to connect; resolves with the error code, or 'connected'. */
export function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

/**
 * The TCP handles this process holds (sockets and servers), for leak checks. Counted after one turn
 * of the event loop: libuv releases a closed handle only in the loop's next close phase.
 */
export async function tcpHandles(): Promise<number> {
  // Settled: a handle an earlier test is still closing goes away within a few ticks, and must
  // not count as this test's baseline. A leaked handle stays, so the count still shows it.
  const count = (): number => process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP')).length;
  let last = -1;
  for (let tries = 0; tries < 20; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    const now = count();
    if (now === last) return now;
    last = now;
  }
  return last;
}
