import * as net from 'node:net';

/**
 * One socket of the simulated modem, backed by a REAL TCP connection (or listener) opened by the
 * simulator, so bytes the SDK writes through the modem reach a real server. Received bytes wait in
 * the modem's buffer until the host reads them, as on the real units. This file and nothing else in
 * the simulator touches `node:net`.
 */
export type SocketState = 'created' | 'connecting' | 'connected' | 'listening' | 'closed';

export interface SocketListener {
  /** Bytes arrived; `wasEmpty` tells whether the modem's buffer was empty before. */
  data(socket: SimulatedSocket, bytes: Buffer, wasEmpty: boolean): void;
  /** The peer closed (or the connection failed) after it was established. */
  peerClosed(socket: SimulatedSocket): void;
}

export class SimulatedSocket {
  state: SocketState = 'created';
  /** The peer has closed; buffered bytes remain readable. */
  peerClosed = false;
  totalReceived = 0;
  totalRead = 0;
  totalSent = 0;
  /** Quectel: the PDP context the socket was opened on, and push (1) or buffer (0) access mode. */
  contextId = 1;
  accessMode = 0;
  /** For a listener: the port the host asked for, and the real one it is bound to. */
  modemPort?: number;
  #chunks: Buffer[] = [];
  #tcp?: net.Socket;
  #server?: net.Server;

  constructor(readonly id: number) {}

  get pending(): number {
    return this.totalReceived - this.totalRead;
  }

  get remoteAddress(): { address: string; port: number } | undefined {
    const tcp = this.#tcp;
    if (!tcp?.remoteAddress || tcp.remotePort === undefined) return undefined;
    return { address: tcp.remoteAddress.replace(/^::ffff:/, ''), port: tcp.remotePort };
  }

  get listenAddress(): net.AddressInfo | undefined {
    const address = this.#server?.address();
    return address && typeof address === 'object' ? address : undefined;
  }

  /** Opens the real TCP connection; resolves when connected, rejects if it cannot be. */
  connect(host: string, port: number, listener: SocketListener): Promise<void> {
    this.state = 'connecting';
    const tcp = net.connect({ host, port });
    this.#tcp = tcp;
    return new Promise<void>((resolve, reject) => {
      const failed = (error: Error): void => {
        this.state = 'closed';
        this.#tcp = undefined;
        tcp.destroy();
        reject(error);
      };
      const aborted = (): void => failed(new Error(`socket ${this.id} closed while connecting`));
      tcp.once('error', failed);
      tcp.once('close', aborted);
      tcp.once('connect', () => {
        tcp.off('error', failed);
        tcp.off('close', aborted);
        this.adopt(tcp, listener);
        resolve();
      });
    });
  }

  /** Takes over an accepted connection. */
  adopt(tcp: net.Socket, listener: SocketListener): void {
    this.#tcp = tcp;
    this.state = 'connected';
    tcp.setNoDelay(true);
    tcp.on('data', (bytes: Buffer) => {
      const wasEmpty = this.pending === 0;
      this.#chunks.push(bytes);
      this.totalReceived += bytes.length;
      listener.data(this, bytes, wasEmpty);
    });
    // A reset or error is a close as far as the modem is concerned.
    tcp.on('error', () => undefined);
    tcp.once('close', () => {
      if (this.state === 'closed') return;
      this.peerClosed = true;
      listener.peerClosed(this);
    });
    tcp.once('end', () => tcp.end());
  }

  /** Listens on `host:port` (0 = any free port); `accepted` gets each inbound connection. */
  listen(host: string, port: number, accepted: (tcp: net.Socket) => void): Promise<void> {
    const server = net.createServer({ pauseOnConnect: false }, accepted);
    this.#server = server;
    return new Promise<void>((resolve, reject) => {
      server.once('error', (error) => {
        this.#server = undefined;
        reject(error);
      });
      server.listen(port, host, () => {
        this.state = 'listening';
        resolve();
      });
    });
  }

  /** Takes up to `max` buffered bytes. */
  read(max: number): Buffer {
    const out: Buffer[] = [];
    let wanted = max;
    while (wanted > 0 && this.#chunks.length > 0) {
      const head = this.#chunks[0];
      if (head.length <= wanted) {
        out.push(head);
        this.#chunks.shift();
        wanted -= head.length;
      } else {
        out.push(head.subarray(0, wanted));
        this.#chunks[0] = head.subarray(wanted);
        wanted = 0;
      }
    }
    const bytes = Buffer.concat(out);
    this.totalRead += bytes.length;
    return bytes;
  }

  get writable(): boolean {
    return this.state === 'connected' && !this.peerClosed && this.#tcp !== undefined && !this.#tcp.destroyed;
  }

  /** Writes to the peer; resolves once the bytes are handed to the kernel. */
  write(bytes: Buffer): Promise<void> {
    const tcp = this.#tcp;
    if (!tcp || !this.writable) return Promise.reject(new Error(`socket ${this.id} is not connected`));
    this.totalSent += bytes.length;
    return new Promise<void>((resolve, reject) => tcp.write(bytes, (error) => (error ? reject(error) : resolve())));
  }

  /** Releases the connection or listener; the socket can no longer be used. */
  close(): Promise<void> {
    this.state = 'closed';
    this.#chunks = [];
    const closing: Promise<void>[] = [];
    const tcp = this.#tcp;
    if (tcp && !tcp.destroyed) {
      closing.push(new Promise<void>((resolve) => tcp.once('close', () => resolve())));
      tcp.destroy();
    }
    const server = this.#server;
    if (server?.listening) closing.push(new Promise<void>((resolve) => server.close(() => resolve())));
    this.#tcp = undefined;
    this.#server = undefined;
    return Promise.all(closing).then(() => undefined);
  }
}

/** The modem's socket ids: handed out lowest-first (u-blox) or chosen by the host (Quectel). */
export class SocketTable {
  readonly #sockets = new Map<number, SimulatedSocket>();
  readonly #closing = new Set<Promise<void>>();

  constructor(readonly size: number) {}

  allocate(): SimulatedSocket | undefined {
    for (let id = 0; id < this.size; id++) {
      if (!this.#sockets.has(id)) return this.create(id);
    }
    return undefined;
  }

  /** Creates socket `id`, or `undefined` if the id is out of range or in use. */
  create(id: number): SimulatedSocket | undefined {
    if (id < 0 || id >= this.size || this.#sockets.has(id)) return undefined;
    const socket = new SimulatedSocket(id);
    this.#sockets.set(id, socket);
    return socket;
  }

  get(id: number | undefined): SimulatedSocket | undefined {
    return id === undefined ? undefined : this.#sockets.get(id);
  }

  all(): SimulatedSocket[] {
    return [...this.#sockets.values()];
  }

  /** Frees the id and releases the connection in the background (`closeAll` waits for it). */
  remove(id: number): void {
    const socket = this.#sockets.get(id);
    if (!socket) return;
    this.#sockets.delete(id);
    const closing = socket.close();
    this.#closing.add(closing);
    void closing.finally(() => this.#closing.delete(closing));
  }

  async closeAll(): Promise<void> {
    for (const id of [...this.#sockets.keys()]) this.remove(id);
    await Promise.all([...this.#closing]);
  }
}
