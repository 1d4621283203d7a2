import { SerialPortConnection } from '../../lib/modem/serial-port-connection';
import { VirtualClock, VirtualSerialBinding } from '../../lib/testing';

/** Each transition of SerialPortConnection's one state, over the virtual binding in virtual time. */

const PATH = '/dev/ttyV';

function setup(options: { reopen?: boolean; relocate?: (lostPath: string) => Promise<string | undefined> } = {}) {
  const clock = new VirtualClock();
  const binding = new VirtualSerialBinding();
  binding.plug(PATH);
  const connection = new SerialPortConnection({ path: PATH, binding, scheduler: clock, pollIntervalMs: 100, ...options });
  // Read each port as the AT engine does: a read in flight sees an unplug at once.
  connection.port$.subscribe((port) => port.resume());
  const states: string[] = [];
  connection.state$.subscribe((state) => states.push(`${clock.now()}:${state}`));
  return { clock, binding, connection, states };
}

describe('SerialPortConnection states', () => {
  it('closed -> opening -> open -> reconnecting (unplug) -> open at the poll after the replug -> closed', async () => {
    const { clock, binding, connection, states } = setup();
    await clock.until(connection.open());
    binding.unplug(PATH);
    await clock.advance(250); // polls at 100 and 200 find nothing
    expect(connection.current).toBeUndefined();
    binding.plug(PATH);
    await clock.advance(100);
    expect(connection.current).toBeDefined();
    await connection.release();
    expect(states).toEqual(['0:closed', '0:opening', '0:open', '0:reconnecting', '300:open', '350:closed']);
    await connection.close();
  });

  it('reconnecting -> open on another path when relocate finds the device there (moved$ and path say so); the same path first', async () => {
    const asked: Array<[number, string]> = [];
    let binding!: VirtualSerialBinding;
    let clockNow = (): number => 0;
    const { clock, binding: b, connection, states } = setup({
      relocate: async (lost) => {
        asked.push([clockNow(), lost]);
        return binding.exists('/dev/ttyV1') ? '/dev/ttyV1' : undefined;
      },
    });
    binding = b;
    clockNow = () => clock.now();
    const moves: string[] = [];
    connection.moved$.subscribe((move) => moves.push(`${clock.now()}:${move.from}->${move.to}`));
    await clock.until(connection.open());
    binding.unplug(PATH);
    await clock.advance(250); // polls at 100 and 200: the path is absent, relocate finds nothing
    expect(asked).toEqual([[100, PATH], [200, PATH]]);
    binding.plug('/dev/ttyV1');
    await clock.advance(100);
    expect(connection.path).toBe('/dev/ttyV1');
    expect(moves).toEqual(['300:/dev/ttyV->/dev/ttyV1']);
    // Lost again: the path it moved to is the one looked for, and the same path wins over relocate.
    binding.unplug('/dev/ttyV1');
    await clock.advance(50);
    binding.plug('/dev/ttyV1');
    binding.plug(PATH);
    await clock.advance(100);
    expect(connection.path).toBe('/dev/ttyV1');
    expect(asked).toEqual([[100, PATH], [200, PATH], [300, PATH]]); // not asked while the path it is on came back
    expect(states).toEqual(['0:closed', '0:opening', '0:open', '0:reconnecting', '300:open', '350:reconnecting', '450:open']);
    await connection.close();
  });

  it('a port nobody reads is seen lost at the next presence check of its path', async () => {
    const clock = new VirtualClock();
    const binding = new VirtualSerialBinding();
    binding.plug(PATH);
    const connection = new SerialPortConnection({ path: PATH, binding, scheduler: clock, pollIntervalMs: 100 });
    await clock.until(connection.open());
    binding.unplug(PATH);
    await clock.advance(99);
    expect(connection.state).toBe('open');
    await clock.advance(1);
    expect(connection.state).toBe('reconnecting');
    await connection.close();
  });

  it('without reopen a loss is final: closed', async () => {
    const { clock, binding, connection, states } = setup({ reopen: false });
    await clock.until(connection.open());
    binding.unplug(PATH);
    binding.plug(PATH);
    await clock.advance(1000);
    expect(states).toEqual(['0:closed', '0:opening', '0:open', '0:closed']);
    await connection.close();
  });

  it('release() while reconnecting stops the poll; a failed first open goes back to closed', async () => {
    const { clock, binding, connection, states } = setup();
    await clock.until(connection.open());
    binding.unplug(PATH);
    await clock.advance(0);
    await connection.release();
    binding.plug(PATH);
    await clock.advance(1000);
    expect(connection.state).toBe('closed');
    binding.unplug(PATH);
    await expect(clock.until(connection.open())).rejects.toMatchObject({ name: 'SerialPortOpenError' });
    expect(states).toEqual(['0:closed', '0:opening', '0:open', '0:reconnecting', '0:closed', '1000:opening', '1000:closed']);
    expect(clock.actions).toHaveLength(0); // no poll left behind
    await connection.close();
  });

  it('close() is final: both calls resolve once the port is closed and the streams completed; open() then refuses', async () => {
    const { clock, connection } = setup();
    await clock.until(connection.open());
    const completed: string[] = [];
    connection.state$.subscribe({ complete: () => completed.push('state$') });
    connection.port$.subscribe({ complete: () => completed.push('port$') });
    connection.disconnected$.subscribe({ complete: () => completed.push('disconnected$') });
    const first = connection.close();
    const second = connection.close();
    await Promise.all([first, second]);
    expect(connection.state).toBe('closed');
    expect(completed).toEqual(['state$', 'port$', 'disconnected$']);
    await expect(connection.open()).rejects.toMatchObject({ name: 'ClosedError', resource: 'serial-port', which: PATH });
  });

  it('close() during an open wins: the open fails and the port is let go; a release() after close() leaves it closed for good', async () => {
    const { clock, connection } = setup();
    const opening = connection.open();
    const closed = connection.close();
    await expect(clock.until(opening)).rejects.toMatchObject({ name: 'SerialPortOpenError' });
    await closed;
    await connection.release();
    expect(connection.state).toBe('closed');
    await expect(connection.open()).rejects.toMatchObject({ name: 'ClosedError', resource: 'serial-port' });
  });
});
