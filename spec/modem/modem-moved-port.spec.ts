import { Modem } from '../../lib/modem/modem';
import type { ModemEvent } from '../../lib/modem/modem-status';
import { ModemSimulator, VirtualSerialBinding } from '../../lib/testing';

/**
 * A USB modem that comes back on another path after an unplug or a reset (`/dev/ttyUSB2` becomes
 * `/dev/ttyUSB3`), with the virtual serial binding: the same modem (by IMEI) is looked for on every
 * candidate port, found, re-initialized, and used; another modem on another port is left alone.
 * No udev here: the candidates are given, as `candidatePaths` would be by a user without udev.
 */
describe('Modem found again on another port', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const started = Date.now();
    while (!check()) {
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('follows the modem by IMEI from /dev/ttyUSB2 to /dev/ttyUSB3, past another modem on /dev/ttyUSB1', async () => {
    const binding = new VirtualSerialBinding();
    const ours = new ModemSimulator({ vendor: 'u-blox', model: 'R410' });
    const other = new ModemSimulator({ vendor: 'u-blox', model: 'U201' });
    cleanups.push(() => ours.close(), () => other.close());
    ours.attach(binding.plug('/dev/ttyUSB2'));
    other.attach(binding.plug('/dev/ttyUSB1'));
    const modem = await Modem.open('/dev/ttyUSB2', {
      binding,
      reconnectPollMs: 50,
      relocate: { candidatePaths: ['/dev/ttyUSB1', '/dev/ttyUSB2', '/dev/ttyUSB3'], probeTimeoutMs: 300, scan: false, listPorts: async () => [] },
    });
    cleanups.push(() => modem.close());
    const imei = await modem.imei();
    const states: string[] = [];
    modem.state$.subscribe((state) => states.push(state));
    const events: ModemEvent[] = [];
    modem.events$.subscribe((event) => events.push(event));

    binding.unplug('/dev/ttyUSB2');
    await waitFor(() => modem.state === 'reconnecting', 'reconnecting');
    await new Promise((resolve) => setTimeout(resolve, 300)); // nowhere yet: it keeps looking
    expect(modem.state).toBe('reconnecting');
    expect(modem.path).toBe('/dev/ttyUSB2');

    ours.attach(binding.plug('/dev/ttyUSB3'));
    await waitFor(() => modem.state === 'ready', 'ready again');
    expect(modem.path).toBe('/dev/ttyUSB3');
    expect(await modem.imei()).toBe(imei);
    expect(states).toEqual(['ready', 'reconnecting', 'initializing', 'ready']);
    expect(events.filter((event) => event.name === 'modem.connected' || event.name === 'modem.disconnected').slice(-2)).toEqual([
      { name: 'modem.disconnected', payload: { state: 'reconnecting', reason: 'port lost' } },
      { name: 'modem.connected', payload: expect.objectContaining({ port: '/dev/ttyUSB3' }) },
    ]);
    // The other modem was asked who it is, and left alone: its port is free for its own user.
    expect(other.received.commands).toContain('AT+CGSN');
    expect(binding.exists('/dev/ttyUSB1')).toBe(true);
  });

  it('with relocate: false, waits for the same path only', async () => {
    const binding = new VirtualSerialBinding();
    const ours = new ModemSimulator({ vendor: 'u-blox', model: 'R410' });
    cleanups.push(() => ours.close());
    ours.attach(binding.plug('/dev/ttyUSB2'));
    const modem = await Modem.open('/dev/ttyUSB2', { binding, reconnectPollMs: 50, relocate: false });
    cleanups.push(() => modem.close());
    binding.unplug('/dev/ttyUSB2');
    await waitFor(() => modem.state === 'reconnecting', 'reconnecting');
    ours.attach(binding.plug('/dev/ttyUSB3'));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(modem.state).toBe('reconnecting');
    expect(modem.path).toBe('/dev/ttyUSB2');
  });
});
