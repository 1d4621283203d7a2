import { firstValueFrom, take, toArray } from 'rxjs';
import { InvalidArgumentError } from '../../lib/errors';
import { duplexPair } from '../../lib/testing/duplex-pair';
import { ModemSimulator, type ModemSimulatorOptions } from '../../lib/testing/modem-simulator';
import { AtTerminal } from './at-terminal';

/** A simulator attached to one end of an in-process duplex pair, the terminal on the other. */
function setUp(options: ModemSimulatorOptions = {}): { sim: ModemSimulator; at: AtTerminal } {
  const [hostEnd, modemEnd] = duplexPair();
  const sim = new ModemSimulator(options);
  sim.attach(modemEnd);
  opened.push(sim);
  return { sim, at: new AtTerminal(hostEnd) };
}

const opened: ModemSimulator[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((sim) => sim.close()));
});

describe('ModemSimulator: framing and settings', () => {
  it('echoes command lines until ATE0, then answers without echo', async () => {
    const { at } = setUp();
    expect(await at.command('AT')).toBe('AT\r\r\nOK\r\n');
    expect(await at.command('ATE0')).toBe('ATE0\r\r\nOK\r\n');
    expect(await at.command('AT+CSQ')).toBe('\r\n+CSQ: 17,99\r\n\r\nOK\r\n');
  });

  it('tolerates \\r\\n line endings and ignores lines that are not AT commands', async () => {
    const { at, sim } = setUp();
    await at.command('ATE0');
    at.write('hello\r');
    expect(await at.command('AT\r\n')).toBe('\r\nOK\r\n');
    expect(sim.received.commands).toEqual(['ATE0', 'hello', 'AT']);
  });

  it('answers numeric result codes after ATV0', async () => {
    const { at } = setUp();
    await at.command('ATE0');
    expect(await at.command('ATV0')).toBe('0\r');
    expect(await at.command('AT+CSQ')).toBe('+CSQ: 17,99\r\n0\r');
    expect(await at.command('AT+NOPE')).toBe('4\r');
    expect(await at.command('ATV1')).toBe('\r\nOK\r\n');
  });

  it('answers ERROR to unknown commands', async () => {
    const { at } = setUp();
    await at.command('ATE0');
    expect(await at.command('AT+FOO=1')).toBe('\r\nERROR\r\n');
  });

  it('reports CME errors as plain ERROR, numbers or text per AT+CMEE', async () => {
    const { at, sim } = setUp();
    await at.command('ATE0');
    sim.failNext('AT+CSQ', 14, 3);
    expect(await at.command('AT+CSQ')).toBe('\r\nERROR\r\n');
    await at.command('AT+CMEE=1');
    expect(await at.command('AT+CSQ')).toBe('\r\n+CME ERROR: 14\r\n');
    await at.command('AT+CMEE=2');
    expect(await at.command('AT+CSQ')).toBe('\r\n+CME ERROR: SIM busy\r\n');
    expect(await at.command('AT+CSQ')).toBe('\r\n+CSQ: 17,99\r\n\r\nOK\r\n');
    expect(await at.command('AT+CMEE?')).toBe('\r\n+CMEE: 2\r\n\r\nOK\r\n');
  });

  it('failNext matches RegExps and leaves other commands alone', async () => {
    const { at, sim } = setUp();
    await at.command('ATE0');
    await at.command('AT+CMEE=1');
    sim.failNext(/^AT\+CGSN$/, 515);
    expect(await at.command('AT+CIMI')).toBe('\r\n234507097123456\r\n\r\nOK\r\n');
    expect(await at.command('AT+CGSN')).toBe('\r\n+CME ERROR: 515\r\n');
    expect(await at.command('AT+CGSN')).toBe('\r\n357520070000011\r\n\r\nOK\r\n');
  });

  it('ATZ restores power-on settings (echo on, CMEE default)', async () => {
    const { at } = setUp();
    await at.command('ATE0');
    await at.command('AT+CMEE=2');
    expect(await at.command('ATZ')).toBe('\r\nOK\r\n');
    expect(await at.command('AT+CMEE?')).toBe('AT+CMEE?\r\r\n+CMEE: 0\r\n\r\nOK\r\n');
  });

  it('rejects bad knob values with errors naming them', () => {
    const sim = new ModemSimulator();
    opened.push(sim);
    expect(() => sim.setRegistration(7)).toThrow(InvalidArgumentError);
    expect(() => sim.setSignal(40)).toThrow(/rssi/);
    expect(() => sim.injectSMS('zz')).toThrow(/PDU/);
    expect(() => sim.failNext('AT', -1)).toThrow(/cmeCode|CME/);
    expect(() => new ModemSimulator({ vendor: 'quectel', model: 'EG25' })).toThrow(/EG25/);
  });
});

describe('ModemSimulator: identity per personality', () => {
  it('u-blox SARA-U201', async () => {
    const { at, sim } = setUp({ vendor: 'u-blox' });
    await at.command('ATE0');
    expect(sim.personality.usbIds).toContainEqual({ vendorId: '1546', productId: '1102' });
    expect(await at.command('AT+CGMI')).toBe('\r\nu-blox\r\n\r\nOK\r\n');
    expect(await at.command('AT+CGMM')).toBe('\r\nSARA-U201\r\n\r\nOK\r\n');
    expect(await at.command('AT+CGMR')).toBe('\r\n23.60\r\n\r\nOK\r\n');
    expect(await at.command('AT+GSN')).toBe('\r\n357520070000011\r\n\r\nOK\r\n');
    expect(await at.command('AT+CCID')).toBe('\r\n+CCID: 8944500102198304826F\r\n\r\nOK\r\n');
    expect(await at.command('ATI9')).toBe('\r\n23.60,A01.01\r\n\r\nOK\r\n');
    expect(await at.command('ATI')).toContain('Model: SARA-U201\r\n');
    expect(await at.command('AT+QCCID')).toBe('\r\nERROR\r\n');
    expect(await at.command('AT+CEREG?')).toBe('\r\nERROR\r\n');
  });

  it('u-blox SARA-R410M-02B', async () => {
    const { at, sim } = setUp({ vendor: 'u-blox', model: 'R410', identity: { imei: '111111111111111' } });
    await at.command('ATE0');
    expect(sim.personality.usbIds).toEqual([{ vendorId: '05c6', productId: '90b2' }]);
    expect(sim.personality.registrationCommands).toContain('+CEREG');
    expect(await at.command('AT+CGMM')).toBe('\r\nSARA-R410M-02B\r\n\r\nOK\r\n');
    expect(await at.command('AT+CGSN')).toBe('\r\n111111111111111\r\n\r\nOK\r\n');
    expect(await at.command('AT+UPSDA=0,3')).toBe('\r\nERROR\r\n');
  });

  it('Quectel BG96 and EC21', async () => {
    const bg96 = setUp({ vendor: 'quectel' });
    await bg96.at.command('ATE0');
    expect(bg96.sim.personality.usbIds).toEqual([{ vendorId: '2c7c', productId: '0296' }]);
    expect(await bg96.at.command('ATI')).toBe('\r\nQuectel\r\nBG96\r\nRevision: BG96MAR02A07M1G\r\n\r\nOK\r\n');
    expect(await bg96.at.command('AT+QCCID')).toBe('\r\n+QCCID: 89445001021983048425\r\n\r\nOK\r\n');
    expect(await bg96.at.command('AT+CCID')).toBe('\r\nERROR\r\n');
    expect(await bg96.at.command('ATI9')).toBe('\r\nERROR\r\n');

    const ec21 = setUp({ vendor: 'quectel', model: 'EC21' });
    await ec21.at.command('ATE0');
    expect(ec21.sim.personality.resetCommand).toBe('AT+CFUN=1,1');
    expect(await ec21.at.command('AT+CGMM')).toBe('\r\nEC21\r\n\r\nOK\r\n');
    expect(await ec21.at.command('AT+CIMI')).toBe('\r\n234507097123459\r\n\r\nOK\r\n');
  });
});

describe('ModemSimulator: registration and radio', () => {
  it('prints registration URCs per mode: none at 0, stat at 1, location at 2', async () => {
    const { at, sim } = setUp({ vendor: 'u-blox' });
    await at.command('ATE0');
    expect(await at.command('AT+CREG?')).toBe('\r\n+CREG: 0,1\r\n\r\nOK\r\n');
    sim.setRegistration(2);
    await at.command('AT+CREG=1');
    sim.setRegistration(5);
    expect(await at.waitFor('\r\n+CREG: 5\r\n')).toBe('\r\n+CREG: 5\r\n');
    await at.command('AT+CGREG=2');
    sim.setRegistration(1, { lac: '1A2B', ci: '00C0FFEE' });
    expect(await at.waitFor('\r\n+CGREG: 1,"1A2B","00C0FFEE",2\r\n')).toBe('\r\n+CREG: 1\r\n\r\n+CGREG: 1,"1A2B","00C0FFEE",2\r\n');
    expect(await at.command('AT+CGREG?')).toBe('\r\n+CGREG: 2,1,"1A2B","00C0FFEE",2\r\n\r\nOK\r\n');
    await at.command('AT+CREG=0');
    sim.setRegistration(3);
    expect(await at.command('AT')).toBe('\r\n+CGREG: 3\r\n\r\nOK\r\n');
  });

  it('prints +CEREG with tac and ci on an LTE unit', async () => {
    const { at, sim } = setUp({ vendor: 'quectel', registration: { stat: 2 } });
    await at.command('ATE0');
    await at.command('AT+CEREG=2');
    sim.setRegistration(1, { act: 9, lac: '0B2C', ci: '01A2D001' });
    expect(await at.waitFor('\r\n+CEREG: 1,"0B2C","01A2D001",9\r\n')).toContain('+CEREG');
    expect(await at.command('AT+COPS?')).toBe('\r\n+COPS: 0,0,"T-Mobile",9\r\n\r\nOK\r\n');
  });

  it('AT+CFUN=0 deregisters and AT+CFUN=1 registers again', async () => {
    const { at } = setUp({ vendor: 'u-blox' });
    await at.command('ATE0');
    await at.command('AT+CREG=1');
    expect(await at.command('AT+CFUN=0')).toBe('\r\n+CREG: 0\r\n\r\nOK\r\n');
    expect(await at.command('AT+COPS?')).toBe('\r\n+COPS: 0\r\n\r\nOK\r\n');
    expect(await at.command('AT+CSQ')).toBe('\r\n+CSQ: 99,99\r\n\r\nOK\r\n');
    expect(await at.command('AT+CFUN=1')).toBe('\r\n+CREG: 1\r\n\r\nOK\r\n');
    expect(await at.command('AT+UDOPN=12')).toBe('\r\n+UDOPN: 12,"T-Mobile"\r\n\r\nOK\r\n');
  });

  it('reports the signal set by setSignal, also as +CESQ on LTE units', async () => {
    const { at, sim } = setUp({ vendor: 'quectel' });
    await at.command('ATE0');
    sim.setSignal(20, 0);
    expect(await at.command('AT+CSQ')).toBe('\r\n+CSQ: 20,0\r\n\r\nOK\r\n');
    // rssi 20 = -73 dBm; RSRP taken 17 dB lower = -90 dBm = index 51.
    expect(await at.command('AT+CESQ')).toBe('\r\n+CESQ: 99,99,255,255,20,51\r\n\r\nOK\r\n');
  });

  it('resets on AT+CFUN=16 (u-blox): OK, off the line, then echo on again', async () => {
    const { at, sim } = setUp({ vendor: 'u-blox', rebootMs: 20 });
    const resets = firstValueFrom(sim.resets$);
    const booted = firstValueFrom(sim.booted$);
    await at.command('ATE0');
    expect(await at.command('AT+CFUN=16')).toBe('\r\nOK\r\n');
    await resets;
    at.write('AT+CGMI\r'); // lost: the modem is rebooting
    await booted;
    expect(await at.command('AT')).toBe('AT\r\r\nOK\r\n');
    expect(at.all).not.toContain('u-blox');
    expect(sim.received.commands).not.toContain('AT+CGMI');
  });

  it('prints RDY after a Quectel reset (AT+CFUN=1,1)', async () => {
    const { at } = setUp({ vendor: 'quectel', rebootMs: 5 });
    await at.command('ATE0');
    expect(await at.command('AT+CFUN=1,1')).toBe('\r\nOK\r\n');
    expect(await at.waitFor('\r\nRDY\r\n')).toBe('\r\nRDY\r\n');
    expect(await at.command('AT')).toBe('AT\r\r\nOK\r\n');
  });
});

describe('ModemSimulator: faults', () => {
  it('waits latencyMs before answering (the answer is not there when the echo is)', async () => {
    const { at, sim } = setUp({ latencyMs: 300 });
    at.write('AT+CSQ\r');
    await at.waitFor('AT+CSQ\r');
    expect(at.pending).toBe('');
    expect(await at.waitFor('OK\r\n')).toBe('\r\n+CSQ: 17,99\r\n\r\nOK\r\n');
    sim.latencyMs = 0;
    expect(await at.command('AT')).toBe('AT\r\r\nOK\r\n');
  });

  it('answers nothing while silenced, but records the commands', async () => {
    const { at, sim } = setUp();
    await at.command('ATE0');
    sim.silence(true);
    const seen = firstValueFrom(sim.commands$);
    at.write('AT+CSQ\r');
    expect(await seen).toBe('AT+CSQ');
    sim.injectURC('RING');
    expect(await at.waitFor('RING\r\n')).toBe('\r\nRING\r\n');
    sim.silence(false);
    expect(await at.command('AT')).toBe('\r\nOK\r\n');
  });

  it('writes injected garbage and URCs as they are', async () => {
    const { at, sim } = setUp();
    sim.injectGarbage(Buffer.from([0xff, 0x00, 0x41]));
    sim.injectURC('+CUSD: 0,"hi",15');
    expect(await at.waitFor('+CUSD: 0,"hi",15\r\n')).toBe('\xff\x00A\r\n+CUSD: 0,"hi",15\r\n');
  });

  it('unplug ends the stream, stops answering and emits unplugged$', async () => {
    const { at, sim } = setUp();
    const unplugged = firstValueFrom(sim.unplugged$);
    await at.command('AT');
    sim.unplug();
    await unplugged;
    await new Promise<void>((resolve) => (at.ended ? resolve() : at.stream.once('end', () => resolve())));
    expect(at.ended).toBe(true);
    at.write('AT+CSQ\r');
    await new Promise((resolve) => setImmediate(resolve));
    expect(sim.received.commands).toEqual(['AT']);
  });

  it('commands$ emits every command line in order', async () => {
    const { at, sim } = setUp();
    const lines = firstValueFrom(sim.commands$.pipe(take(3), toArray()));
    await at.command('AT');
    await at.command('ATE0');
    await at.command('AT+CGMI');
    expect(await lines).toEqual(['AT', 'ATE0', 'AT+CGMI']);
  });
});
