import { firstValueFrom, lastValueFrom, take, type Observable } from 'rxjs';
import { ModemDisconnectedError } from '../../lib/modem/at/at-errors';
import { Modem } from '../../lib/modem/modem';
import { modemEngine } from '../../lib/modem/modem-engine';
import type { ModemPhase } from '../../lib/modem/modem-lifecycle';
import { PDPContext } from '../../lib/modem/sockets/pdp-context';
import { ModemSocketTransport } from '../../lib/modem/sockets/modem-socket-transport';
import { ModemSimulator, VirtualClock, VirtualSerialBinding } from '../../lib/testing';
import { DELIVER_FIXTURES } from './sms/pdu-fixtures';
import { CLOUD_HOST, CLOUD_PORT, cloudServer } from './sockets/socket-rig';

/**
 * Modem scenarios in virtual time, with the doubles `hologram-rx/testing` ships: a `VirtualClock`
 * drives the modem, its serial connection and the `ModemSimulator`; the port is opened through a
 * `VirtualSerialBinding` (the serialport binding interface, no pty). Latency, reconnect polls and
 * timeouts cost no real time, and the virtual instants they happen at are exact.
 * The real binding is proved by modem-pty.spec.ts and serial-port-connection.spec.ts.
 */

const PATH = '/dev/ttyVIRTUAL0';
const LATENCY = 20;

interface Scenario {
  readonly clock: VirtualClock;
  readonly binding: VirtualSerialBinding;
  readonly simulator: ModemSimulator;
  modem?: Modem;
}

const open: Scenario[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) {
    await s.modem?.close();
    await s.simulator.close();
  }
});

function scenario(options: { latencyMs?: number; mapConnect?: (host: string, port: number) => { host: string; port: number } } = {}): Scenario {
  const clock = new VirtualClock();
  const binding = new VirtualSerialBinding();
  const simulator = new ModemSimulator({ vendor: 'u-blox', model: 'SARA-U201', latencyMs: options.latencyMs ?? LATENCY, scheduler: clock, mapConnect: options.mapConnect });
  simulator.attach(binding.plug(PATH));
  const s: Scenario = { clock, binding, simulator };
  open.push(s);
  return s;
}

async function openModem(s: Scenario): Promise<Modem> {
  const modem = await s.clock.until(Modem.open(PATH, { binding: s.binding, scheduler: s.clock, reconnectPollMs: 1000, reinitDelayMs: 5000 }));
  s.modem = modem;
  return modem;
}

describe('Modem in virtual time (VirtualClock, VirtualSerialBinding, ModemSimulator)', () => {
  it('initializes in exactly one simulated latency per command', async () => {
    const s = scenario();
    const modem = await openModem(s);
    expect(modem.state).toBe('ready');
    expect(modem.driver.name).toBe('ublox-sara-u201');
    const commands = s.simulator.received.commands.length;
    expect(commands).toBeGreaterThan(5);
    expect(s.clock.now()).toBe(commands * LATENCY);
  });

  it('times out a command the modem never answers at its timeout, in virtual time, then goes on', async () => {
    const s = scenario({ latencyMs: 0 });
    const modem = await openModem(s);
    const start = s.clock.now();
    s.simulator.silence(true);
    const failed = modem.command('AT+CSQ').catch((error: unknown) => error);
    await s.clock.advance(4999);
    expect(await Promise.race([failed, Promise.resolve('pending')])).toBe('pending');
    await s.clock.advance(1);
    expect(await failed).toMatchObject({ name: 'ATTimeoutError' });
    expect(s.clock.now() - start).toBe(5000);
    s.simulator.silence(false);
    const signal = await s.clock.until(modem.command('AT+CSQ'));
    expect(signal.lines[0]).toMatch(/^\+CSQ: 17,99/);
  });

  it('on unplug fails the command in flight and says reconnecting; on replug re-initializes at the next poll', async () => {
    const s = scenario();
    const modem = await openModem(s);
    const states: string[] = [];
    modem.state$.subscribe((state) => states.push(state));
    const inFlight = modem.command('AT+CSQ').catch((error: unknown) => error);
    await s.clock.advance(LATENCY / 2);
    s.binding.unplug(PATH);
    const error = await s.clock.until(inFlight);
    expect(error).toBeInstanceOf(ModemDisconnectedError);
    expect(modem.state).toBe('reconnecting');

    await s.clock.advance(10_000); // still unplugged: polls find nothing, nothing else happens
    expect(modem.state).toBe('reconnecting');
    const commandsBefore = s.simulator.received.commands.length;

    s.simulator.attach(s.binding.plug(PATH));
    const pluggedAt = s.clock.now();
    await s.clock.until(new Promise<void>((resolve) => modem.state$.subscribe((state) => state === 'ready' && resolve())));
    const reinitCommands = s.simulator.received.commands.length - commandsBefore;
    // Seen at the next 1 s poll, then one latency per init command.
    expect(s.clock.now() - pluggedAt).toBeLessThanOrEqual(1000 + reinitCommands * LATENCY);
    expect(s.clock.now() - pluggedAt).toBeGreaterThanOrEqual(reinitCommands * LATENCY);
    expect(states).toEqual(['ready', 'reconnecting', 'initializing', 'ready']);
  });

  it('retries a failed re-init after reinitDelayMs; the state carries the failure meanwhile', async () => {
    const s = scenario({ latencyMs: 0 });
    const modem = await openModem(s);
    const driver = modem.driver;
    const phases: ModemPhase[] = [];
    modem.lifecycle$.subscribe((phase) => phases.push(phase));
    s.binding.unplug(PATH);
    await s.clock.advance(0);
    expect(modem.lifecycle).toEqual({ kind: 'reconnecting' });
    s.simulator.failNext('AT+CMEE=2', 100);
    s.simulator.attach(s.binding.plug(PATH));
    await s.clock.advance(1000); // the poll sees the path, the port opens, the init fails at once
    expect(modem.lifecycle).toMatchObject({ kind: 'initializing', cause: 'port-back', error: { name: 'ModemInitError' } });
    expect(Object.keys(modem.lifecycle)).not.toContain('last'); // the sessions, holding the engine, stay inside
    const failedAt = s.clock.now();
    await s.clock.until(new Promise<void>((resolve) => modem.state$.subscribe((state) => state === 'ready' && resolve())));
    expect(s.clock.now() - failedAt).toBe(5000);
    // The failed attempt carries its error; the retry starts clean.
    expect(phases).toEqual([
      { kind: 'ready' },
      { kind: 'reconnecting' },
      { kind: 'initializing', cause: 'port-back' },
      { kind: 'initializing', cause: 'port-back', error: expect.objectContaining({ name: 'ModemInitError' }) },
      { kind: 'initializing', cause: 'port-back' },
      { kind: 'ready' },
    ]);
    expect(modem.driver).toBe(driver);
  });

  it('resets: the reset command, the settle time, probes until the modem is back, then init', async () => {
    const s = scenario({ latencyMs: 0 });
    const modem = await openModem(s);
    const states: string[] = [];
    modem.state$.subscribe((state) => states.push(state));
    const start = s.clock.now();
    await s.clock.until(modem.reset({ settleMs: 1000 }));
    expect(states).toEqual(['ready', 'initializing', 'ready']);
    expect(modem.lifecycle).toMatchObject({ kind: 'ready' });
    expect(s.simulator.received.commands).toContain(modem.driver.resetCommand);
    expect(s.clock.now() - start).toBe(1000); // the simulator reboots in 200 ms: the first probe answers
  });

  it('close() completes every stream of the modem', async () => {
    const s = scenario({ latencyMs: 0 });
    const modem = await openModem(s);
    const streams: Record<string, Observable<unknown>> = { state$: modem.state$, lifecycle$: modem.lifecycle$, registration$: modem.registration$, events$: modem.events$, sms$: modem.sms$, smsStatusReports$: modem.smsStatusReports$, urc$: modem.urc$, status$: modem.status$, signal$: modem.signal$, operator$: modem.operator$ };
    const completed = new Set<string>();
    for (const [name, stream] of Object.entries(streams)) stream.subscribe({ complete: () => completed.add(name), error: () => undefined });
    await s.clock.until(modem.close());
    expect([...completed].sort()).toEqual(Object.keys(streams).sort());
    expect(modem.state).toBe('closed');
  });

  it('receives a stored SMS, then deletes it from the modem', async () => {
    const s = scenario();
    const modem = await openModem(s);
    const received = lastValueFrom(modem.sms$.pipe(take(1)));
    await s.clock.advance(1000);
    const fixture = DELIVER_FIXTURES[0];
    s.simulator.injectSMS(fixture.pdu, { store: true });
    const sms = await s.clock.until(received);
    expect(sms.text).toBe(fixture.text);
    await s.clock.until(modem.command('AT'));
    expect(s.simulator.received.commands.some((c) => /^AT\+CMGD=/.test(c))).toBe(true);
  });

  it('sends through a u-blox socket (real TCP from the simulator) with the clock moving only between timers', async () => {
    const cloud = await cloudServer();
    try {
      const s = scenario({ latencyMs: 0, mapConnect: (host, port) => (host === CLOUD_HOST ? { host: '127.0.0.1', port: cloud.port } : { host, port }) });
      const modem = await openModem(s);
      const pdp = new PDPContext(modemEngine(modem), 'ublox-profile');
      await s.clock.until(firstValueFrom(pdp.activate$('hologram')));
      const transport = new ModemSocketTransport(modemEngine(modem), 'u-blox', { scheduler: s.clock });
      const reply = await s.clock.until(firstValueFrom(transport.exchange$({ host: CLOUD_HOST, port: CLOUD_PORT, payload: Buffer.from('hello') })));
      expect(reply.toString()).toBe('[0,0]');
      expect(s.simulator.received.socketWrites.at(-1)?.bytes.toString()).toBe('hello');
    } finally {
      await cloud.close();
    }
  });
});
