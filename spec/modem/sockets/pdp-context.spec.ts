import { firstValueFrom, lastValueFrom } from 'rxjs';
import { ATCommandError } from '../../../lib/modem/at/at-errors';
import { InvalidArgumentError } from '../../../lib/errors';
import { PDPContext } from '../../../lib/modem/sockets/pdp-context';
import { duplexPair } from '../../../lib/testing/duplex-pair';
import { MODEM_CASES, SocketRig } from './socket-rig';

/** PDP contexts against the simulator's u-blox U201 profile, R410 default bearer and Quectel contexts. */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function rig(index: number): SocketRig {
  const [hostEnd, modemEnd] = duplexPair();
  const r = new SocketRig(MODEM_CASES[index], hostEnd, modemEnd, undefined);
  cleanups.push(() => r.close());
  return r;
}

const LOSS: Record<string, (r: SocketRig) => void> = {
  'ublox-profile': (r) => r.sim.dropPDP(),
  // The simulator keeps the R410 bearer up while registered; the network's +CGEV is injected.
  'lte-default-bearer': (r) => r.sim.injectURC('+CGEV: NW PDN DEACT 1'),
  quectel: (r) => r.sim.dropPDP(),
};

describe.each([0, 1, 2])('PDPContext: %#', (index) => {
  const modem = MODEM_CASES[index];

  it(`${modem.name}: activates once, reuses it without commands, reports the address`, async () => {
    const r = rig(index);
    await r.engine.command('AT+CMEE=1');
    expect(r.pdp.state).toEqual({ active: false });
    const ip = await firstValueFrom(r.pdp.activate$('hologram'));
    expect(ip).toBe('10.170.56.23');
    expect(r.pdp.ip).toBe('10.170.56.23');
    expect(await firstValueFrom(r.pdp.isActive$())).toBe(true);
    const before = r.sim.received.commands.length;
    expect(await firstValueFrom(r.pdp.activate$('hologram'))).toBe('10.170.56.23');
    expect(r.sim.received.commands.length).toBe(before);
  });

  it(`${modem.name}: reports the network tearing the context down on lost$`, async () => {
    const r = rig(index);
    await firstValueFrom(r.pdp.activate$('hologram'));
    const lost = firstValueFrom(r.pdp.lost$);
    LOSS[modem.flavour](r);
    expect(await lost).toMatchObject({ flavour: modem.flavour, contextId: 1 });
    expect(r.pdp.state).toEqual({ active: false });
    expect(r.pdp.ip).toBeUndefined();
  });

  it(`${modem.name}: has a Promise twin of each operation`, async () => {
    const r = rig(index);
    expect(await r.pdp.activate('hologram')).toBe('10.170.56.23');
    expect(await r.pdp.isActive()).toBe(true);
    await r.pdp.deactivate();
    expect(r.pdp.state).toEqual({ active: false });
    expect(await r.pdp.isActive()).toBe(false);
  });

  it(`${modem.name}: deactivates`, async () => {
    const r = rig(index);
    await firstValueFrom(r.pdp.activate$('hologram'));
    await lastValueFrom(r.pdp.deactivate$(), { defaultValue: undefined });
    expect(r.pdp.state).toEqual({ active: false });
    expect(await firstValueFrom(r.pdp.isActive$())).toBe(false);
  });
});

describe('PDPContext: errors', () => {
  it('refuses an APN that would break the command line', () => {
    const r = rig(0);
    expect(() => r.pdp.activate$('holo"gram')).toThrow(InvalidArgumentError);
    expect(() => r.pdp.activate$('')).toThrow(/apn must be/);
    expect(() => new PDPContext(r.engine, 'quectel', { contextId: 17 })).toThrow(/contextId must be a PDP context id from 1 to 16, got 17/);
  });

  it('fails activation while not registered with the modem error', async () => {
    const r = rig(0);
    await r.engine.command('AT+CMEE=1');
    r.sim.setRegistration(2);
    const error = await firstValueFrom(r.pdp.activate$('hologram')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ATCommandError);
    expect((error as ATCommandError).cmeError).toBe(148);
    expect(r.pdp.state.active).toBe(false);
  });

  it('ignores loss URCs for other contexts', async () => {
    const r = rig(2);
    await firstValueFrom(r.pdp.activate$('hologram'));
    r.sim.injectURC('+QIURC: "pdpdeact",2');
    await r.engine.command('AT');
    expect(r.pdp.state.active).toBe(true);
  });
});
