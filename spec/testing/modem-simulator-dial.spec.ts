import { InvalidArgumentError } from '../../lib/errors';
import { duplexPair } from '../../lib/testing/duplex-pair';
import { ModemSimulator, type ModemSimulatorOptions } from '../../lib/testing/modem-simulator';
import { EscapeSequence } from '../../lib/testing/modem-simulator/escape-sequence';
import { VirtualClock } from '../../lib/testing/virtual-clock';
import { AtTerminal } from './at-terminal';

/**
 * Dialling and the V.250 basics dialers send (chat, wvdial, Device::Modem, gsmlib): S-registers and
 * profiles, junk before `AT`, `A/`, `ATD*99#` → `CONNECT`, online data, the `+++` escape with its
 * guard time (in virtual time), `ATO`, `ATH` and `NO CARRIER`. No PPP peer: the bytes of the call
 * are read from `data$`.
 */
const opened: ModemSimulator[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((sim) => sim.close()));
});

function setUp(options: ModemSimulatorOptions = {}): { sim: ModemSimulator; at: AtTerminal; clock: VirtualClock } {
  const clock = new VirtualClock();
  const [hostEnd, modemEnd] = duplexPair();
  const sim = new ModemSimulator({ scheduler: clock, ...options });
  sim.attach(modemEnd);
  opened.push(sim);
  return { sim, at: new AtTerminal(hostEnd), clock };
}

const ok = (...lines: string[]): string => (lines.length === 0 ? '\r\nOK\r\n' : `\r\n${lines.join('\r\n')}\r\n\r\nOK\r\n`);

describe('ModemSimulator: command lines as real modems take them', () => {
  it.each([
    ['+++ATH', ok()],
    ['xxAT', ok()],
    ['noise at+csq', ok('+CSQ: 17,99')],
  ])('answers the AT in %j, ignoring what comes before it', async (line, answer) => {
    const { at } = setUp();
    await at.command('ATE0');
    expect(await at.command(line)).toBe(answer);
  });

  it("runs Device::Modem's init line: basic commands run together, with spaces, ATZ among them", async () => {
    const { at } = setUp();
    at.write('+++');
    expect(await at.command('AT H0 Z S7=45 S0=0 Q0 V1 E0 &C0 X4')).toBe('+++AT H0 Z S7=45 S0=0 Q0 V1 E0 &C0 X4\r\r\nOK\r\n');
    expect(await at.command('ATS7?')).toBe(ok('045'));
    expect(await at.command('AT&V')).toContain('&C0, &D1, &K3, E0, Q0, V1, X4, S00:000, S02:043, S03:013, S04:010, S05:008, S06:002, S07:045');
  });

  it("runs wvdial's default init (ATQ0 V1 E1 S0=0 &C1 &D2 +FCLASS=0) on both vendors", async () => {
    for (const vendor of ['u-blox', 'quectel'] as const) {
      const { at } = setUp({ vendor });
      expect(await at.command('ATQ0 V1 E1 S0=0 &C1 &D2 +FCLASS=0')).toBe('ATQ0 V1 E1 S0=0 &C1 &D2 +FCLASS=0\r\r\nOK\r\n');
      expect(await at.command('AT+FCLASS?')).toContain('+FCLASS: 0');
    }
  });

  it('repeats the last command line on A/, without a line end', async () => {
    const { at } = setUp();
    await at.command('ATE0');
    await at.command('AT+CSQ;+CGMI');
    at.write('A/');
    expect(await at.waitFor(/OK\r\n/)).toBe(ok('+CSQ: 17,99', '', 'u-blox'));
    // Device::Modem sends `A/` + CR: the CR makes an empty line, which gets no answer.
    at.write('\r');
    expect(await at.command('AT')).toBe(ok());
  });

  it('suppresses final result codes after ATQ1 (information text still comes)', async () => {
    const { at } = setUp();
    await at.command('ATE0');
    at.write('ATQ1\r');
    at.write('AT+CSQ\r');
    await at.waitFor('+CSQ: 17,99\r\n');
    expect(await at.command('ATQ0')).toBe(ok());
  });

  it('reads and sets S-registers within their ranges, three digits on read', async () => {
    const { at } = setUp();
    await at.command('ATE0');
    expect(await at.command('ATS0?')).toBe(ok('000'));
    expect(await at.command('ATS0=2')).toBe(ok());
    expect(await at.command('ATS0?')).toBe(ok('002'));
    expect(await at.command('ATS2?')).toBe(ok('043'));
    expect(await at.command('ATS12?')).toBe(ok('050'));
    expect(await at.command('ATS0=256')).toBe('\r\nERROR\r\n');
    expect(await at.command('ATS9?')).toBe('\r\nERROR\r\n');
    // The simulator frames with CR LF: changing S3/S4 is refused rather than ignored.
    expect(await at.command('ATS3=13')).toBe(ok());
    expect(await at.command('ATS3=10')).toBe('\r\nERROR\r\n');
  });

  it('Quectel has no S2/S12 (fixed +++ with 1 s guard) and no &K (it uses +IFC)', async () => {
    const { at } = setUp({ vendor: 'quectel' });
    await at.command('ATE0');
    expect(await at.command('ATS12?')).toBe('\r\nERROR\r\n');
    expect(await at.command('AT&K3')).toBe('\r\nERROR\r\n');
    expect(await at.command('ATS10?')).toBe(ok('015'));
  });

  it('AT&W stores the profile that ATZ and a reboot bring back; AT&F gives the factory one', async () => {
    const { at, sim, clock } = setUp();
    await at.command('ATE0');
    await at.command('ATS0=3');
    await at.command('AT&D2');
    expect(await at.command('AT&W')).toBe(ok());
    await at.command('ATS0=5');
    expect(await at.command('ATZ')).toBe(ok());
    expect(await at.command('ATS0?')).toBe(ok('003'));
    expect(await at.command('AT&F')).toBe(ok());
    expect(await at.command('ATS0?')).toBe('ATS0?\r\r\n000\r\n\r\nOK\r\n');
    await at.command('AT+CFUN=16');
    await clock.advance(1000);
    expect(sim.personality.model).toBe('SARA-U201');
    expect(await at.command('ATS0?')).toBe(ok('003'));
    expect(await at.command('AT&V')).toMatch(/ACTIVE PROFILE:\r\n&C1, &D2, &K3, E0,/);
  });

  it('prints AT&V the Quectel way: one item per line', async () => {
    const { at } = setUp({ vendor: 'quectel' });
    await at.command('ATE0');
    expect(await at.command('AT&V')).toBe(
      ok('&C: 1', '&D: 2', '&F: 0', '&W: 0', 'E: 0', 'Q: 0', 'V: 1', 'X: 1', 'Z: 0', 'S0: 0', 'S3: 13', 'S4: 10', 'S5: 8', 'S6: 2', 'S7: 0', 'S8: 2', 'S10: 15'),
    );
  });

  it('keeps AT+IPR and refuses rates the modules do not list', async () => {
    const { at } = setUp();
    await at.command('ATE0');
    await at.command('AT+CMEE=1');
    expect(await at.command('AT+IPR=9600')).toBe(ok());
    expect(await at.command('AT+IPR?')).toBe(ok('+IPR: 9600'));
    expect(await at.command('AT+IPR=12345')).toBe('\r\n+CME ERROR: 3\r\n');
  });
});

describe('ModemSimulator: a dialled packet data call', () => {
  it.each([
    ['u-blox', 'ATD*99***1#'],
    ['u-blox', 'ATDT*99#'],
    ['quectel', 'ATD*99***1#'],
    ['quectel', 'ATD*99**PPP*1#'],
  ] as const)('%s: %s connects; bytes go to data$, +++ after the guard time escapes, ATO resumes, ATH hangs up', async (vendor, dial) => {
    const { at, sim, clock } = setUp({ vendor });
    const data: string[] = [];
    sim.data$.subscribe((bytes) => data.push(bytes.toString('latin1')));
    await at.command('ATE0');
    expect(await at.command('AT+CGDCONT=1,"IP","hologram"')).toBe(ok());
    at.write(`${dial}\r`);
    expect(await at.waitFor('CONNECT\r\n')).toBe('\r\nCONNECT\r\n');
    expect(sim.call).toMatchObject({ kind: 'online-data', cid: 1 });

    at.write('~\x7d\x23AT+CSQ\r');
    sim.sendData('~from the network~');
    expect(await at.waitFor('~from the network~')).toBe('~from the network~');
    // Escape characters without the guard time before them are data.
    at.write('+++');
    await clock.advance(2000);
    expect(sim.call.kind).toBe('online-data');

    await clock.advance(1500);
    at.write('+++');
    await clock.advance(999);
    expect(sim.call.kind).toBe('online-data');
    await clock.advance(1);
    expect(await at.waitFor(/OK\r\n/)).toBe('\r\nOK\r\n');
    expect(sim.call.kind).toBe('online-command');
    expect(data.join('')).toBe('~\x7d\x23AT+CSQ\r++++++');

    expect(await at.command('AT+CSQ')).toBe(ok('+CSQ: 17,99'));
    at.write('ATO\r');
    expect(await at.waitFor('CONNECT\r\n')).toBe('\r\nCONNECT\r\n');
    at.write('more');
    await clock.advance(1000);
    at.write('+');
    at.write('++');
    await clock.advance(1000);
    await at.waitFor('\r\nOK\r\n');
    expect(await at.command('ATH')).toBe(ok());
    expect(sim.call).toEqual({ kind: 'command' });
    expect(await at.command('ATO')).toBe('\r\nNO CARRIER\r\n');
    expect(data.join('')).toContain('more+++');
  });

  it('the escape character and guard time follow S2 and S12 (u-blox)', async () => {
    const { at, sim, clock } = setUp();
    await at.command('ATE0');
    await at.command('ATS2=42;S12=5');
    at.write('ATD*99#\r');
    await at.waitFor('CONNECT\r\n');
    await clock.advance(100);
    at.write('+++');
    await clock.advance(200);
    expect(sim.call.kind).toBe('online-data');
    at.write('***');
    await clock.advance(100);
    await at.waitFor('\r\nOK\r\n');
    expect(sim.call.kind).toBe('online-command');
  });

  it('turning the radio off from online command state ends the call', async () => {
    const { at, sim, clock } = setUp();
    await at.command('ATE0');
    at.write('ATD*99***1#\r');
    await at.waitFor('CONNECT\r\n');
    await clock.advance(1000);
    at.write('+++');
    await clock.advance(1000);
    await at.waitFor('\r\nOK\r\n');
    expect(await at.command('AT+CFUN=0')).toBe(ok());
    expect(sim.call).toEqual({ kind: 'command' });
    expect(await at.command('ATO')).toBe('\r\nNO CARRIER\r\n');
  });

  it('a byte after the escape characters, within the guard time, cancels the escape', async () => {
    const { at, sim, clock } = setUp();
    await at.command('ATE0');
    at.write('ATD*99#\r');
    await at.waitFor('CONNECT\r\n');
    await clock.advance(1000);
    at.write('+++');
    await clock.advance(500);
    at.write('x');
    await clock.advance(2000);
    expect(sim.call.kind).toBe('online-data');
  });

  it('answers NO CARRIER when not registered and for numbers that are not packet data', async () => {
    const { at, sim } = setUp({ registration: { stat: 2 } });
    await at.command('ATE0');
    expect(await at.command('ATD*99***1#')).toBe('\r\nNO CARRIER\r\n');
    sim.setRegistration(1);
    expect(await at.command('ATD+15555550100;')).toBe('\r\nNO CARRIER\r\n');
    expect(await at.command('ATD*99***17#')).toBe('\r\nNO CARRIER\r\n');
    expect(sim.call).toEqual({ kind: 'command' });
  });

  it('numeric result codes after ATV0: CONNECT is 1, NO CARRIER 3', async () => {
    const { at, sim } = setUp();
    await at.command('ATE0');
    await at.command('ATV0');
    at.write('ATD*99#\r');
    expect(await at.waitFor('1\r')).toBe('1\r');
    sim.dropCall();
    expect(await at.waitFor('3\r')).toBe('3\r');
    expect(sim.call).toEqual({ kind: 'command' });
  });

  it('the network ending the call (dropPDP) gives NO CARRIER and the dial-activated context goes down', async () => {
    const { at, sim } = setUp({ vendor: 'quectel' });
    await at.command('ATE0');
    at.write('ATD*99***2#\r');
    await at.waitFor('CONNECT\r\n');
    sim.dropPDP();
    expect(await at.waitFor('NO CARRIER\r\n')).toBe('\r\nNO CARRIER\r\n');
    expect(await at.command('AT+CGACT?')).toBe(ok('+CGACT: 2,0'));
  });

  it('losing the network ends the call with NO CARRIER', async () => {
    const { at, sim } = setUp();
    await at.command('ATE0');
    at.write('ATD*99#\r');
    await at.waitFor('CONNECT\r\n');
    sim.setRegistration(2);
    expect(await at.waitFor('NO CARRIER\r\n')).toBe('\r\nNO CARRIER\r\n');
    expect(sim.call).toEqual({ kind: 'command' });
  });

  it('refuses phone book options the SIM could not hold, naming the value', () => {
    expect(() => new ModemSimulator({ phonebook: [{ number: 'call me', text: 'x' }] })).toThrow(/"call me"/);
    expect(() => new ModemSimulator({ phonebook: [{ number: '+1555', text: 'a name far too long for a SIM' }] })).toThrow(/at most 18/);
    expect(() => new ModemSimulator({ ownNumber: '' })).toThrow(InvalidArgumentError);
  });

  it('a command line that arrives while online data waits for the data state to end', async () => {
    const { at, sim } = setUp();
    await at.command('ATE0');
    at.write('ATD*99#\r');
    await at.waitFor('CONNECT\r\n');
    sim.dropCall();
    await at.waitFor('NO CARRIER\r\n');
    expect(await at.command('AT')).toBe(ok());
  });
});

describe('EscapeSequence (pure)', () => {
  const plus = Buffer.from('+');
  it.each([
    ['three at once after the guard', [[1000, '+++']], true],
    ['one by one', [[1000, '+'], [1100, '+'], [1200, '+']], true],
    ['too early', [[999, '+++']], false],
    ['four', [[1000, '++'], [1001, '++']], false],
    ['mixed with data', [[1000, '+a+']], false],
  ] as const)('%s', (_title, feeds, armed) => {
    const escape = new EscapeSequence(0);
    let ticket: number | undefined;
    for (const [at, text] of feeds) ticket = escape.feed(Buffer.from(text), at, plus[0], 1000);
    expect(ticket !== undefined && escape.confirm(ticket)).toBe(armed);
  });
});
