import { connect, createServer, type Server, type Socket } from 'node:net';

/** What the proxy does with one exchange (one connection: the cloud socket takes one frame each). */
export type ExchangeFate = 'pass' | 'drop' | 'stall' | 'reset';

export interface FaultProxyOptions {
  /** Where the cloud listens. */
  readonly upstreamPort: number;
  /** Share of exchanges that meet a fault (default 1/4), split evenly between drop, stall and reset. */
  readonly faultShare?: number;
  /** How long a stalled exchange is held before it is closed (default 3000 ms, past the device's reply timeout). */
  readonly stallMs?: number;
  /** Random numbers in [0, 1) (seeded by the runner, so a run can be repeated). */
  readonly random: () => number;
}

/**
 * A misbehaving cloud: a TCP proxy in front of the CloudEmulator that passes most exchanges and
 * breaks one in four: **drop** closes the connection before reading it (the cloud never sees the
 * frame), **stall** reads it and answers nothing until long after the device stopped waiting, and
 * **reset** lets the cloud take the frame and then answers the device with a TCP reset instead of
 * the reply (the cloud has the message, the device does not know: it must send it again).
 */
export class FaultProxy {
  readonly counts: Record<ExchangeFate, number> = { pass: 0, drop: 0, stall: 0, reset: 0 };
  /** While false every exchange passes (the final drain). */
  faulty = true;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: FaultProxyOptions) {
    this.#server = createServer({ allowHalfOpen: true }, (client) => this.#exchange(client));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return this.port;
  }

  /** The port it listens on, once `listen()` resolved. */
  get port(): number {
    return (this.#server.address() as { port: number }).port;
  }

  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #fate(): ExchangeFate {
    const share = this.options.faultShare ?? 0.25;
    const roll = this.options.random();
    if (!this.faulty || roll >= share) return 'pass';
    return (['drop', 'stall', 'reset'] as const)[Math.floor((roll / share) * 3)];
  }

  #track(socket: Socket): Socket {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    socket.on('error', () => undefined); // a reset or a vanished peer is the point here
    return socket;
  }

  #exchange(client: Socket): void {
    const fate = this.#fate();
    this.counts[fate]++;
    this.#track(client);
    if (fate === 'drop') {
      client.destroy();
      return;
    }
    if (fate === 'stall') {
      client.resume(); // read and ignore
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        client.destroy();
      }, this.options.stallMs ?? 3000);
      this.#timers.add(timer);
      return;
    }
    const upstream = this.#track(connect({ port: this.options.upstreamPort, host: '127.0.0.1', allowHalfOpen: true }));
    client.pipe(upstream);
    if (fate === 'pass') {
      upstream.pipe(client);
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
      return;
    }
    // reset: the cloud has read the frame once it answers; the device gets a reset instead.
    upstream.once('data', () => {
      client.resetAndDestroy();
      upstream.destroy();
    });
    upstream.on('close', () => client.destroy());
  }
}
