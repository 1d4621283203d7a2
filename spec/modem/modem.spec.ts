import { asyncScheduler, firstValueFrom, Subscription, VirtualTimeScheduler } from 'rxjs';
import { ModemInitError } from '../../lib/modem/modem-init-error';
import { GENERIC_3GPP } from '../../lib/modem/drivers';
import { ATCommandError } from '../../lib/modem/at/at-errors';
import { MODEM_PERSONALITIES } from '../../lib/testing/modem-simulator';
import type { SignalQuality } from '../../lib/modem/signal-quality';
import type { ModemEvent } from '../../lib/modem/modem-status';
import { Modem } from '../../lib/modem/modem';
import { duplexPair } from '../../lib/testing/duplex-pair';
import { InvalidArgumentError } from '../../lib/errors';
import { ModemSimulator } from '../../lib/testing/modem-simulator';
import { next, openHarness, type Harness } from './modem-harness';

describe('Modem over the simulator (in-process stream)', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it.each(MODEM_PERSONALITIES.map((p) => [p.model, p] as const))('initializes a %s and reads its identity', async (_model, personality) => {
    harness = await openHarness({ personality });
    const { modem, simulator } = harness;
    expect(modem.state).toBe('ready');
    expect(modem.driver.resetCommand).toBe(personality.resetCommand);
    const commands = simulator.received.commands;
    expect(commands.slice(0, 3)).toEqual(['AT', 'ATE0', 'AT+CMEE=2']);
    for (const family of modem.driver.registration) expect(commands).toContain(`AT${family}=2`);
    expect(commands).toContain('AT+CMGF=0');
    expect(commands).toContain('AT+CNMI=2,1,0,1,0');
    const identity = await modem.identity();
    const expected = personality.identity;
    expect(identity).toEqual({
      manufacturer: expected.manufacturer,
      model: expected.model,
      revision: expected.revision,
      imei: expected.imei,
      iccid: expected.iccid.replace(/F$/, ''),
      imsi: expected.imsi,
    });
    expect(await modem.iccid()).toMatch(/^\d{19,20}$/);
    expect(commands).toContain(modem.driver.iccid.command);
    expect(modem.registration).toMatchObject({ state: 'home', registered: true });
    expect(await next(modem.operator$)).toEqual(expect.objectContaining({ name: 'T-Mobile' }));
    expect(commands).toContain(modem.driver.operator.command);
  });

  it('follows registration URCs, distinct, and emits modem.* events', async () => {
    harness = await openHarness({ vendor: 'quectel', model: 'BG96' });
    const { modem, simulator } = harness;
    const events: ModemEvent[] = [];
    const subscription = modem.events$.subscribe((event) => events.push(event));
    const states: string[] = [];
    subscription.add(modem.registration$.subscribe((r) => states.push(r.state)));
    expect(states).toEqual(['home']);
    simulator.setRegistration(2);
    await next(modem.registration$, (r) => r.state === 'searching');
    simulator.setRegistration(3);
    await next(modem.registration$, (r) => r.state === 'denied');
    simulator.setRegistration(5, { lac: '1A2B', ci: '00ABCDEF' });
    const roaming = await next(modem.registration$, (r) => r.state === 'roaming');
    expect(roaming).toMatchObject({ registered: true, lac: '1A2B', ci: '00ABCDEF', act: 8 });
    expect(modem.registration).toMatchObject({ family: '+CEREG', state: 'roaming' });
    // The three families each print a URC: one change is one emission.
    expect(states).toEqual(['home', 'searching', 'denied', 'roaming']);
    expect(events.filter((e) => e.name === 'modem.registration').map((e) => (e.payload as { state: string }).state)).toEqual([
      'home',
      'searching',
      'denied',
      'roaming',
    ]);
    expect(events[0]).toEqual({ name: 'modem.connected', payload: { driver: 'quectel-bg96', model: 'BG96', port: 'stream' } });
    expect(events.find((e) => e.name === 'modem.registration')?.payload).toMatchObject({ registered: true, status: 'home' });
    subscription.unsubscribe();
  });

  it('reads no operator while unregistered and the new one after registering', async () => {
    harness = await openHarness({ vendor: 'u-blox', registration: { stat: 2 } });
    const { modem, simulator } = harness;
    expect(await next(modem.operator$)).toBeUndefined();
    simulator.setRegistration(1);
    expect(await next(modem.operator$, (o) => o !== undefined)).toEqual({ name: 'T-Mobile' });
    expect(simulator.received.commands).toContain('AT+UDOPN=12');
  });

  it('refuses a repeating interval of 0 or past the longest timer before opening anything, naming it', async () => {
    // The path does not exist: an error about the option proves it was checked first.
    await expect(Modem.open('/dev/ttyDOESNOTEXIST', { reconnectPollMs: 0 })).rejects.toThrow(/^reconnectPollMs must be a number of milliseconds above 0 .*, got 0$/);
    await expect(Modem.open('/dev/ttyDOESNOTEXIST', { reinitDelayMs: 2 ** 31 })).rejects.toThrow(/^reinitDelayMs must be .*, got 2147483648$/);
    const [host] = duplexPair();
    await expect(Modem.fromStream(host, { signalIntervalMs: NaN })).rejects.toThrow(InvalidArgumentError);
  });

  it('fails init with a typed error naming the step, and tolerates optional steps', async () => {
    const simulator = new ModemSimulator({ vendor: 'u-blox' });
    simulator.failNext('AT+CMGF', 3);
    simulator.failNext('AT+CNMI', 4);
    const [host, device] = duplexPair();
    simulator.attach(device);
    const error = await Modem.fromStream(host).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModemInitError);
    expect(error).toMatchObject({ step: 'SMS PDU mode', command: 'AT+CMGF=0' });
    expect((error as ModemInitError).cause).toBeInstanceOf(ATCommandError);
    await simulator.close();

    // The generic driver asks for +CEREG, which a SARA-U201 lacks: optional, so init goes on.
    harness = await openHarness({ vendor: 'u-blox' }, { driver: GENERIC_3GPP });
    expect(harness.modem.state).toBe('ready');
    expect(harness.simulator.received.commands).toContain('AT+CEREG=2');
  });

  it('falls back to a simpler AT+CNMI when the first is refused', async () => {
    const simulator = new ModemSimulator({ vendor: 'u-blox' });
    simulator.failNext('AT+CNMI=2,1,0,1,0', 4);
    const [host, device] = duplexPair();
    simulator.attach(device);
    const modem = await Modem.fromStream(host);
    harness = { simulator, modem, close: async () => { await modem.close(); await simulator.close(); } };
    expect(simulator.received.commands).toContain('AT+CNMI=2,1,0,0,0');
  });

  it('shares signal polling between subscribers and stops it when nobody listens (virtual time)', async () => {
    const clock = new VirtualTimeScheduler();
    const advance = (ms: number): void => {
      const target = clock.frame + ms;
      clock.maxFrames = target;
      clock.flush();
      clock.frame = target;
    };
    // Polling runs on virtual time; the AT engine's timeouts stay on real time.
    harness = await openHarness({ vendor: 'u-blox' }, { scheduler: clock, signalIntervalMs: 1000, at: { scheduler: asyncScheduler } });
    const { modem, simulator } = harness;
    const csqCount = () => simulator.received.commands.filter((c) => c === 'AT+CSQ').length;
    const a: SignalQuality[] = [];
    const b: SignalQuality[] = [];
    const subscription = new Subscription();
    subscription.add(modem.signal$.subscribe((s) => a.push(s)));
    subscription.add(modem.signal$.subscribe((s) => b.push(s)));
    advance(0);
    await next(modem.signal$);
    expect(csqCount()).toBe(1);
    expect(a).toEqual([{ rssiDbm: -79, raw: 17, ber: undefined }]);
    expect(b).toEqual(a);

    simulator.setSignal(25, 0);
    advance(1000);
    await next(modem.signal$, (s) => s.raw === 25);
    expect(csqCount()).toBe(2);
    expect(a.at(-1)).toEqual({ rssiDbm: -63, raw: 25, ber: 0 });
    expect(b).toEqual(a);

    // A late subscriber gets the last reading at once, without a new poll.
    const late: SignalQuality[] = [];
    modem.signal$.subscribe((s) => late.push(s)).unsubscribe();
    expect(late).toEqual([a.at(-1)]);
    expect(csqCount()).toBe(2);

    subscription.unsubscribe();
    expect(clock.actions).toHaveLength(0); // the polling timer is gone
    advance(10_000);
    expect(csqCount()).toBe(2);
  });

  it('reports radio off and on through registration', async () => {
    harness = await openHarness({ vendor: 'quectel', model: 'EC21' });
    const { modem } = harness;
    await modem.radioOff();
    await next(modem.registration$, (r) => r.state === 'not-registered');
    expect((await modem.readSignal$().toPromise())?.rssiDbm).toBeUndefined();
    await modem.radioOn();
    await next(modem.registration$, (r) => r.state === 'home');
  });

  it('resets and comes back initialized', async () => {
    harness = await openHarness({ vendor: 'quectel', rebootMs: 50 });
    const { modem, simulator } = harness;
    const before = simulator.received.commands.length;
    await modem.reset({ settleMs: 100 });
    expect(modem.state).toBe('ready');
    const after = simulator.received.commands.slice(before);
    expect(after[0]).toBe('AT+CFUN=1,1');
    expect(after).toContain('ATE0');
    expect(after).toContain('AT+CEREG=2');
    expect(modem.registration).toMatchObject({ state: 'home' });
  });

  it('gives raw AT access with typed errors', async () => {
    harness = await openHarness({ vendor: 'u-blox' });
    const { modem, simulator } = harness;
    expect((await modem.command('AT+CGSN')).lines).toEqual([simulator.personality.identity.imei]);
    simulator.failNext('AT+CIMI', 10);
    await expect(modem.command('AT+CIMI')).rejects.toMatchObject({ cmeError: 10, command: 'AT+CIMI' });
    expect(() => modem.command$('ATE0\rATZ')).toThrow(/CR, LF or Ctrl-Z/);
  });

  it('has a Promise twin, named without $, for each one-shot Observable reader', async () => {
    harness = await openHarness({ vendor: 'u-blox' });
    const { modem } = harness;
    expect(await modem.readSignal()).toEqual(await firstValueFrom(modem.readSignal$()));
    expect(await modem.readRegistration()).toMatchObject({ state: 'home', registered: true });
    expect(await modem.readOperator()).toEqual(await firstValueFrom(modem.readOperator$()));
    expect((await modem.command('AT')).final).toBe('OK');
    expect((await firstValueFrom(modem.command$('AT'))).final).toBe('OK');
  });

  it('closes: state closed, observables complete, commands refused', async () => {
    harness = await openHarness({ vendor: 'u-blox' });
    const { modem } = harness;
    let completed = false;
    modem.state$.subscribe({ complete: () => (completed = true) });
    const first = modem.close();
    expect(modem.close()).toBe(first); // a second call waits for the same release
    await first;
    expect(modem.state).toBe('closed');
    expect(completed).toBe(true);
    await expect(modem.command('AT')).rejects.toMatchObject({ name: 'ClosedError', resource: 'at-engine', message: 'The AT engine is closed: AT did not complete' });
  });
});
