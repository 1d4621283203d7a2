import { firstValueFrom } from 'rxjs';
import { Modem } from '../../../lib/modem/modem';
import { modemEngine } from '../../../lib/modem/modem-engine';
import { LocationError } from '../../../lib/modem/location/location-error';
import { PDPContext } from '../../../lib/modem/sockets/pdp-context';
import { pdpFlavour } from '../../../lib/network/cellular/cellular-mode';
import { ModemSimulator, type ModemSimulatorOptions } from '../../../lib/testing/modem-simulator';
import { openPtyPair, type PtyPair } from '../../../lib/testing/pty-pair';

/**
 * modem.location() over a REAL pty with the REAL serialport binding, the simulator on the far end
 * answering CellLocate (u-blox) and GNSS (Quectel) at a configured position, or never finding one.
 */
const BERLIN = { latitude: 52.5200066, longitude: 13.404954, altitude: 34, uncertainty: 800 };

describe('modem location over a pty', () => {
  let pair: PtyPair;
  let simulator: ModemSimulator;
  let modem: Modem | undefined;

  async function open(options: ModemSimulatorOptions): Promise<Modem> {
    simulator = new ModemSimulator(options);
    simulator.attach(pair.stream);
    modem = await Modem.open(pair.path);
    return modem;
  }

  /** CellLocate asks u-blox's server: bring the data context up first, as the CLI does. */
  async function dataContextUp(m: Modem): Promise<void> {
    const context = new PDPContext(modemEngine(m), pdpFlavour(m.driver));
    await firstValueFrom(context.activate$('hologram'));
    context.close();
  }

  beforeEach(async () => {
    pair = await openPtyPair();
  });
  afterEach(async () => {
    await modem?.close();
    modem = undefined;
    await simulator?.close();
    await pair.close();
  });

  it('u-blox SARA-U201: CellLocate finds the configured position through +ULOC and the +UULOC URC', async () => {
    const m = await open({ vendor: 'u-blox', model: 'SARA-U201', position: BERLIN, locationDelayMs: 50 });
    await dataContextUp(m);
    const before = Date.now();
    const location = await m.readLocation({ timeoutMs: 10_000 });
    expect(location).toMatchObject({ method: 'cell-locate', latitude: 52.5200066, longitude: 13.404954, altitude: 34, uncertainty: 800 });
    expect(Math.abs(location.time.getTime() - before)).toBeLessThan(60_000);
    expect(simulator.received.commands).toContain('AT+ULOC=2,2,0,10,100');
  });

  it('u-blox: location$ is cold, one fix per subscription, and follows the modem when it moves', async () => {
    const m = await open({ vendor: 'u-blox', model: 'SARA-U201', position: BERLIN, locationDelayMs: 20 });
    await dataContextUp(m);
    const location$ = m.location$;
    expect(simulator.received.commands.filter((c) => c.startsWith('AT+ULOC'))).toHaveLength(0);
    expect(await firstValueFrom(location$)).toMatchObject({ latitude: 52.5200066 });
    simulator.setPosition({ latitude: -33.8688197, longitude: 151.2092955 });
    expect(await firstValueFrom(location$)).toMatchObject({ latitude: -33.8688197, longitude: 151.2092955 });
    expect(simulator.received.commands.filter((c) => c.startsWith('AT+ULOC'))).toHaveLength(2);
  });

  it('u-blox: no-fix when CellLocate finds nothing (no position, or the data context down)', async () => {
    const m = await open({ vendor: 'u-blox', model: 'SARA-U201', position: BERLIN, locationDelayMs: 20 });
    // Data context down: the modem reports a zero position.
    const down = await m.readLocation({ timeoutMs: 5000 }).catch((error: unknown) => error);
    expect(down).toBeInstanceOf(LocationError);
    expect(down).toMatchObject({ reason: 'no-fix', method: 'cell-locate' });
    await dataContextUp(m);
    simulator.setPosition(null);
    await expect(m.readLocation({ timeoutMs: 5000 })).rejects.toMatchObject({ reason: 'no-fix' });
    // The modem is still usable afterwards.
    expect((await m.command('AT')).final).toBe('OK');
  });

  it('Quectel BG96: GNSS answers 516 until its fix is in, then the position', async () => {
    const m = await open({ vendor: 'quectel', model: 'BG96', position: BERLIN, locationDelayMs: 400 });
    const location = await m.readLocation({ timeoutMs: 10_000, pollIntervalMs: 100 });
    expect(location).toMatchObject({ method: 'gnss', latitude: 52.52001, longitude: 13.40495, altitude: 34, satellites: 8 });
    const reads = simulator.received.commands.filter((c) => c === 'AT+QGPSLOC=2');
    // About one read per interval while there was no fix: never a tight loop.
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(reads.length).toBeLessThanOrEqual(8);
    // The receiver stays on: the next fix needs no new AT+QGPS=1 to succeed.
    expect(await m.readLocation({ timeoutMs: 5000, pollIntervalMs: 100 })).toMatchObject({ method: 'gnss' });
  });

  it('Quectel EC21: timeout when GNSS never gets a fix', async () => {
    const m = await open({ vendor: 'quectel', model: 'EC21', position: null });
    const error = await m.readLocation({ timeoutMs: 700, pollIntervalMs: 200 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LocationError);
    expect(error).toMatchObject({ reason: 'timeout', method: 'gnss', timeoutMs: 700 });
  });
});
