import { connect } from 'node:net';
import { Credentials, Hologram, InvalidArgumentError, type Receiving } from 'hologram-rx';
import { receiverTransition, type ActiveListener, type ReceiverEvent, type ReceiverState } from '../../lib/facade/receiver-state';

/** Resolves once a TCP connection to 127.0.0.1:port is accepted, rejects when refused. */
function connectTo(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

describe('startReceiving called again while the first call is still starting (real TCP)', () => {
  let hologram: Hologram;
  beforeEach(() => {
    hologram = new Hologram(new Credentials('abcd', 'efgh'));
  });
  afterEach(() => hologram.close());

  it('rejects other options with InvalidArgumentError, and the first listener carries on', async () => {
    const first = hologram.startReceiving({ host: '127.0.0.1', port: 0 });
    const second = hologram.startReceiving({ host: '127.0.0.1', port: 0, maxConnections: 2 });
    await expect(second).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(second).rejects.toThrow(/already starting to receive: call stopReceiving\(\) before receiving with other options/);
    const receiving = await first;
    expect(hologram.receiving).toEqual(receiving);
    await connectTo(receiving.port);
  });

  it('resolves the same options with the same listener', async () => {
    const [a, b] = await Promise.all([
      hologram.startReceiving({ host: '127.0.0.1', port: 0 }),
      hologram.startReceiving({ port: 0, host: '127.0.0.1' }),
    ]);
    expect(b).toBe(a);
  });

  it('stopReceiving() while starting waits for the bind, then releases the port', async () => {
    const starting = hologram.startReceiving({ host: '127.0.0.1', port: 0 });
    await hologram.stopReceiving();
    const { port } = await starting;
    expect(hologram.receiving).toBeUndefined();
    await expect(connectTo(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    // Idle again: another start binds anew.
    const again = await hologram.startReceiving({ host: '127.0.0.1', port: 0 });
    await connectTo(again.port);
  });

  it('close() while starting rejects the start with ClosedError and leaves nothing bound', async () => {
    const starting = hologram.startReceiving({ host: '127.0.0.1', port: 0 });
    await hologram.close();
    await expect(starting).rejects.toMatchObject({ name: 'ClosedError', resource: 'hologram' });
    expect(hologram.receiving).toBeUndefined();
  });

  it('a failed bind leaves the receiver idle: the next start may use other options', async () => {
    const other = new Hologram(new Credentials('abcd', 'efgh'));
    const taken = await other.startReceiving({ host: '127.0.0.1', port: 0 });
    await expect(hologram.startReceiving({ host: '127.0.0.1', port: taken.port })).rejects.toMatchObject({ name: 'InboundListenError' });
    const receiving = await hologram.startReceiving({ host: '127.0.0.1', port: 0 });
    expect(receiving.port).not.toBe(taken.port);
    await other.close();
  });

  it('refuses a misspelled option key by name, with the key it most likely meant', async () => {
    await expect(hologram.startReceiving({ prot: 4010 } as never)).rejects.toThrow('options has no option "prot": did you mean port?');
    await expect(hologram.startReceiving(null as never)).rejects.toThrow('options must be an object of options, got null');
    expect(hologram.receiving).toBeUndefined();
  });
});

describe('receiverTransition', () => {
  const receiving: Receiving = { via: 'tcp', host: '127.0.0.1', port: 4010 };
  const listener: ActiveListener = { receiving, options: {}, stop: async () => undefined };
  const started = new Promise<Receiving>(() => undefined);
  const idle: ReceiverState = { kind: 'idle' };
  const starting: ReceiverState = { kind: 'starting', options: {}, started };
  const active: ReceiverState = { kind: 'receiving', listener };
  const closed: ReceiverState = { kind: 'closed' };
  const start: ReceiverEvent = { type: 'start', options: {}, started };

  it.each<[string, ReceiverState, ReceiverEvent, ReceiverState]>([
    ['idle + start', idle, start, starting],
    ['starting + start (ignored: the caller shares or refuses)', starting, start, starting],
    ['starting + started', starting, { type: 'started', listener }, active],
    ['starting + start-failed', starting, { type: 'start-failed' }, idle],
    ['starting + stop (waits for the bind)', starting, { type: 'stop' }, starting],
    ['receiving + stop', active, { type: 'stop' }, idle],
    ['receiving + its listener ended', active, { type: 'ended', receiving }, idle],
    ['receiving + an older listener ended', active, { type: 'ended', receiving: { ...receiving } }, active],
    ['receiving + close', active, { type: 'close' }, closed],
    ['starting + close', starting, { type: 'close' }, closed],
    ['closed + started (the caller stops that listener)', closed, { type: 'started', listener }, closed],
    ['closed + start', closed, start, closed],
  ])('%s', (_name, state, event, expected) => {
    expect(receiverTransition(state, event)).toEqual(expected);
  });
});
