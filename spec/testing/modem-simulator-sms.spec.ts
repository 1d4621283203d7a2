import { firstValueFrom } from 'rxjs';
import { duplexPair } from '../../lib/testing/duplex-pair';
import { ModemSimulator, type ModemSimulatorOptions } from '../../lib/testing/modem-simulator';
import { AtTerminal } from './at-terminal';

/** SMS-DELIVER from +31641600986, "How are you?", SMSC +31624000000: 38 octets, TPDU 30. */
const DELIVER = '07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07';
/** A second SMS-DELIVER (same sender, "hellohello" in 7-bit), no SMSC information: TPDU 28 octets. */
const DELIVER_2 = '00040B911346610089F60000208062917314080AE8329BFD4697D9EC37';
/** SMS-SUBMIT to +46708251358, "hellohello", default SMSC: TPDU 23 octets. */
const SUBMIT = '0011000B916407281553F80000AA0AE8329BFD4697D9EC37';

const opened: ModemSimulator[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((sim) => sim.close()));
});

async function setUp(options: ModemSimulatorOptions = {}): Promise<{ sim: ModemSimulator; at: AtTerminal }> {
  const [hostEnd, modemEnd] = duplexPair();
  const sim = new ModemSimulator(options);
  sim.attach(modemEnd);
  opened.push(sim);
  const at = new AtTerminal(hostEnd);
  await at.command('ATE0');
  await at.command('AT+CMEE=1');
  return { sim, at };
}

describe('ModemSimulator: SMS', () => {
  it('stores an incoming SMS with +CMTI and reads it back with AT+CMGR (unread, then read)', async () => {
    const { sim, at } = await setUp({ vendor: 'u-blox' });
    await at.command('AT+CMGF=0');
    await at.command('AT+CNMI=2,1');
    expect(sim.injectSMS(DELIVER)).toBe(1);
    expect(await at.waitFor('\r\n+CMTI: "ME",1\r\n')).toBe('\r\n+CMTI: "ME",1\r\n');
    expect(await at.command('AT+CMGR=1')).toBe(`\r\n+CMGR: 0,,30\r\n${DELIVER}\r\n\r\nOK\r\n`);
    expect(await at.command('AT+CMGR=1')).toBe(`\r\n+CMGR: 1,,30\r\n${DELIVER}\r\n\r\nOK\r\n`);
    expect(await at.command('AT+CPMS?')).toBe('\r\n+CPMS: "ME",1,50,"ME",1,50,"ME",1,50\r\n\r\nOK\r\n');
  });

  it('numbers Quectel storage from 0', async () => {
    const { sim, at } = await setUp({ vendor: 'quectel' });
    await at.command('AT+CNMI=2,1,0,0,0');
    sim.injectSMS(DELIVER);
    expect(await at.waitFor(/\+CMTI: [^\r]*\r\n/)).toBe('\r\n+CMTI: "ME",0\r\n');
  });

  it('stores silently while AT+CNMI mt is 0', async () => {
    const { sim, at } = await setUp();
    sim.injectSMS(DELIVER);
    expect(await at.command('AT')).toBe('\r\nOK\r\n');
  });

  it('lists all messages with AT+CMGL=4 and deletes with AT+CMGD', async () => {
    const { sim, at } = await setUp();
    sim.injectSMS(DELIVER);
    sim.injectSMS(DELIVER_2);
    await at.command('AT+CMGR=2');
    expect(await at.command('AT+CMGL=4')).toBe(
      `\r\n+CMGL: 1,0,,30\r\n${DELIVER}\r\n+CMGL: 2,1,,28\r\n${DELIVER_2}\r\n\r\nOK\r\n`,
    );
    expect(await at.command('AT+CMGL=0')).toBe('\r\nOK\r\n'); // listing marked them read
    expect(await at.command('AT+CMGD=1')).toBe('\r\nOK\r\n');
    expect(await at.command('AT+CMGL=4')).toBe(`\r\n+CMGL: 2,1,,28\r\n${DELIVER_2}\r\n\r\nOK\r\n`);
    expect(await at.command('AT+CMGD=0,4')).toBe('\r\nOK\r\n');
    expect(await at.command('AT+CMGL=4')).toBe('\r\nOK\r\n');
    expect(await at.command('AT+CMGR=99')).toBe('\r\n+CMS ERROR: 321\r\n');
  });

  it('delivers directly as +CMT when AT+CNMI mt is 2, or when asked to', async () => {
    const { sim, at } = await setUp();
    await at.command('AT+CNMI=2,2');
    expect(sim.injectSMS(DELIVER)).toBeUndefined();
    expect(await at.waitFor(`${DELIVER}\r\n`)).toBe(`\r\n+CMT: ,30\r\n${DELIVER}\r\n`);
    expect(sim.injectSMS(DELIVER_2, { store: true })).toBe(1);
    expect(await at.waitFor(/CMTI[^\r]*\r\n/)).toBe('\r\n+CMTI: "ME",1\r\n');
  });

  it('sends with AT+CMGS: prompt, PDU up to Ctrl-Z, +CMGS: <mr>, PDU recorded', async () => {
    const { sim, at } = await setUp();
    const submitted = firstValueFrom(sim.smsSubmitted$);
    at.write('AT+CMGS=23\r');
    expect(await at.waitFor('> ')).toBe('\r\n> ');
    at.write(`${SUBMIT}\x1a`);
    expect(await at.waitFor('OK\r\n')).toBe('\r\n+CMGS: 0\r\n\r\nOK\r\n');
    expect(await submitted).toEqual({ format: 'pdu', length: 23, pduHex: SUBMIT, messageReference: 0 });
    at.write('AT+CMGS=23\r');
    await at.waitFor('> ');
    at.write(`${SUBMIT}\x1a`);
    expect(await at.waitFor('OK\r\n')).toBe('\r\n+CMGS: 1\r\n\r\nOK\r\n');
    expect(sim.received.sms.map((s) => s.messageReference)).toEqual([0, 1]);
  });

  it('the command after a body is read as a command, even when sent in the same write', async () => {
    const { sim, at } = await setUp();
    at.write('AT+CMGS=23\r');
    await at.waitFor('> ');
    at.write(`${SUBMIT}\x1aAT+CGMI\r`);
    expect(await at.waitFor('u-blox\r\n\r\nOK\r\n')).toBe('\r\n+CMGS: 0\r\n\r\nOK\r\n\r\nu-blox\r\n\r\nOK\r\n');
    expect(sim.received.commands).toEqual(['ATE0', 'AT+CMEE=1', 'AT+CMGS=23', 'AT+CGMI']);
  });

  it('ESC cancels a CMGS; a wrong length or bad PDU is +CMS ERROR: 304', async () => {
    const { sim, at } = await setUp();
    at.write('AT+CMGS=23\r');
    await at.waitFor('> ');
    at.write(`${SUBMIT}\x1b`);
    expect(await at.waitFor('OK\r\n')).toBe('\r\nOK\r\n');
    at.write('AT+CMGS=22\r');
    await at.waitFor('> ');
    at.write(`${SUBMIT}\x1a`);
    expect(await at.waitFor(/ERROR[^\r]*\r\n/)).toBe('\r\n+CMS ERROR: 304\r\n');
    at.write('AT+CMGS=3\r');
    await at.waitFor('> ');
    at.write('00XYZ1\x1a');
    expect(await at.waitFor(/ERROR[^\r]*\r\n/)).toBe('\r\n+CMS ERROR: 304\r\n');
    expect(sim.received.sms).toEqual([]);
  });

  it('refuses to send while not registered (+CMS ERROR: 331)', async () => {
    const { sim, at } = await setUp();
    sim.setRegistration(2);
    at.write('AT+CMGS=23\r');
    await at.waitFor('> ');
    at.write(`${SUBMIT}\x1a`);
    expect(await at.waitFor(/ERROR[^\r]*\r\n/)).toBe('\r\n+CMS ERROR: 331\r\n');
  });
});
