import { InboundListener } from '../../lib/inbound/inbound-listener';
import { tryOpen } from '../support/try-open';
import { InboundListenerFullError } from '../../lib/inbound/inbound-listener-full-error';
import { InboundSenderTooSlowError } from '../../lib/receiving/inbound-sender-too-slow-error';

/**
 * Slow senders over real TCP on the loopback interface: 64 connections that send one byte a
 * second (and come back a second after being closed, as an insisting client would) against a
 * listener of 64 places. Short deadlines keep the test short; the rules are the defaults' rules.
 */
jest.setTimeout(60_000);

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends `text` on one connection and closes it; resolves true when it closed cleanly. */
async function sendOnce(port: number, text: string): Promise<boolean> {
  const socket = await tryOpen(port);
  if (typeof socket === 'string') return false;
  return new Promise((resolve) => {
    let failed = false;
    socket.on('error', () => (failed = true));
    socket.once('close', () => resolve(!failed));
    socket.end(text);
  });
}

describe('InboundListener with slow senders (real TCP)', () => {
  let listener: InboundListener;
  afterEach(() => listener?.close());

  it('64 senders at 1 B/s: valid senders get through within the deadline; each slow one is reported once', async () => {
    const messageTimeoutMs = 3000;
    listener = await InboundListener.listen({ host: '127.0.0.1', port: 0, maxConnections: 64, firstByteTimeoutMs: 500, messageTimeoutMs, minBytesPerSecond: 64 });
    const port = listener.port;
    const slow: InboundSenderTooSlowError[] = [];
    const full: InboundListenerFullError[] = [];
    const other: Error[] = [];
    listener.rejected$.subscribe((error) => {
      if (error instanceof InboundSenderTooSlowError) slow.push(error);
      else if (error instanceof InboundListenerFullError) full.push(error);
      else other.push(error);
    });
    const receivedAt = new Map<string, number>();
    listener.receive$.subscribe((message) => receivedAt.set(message.text, Date.now()));

    // 64 tricklers: a byte a second on each connection; closed by the listener, back a second later.
    let trickling = true;
    let closedByListener = 0;
    const trickle = async (): Promise<void> => {
      while (trickling) {
        const socket = await tryOpen(port);
        if (typeof socket === 'string') {
          await settle(1000);
          continue;
        }
        socket.write('x');
        const ticker = setInterval(() => socket.write('x'), 1000);
        await new Promise<void>((resolve) => socket.once('close', () => resolve()));
        clearInterval(ticker);
        if (trickling) closedByListener += 1;
        await settle(1000);
      }
    };
    const tricklers = Array.from({ length: 64 }, () => trickle());
    await settle(300); // every place taken

    // Valid senders, one every 400 ms; each tries again 100 ms after a refusal.
    const startedAt = new Map<string, number>();
    const valid = async (text: string): Promise<void> => {
      startedAt.set(text, Date.now());
      while (!(await sendOnce(port, text)) || !receivedAt.has(text)) {
        if (Date.now() - startedAt.get(text)! > 4 * messageTimeoutMs) return;
        await settle(100);
      }
    };
    const senders: Promise<void>[] = [];
    for (let i = 0; i < 15; i++) {
      senders.push(valid(`valid message ${i}`));
      await settle(400);
    }
    await Promise.all(senders);
    trickling = false;
    await listener.close();
    await Promise.all(tricklers);

    const delays = [...startedAt].map(([text, at]) => (receivedAt.get(text) ?? Infinity) - at);
    // eslint-disable-next-line no-console
    console.log(`valid senders: ${delays.length}, slowest ${Math.max(...delays)} ms; slow connections closed: ${closedByListener}, reported: ${slow.length}; full reports: ${full.length}`);
    expect(delays.every((delay) => delay <= messageTimeoutMs)).toBe(true);
    expect(other).toEqual([]);
    expect(slow.length).toBeGreaterThanOrEqual(64);
    // One report per connection the listener closed (the last ones may have been closed by close()).
    expect(new Set(slow.map((error) => error.remotePort)).size).toBe(slow.length);
    expect(slow.length).toBe(closedByListener);
    expect(slow.every((error) => error.reason === 'rate' && error.receivedBytes <= 2)).toBe(true);
  });
});
