import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { InboundListener } from '../../lib/inbound/inbound-listener';
import { tryOpen } from '../support/try-open';
import { InboundConnectionDroppedError } from '../../lib/receiving/inbound-connection-dropped-error';
import { InboundMessageTooLargeError } from '../../lib/receiving/inbound-message-too-large-error';
import { InboundListenerFullError } from '../../lib/inbound/inbound-listener-full-error';

/**
 * The inbound listener under a crowd, over real TCP on the loopback interface: 1,000 connections
 * that hold a slot and send nothing, or 1,000 that send random bytes. Each test opens about 1,100
 * sockets on each side in this one process (the file-descriptor limit here is `ulimit -n` 20000;
 * these tests need about 2,500).
 */
jest.setTimeout(60_000);

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const closed = (socket: Socket) => new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));

describe('InboundListener under load (real TCP)', () => {
  let listener: InboundListener;
  afterEach(() => listener?.close());

  it('with 1,000 silent connections held open, a message every 200 ms is received every time; every silent one closed is reported', async () => {
    listener = await InboundListener.listen({ host: '127.0.0.1', port: 0, firstByteTimeoutMs: 2000 });
    const port = listener.port;
    const dropped: InboundConnectionDroppedError[] = [];
    const other: Error[] = [];
    listener.rejected$.subscribe((error) => (error instanceof InboundConnectionDroppedError ? dropped.push(error) : other.push(error)));
    const received: string[] = [];
    listener.receive$.subscribe((message) => received.push(message.text));

    // 1,000 holders: each keeps a connection open and sends nothing; closed by the listener, it
    // comes back a second later, as a client that insists would.
    let holding = true;
    let closedByListener = 0;
    let refusedHolders = 0;
    const open = new Set<Socket>();
    const hold = async (): Promise<void> => {
      while (holding) {
        const socket = await tryOpen(port);
        if (typeof socket === 'string') {
          refusedHolders += 1;
          await settle(100);
          continue;
        }
        let reset = false;
        socket.on('error', () => (reset = true)); // queued in the kernel when the listener stopped
        open.add(socket);
        await closed(socket);
        open.delete(socket);
        if (reset) refusedHolders += 1;
        else closedByListener += 1;
        await settle(1000);
      }
    };
    const holders = Array.from({ length: 1000 }, () => hold());
    await settle(1000);

    // An ordinary sender: connects, writes, closes. Refused while the listener is flooded, it
    // knows (ECONNREFUSED, or a reset) and tries again 20 ms later.
    let senderRetries = 0;
    const sendOne = async (text: string): Promise<void> => {
      for (;;) {
        const socket = await tryOpen(port);
        if (typeof socket !== 'string') {
          let reset = false;
          socket.on('error', () => (reset = true));
          socket.end(text);
          await closed(socket);
          if (!reset) return;
        }
        senderRetries += 1;
        await settle(20);
      }
    };
    const sent: string[] = [];
    const sending: Promise<void>[] = [];
    for (let i = 0; i < 55; i++) {
      const text = `reading ${i}`;
      sent.push(text);
      sending.push(sendOne(text));
      await settle(200);
    }
    await Promise.all(sending);
    for (let waited = 0; received.length < sent.length && waited < 5000; waited += 50) await settle(50);
    expect(received.sort()).toEqual(sent.sort());

    // Every holder connection the listener closed is on rejected$, once; nothing else was dropped.
    holding = false;
    for (let waited = 0; open.size > 0 && waited < 10_000; waited += 50) await settle(50);
    expect(open.size).toBe(0);
    await Promise.all(holders);
    expect(other.every((error) => error instanceof InboundListenerFullError)).toBe(true);
    expect(dropped.length).toBe(closedByListener);
    expect(new Set(dropped.map((error) => error.reason))).toEqual(new Set(['evicted', 'no-data']));
    console.log(
      `1,000 holders: ${closedByListener} silent connections closed by the listener, each reported; ${refusedHolders} holder attempts refused; ` +
        `${received.length} of ${sent.length} messages received, ${senderRetries} sender attempts refused and retried; full ${other.length} times`,
    );
  });

  it('1,000 connections sending random bytes and holding on: each one is received, or refused so its sender knows and tries again', async () => {
    listener = await InboundListener.listen({ host: '127.0.0.1', port: 0, idleTimeoutMs: 200 });
    const port = listener.port;
    // Keyed by content: random bytes are unique, ports are reused as connections come and go.
    const received: string[] = [];
    listener.receive$.subscribe((message) => received.push(message.data.toString('hex')));
    const rejected: Error[] = [];
    listener.rejected$.subscribe((error) => rejected.push(error));
    const delivered: string[] = [];
    let refused = 0;
    const sender = async (): Promise<void> => {
      for (;;) {
        const socket = await tryOpen(port);
        if (typeof socket === 'string') {
          refused += 1; // ECONNREFUSED while the listener is full: the sender knows
          await settle(20);
          continue;
        }
        const bytes = randomBytes(100);
        let failed = false;
        socket.on('error', () => (failed = true)); // reset while queued in the kernel: the sender knows
        socket.write(bytes);
        await closed(socket);
        if (failed) {
          refused += 1;
          await settle(20);
          continue;
        }
        delivered.push(bytes.toString('hex')); // closed by the listener once its message was complete
        return;
      }
    };
    await Promise.all(Array.from({ length: 1000 }, () => sender()));
    for (let waited = 0; received.length < 1000 && waited < 5000; waited += 50) await settle(50);
    expect(delivered).toHaveLength(1000);
    expect(received.sort()).toEqual(delivered.sort());
    // Nothing dropped: the listener only said, each time, that it was full.
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected.every((error) => error instanceof InboundListenerFullError)).toBe(true);
    console.log(`1,000 random-byte senders holding on: 1000 received; ${refused} attempts refused and retried; full ${rejected.length} times`);
  });

  it('1,000 connections sending random bytes over the size limit: each one is reported on rejected$', async () => {
    listener = await InboundListener.listen({ host: '127.0.0.1', port: 0, maxMessageBytes: 1024 });
    const port = listener.port;
    const tooLarge: InboundMessageTooLargeError[] = [];
    listener.rejected$.subscribe((error) => {
      if (error instanceof InboundMessageTooLargeError) tooLarge.push(error);
    });
    const refusals: string[] = [];
    const accepted: number[] = [];
    const sender = async (): Promise<void> => {
      for (;;) {
        const socket = await tryOpen(port);
        if (typeof socket === 'string') {
          refusals.push(socket); // the sender knows: it tries again
          await settle(20);
          continue;
        }
        accepted.push(socket.localPort!);
        socket.write(randomBytes(4096));
        await closed(socket);
        return;
      }
    };
    await Promise.all(Array.from({ length: 1000 }, () => sender()));
    for (let waited = 0; tooLarge.length < 1000 && waited < 5000; waited += 50) await settle(50);
    expect(accepted).toHaveLength(1000);
    expect(tooLarge).toHaveLength(1000);
    expect(tooLarge.map((error) => error.remotePort).sort()).toEqual([...accepted].sort());
    console.log(`1,000 random-byte senders: 1000 reported; ${refusals.length} connection attempts refused and retried`);
  });
});
