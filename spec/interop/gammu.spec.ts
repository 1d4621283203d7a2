import { decodePDU, encodeDeliver } from '../../lib/modem/sms';
import type { SMSSubmitPDU } from '../../lib/modem/sms';
import { gammuConfig, openRig, run, scratchDir, type InteropRig } from './interop-rig';
import { missing } from './prerequisites';

/**
 * gammu (Debian's package, generic AT driver at 115200) against the ModemSimulator on a real pty:
 * what a user of a stock SMS tool sees with each vendor's module.
 */
const absent = missing('gammu');
const suite = absent ? describe.skip : describe;
if (absent) console.warn(`interop: gammu cases skipped: ${absent}`);

const TO = '+15555550100';
const timestamp = new Date(Date.UTC(2026, 10, 28, 6, 30, 0));

suite.each([
  ['u-blox', 'SARA-U201'],
  ['quectel', 'BG96'],
] as const)('gammu with %s %s', (vendor, model) => {
  let rig: InteropRig;
  let dir: ReturnType<typeof scratchDir>;
  let rc: string;
  const gammu = (...args: string[]) => run('gammu', ['-c', rc, ...args]);

  beforeEach(async () => {
    rig = await openRig({ vendor, model });
    dir = scratchDir('hologram-gammu-');
    rc = gammuConfig(dir.path, rig.pty.path);
  });
  afterEach(async () => {
    await rig.close();
    dir.remove();
  });

  it('identifies the modem', async () => {
    const result = await gammu('identify');
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(new RegExp(`IMEI\\s+: ${rig.sim.personality.identity.imei}`));
    expect(result.stdout).toMatch(new RegExp(`SIM IMSI\\s+: ${rig.sim.personality.identity.imsi}`));
    expect(result.stdout).toContain(model);
  });

  it('reads the security status (+CPIN: READY)', async () => {
    const result = await gammu('getsecuritystatus');
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('Nothing to enter');
  });

  it('shows network info with the numeric network code (+COPS=3,2)', async () => {
    const result = await gammu('networkinfo');
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/Network\s+: 310260 .*LAC 00C3, CID 0010B2F3/);
    expect(result.stdout).toMatch(/Network state\s+: home network/);
  });

  it('reads the SMS centre (+CSCA?)', async () => {
    const result = await gammu('getsmsc');
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/Number\s+: "\+447785016005"/);
  });

  it('lists each stored message once, from the SIM and the module memory', async () => {
    rig.sim.injectSMS(encodeDeliver({ sender: '+15557654321', text: 'kept on the SIM', timestamp }).pdu, { memory: 'SM' });
    rig.sim.injectSMS(encodeDeliver({ sender: '+15557654321', text: 'kept in the module', timestamp }).pdu, { memory: 'ME' });
    const result = await gammu('getallsms');
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout.split('kept on the SIM').length - 1).toBe(1);
    expect(result.stdout.split('kept in the module').length - 1).toBe(1);
    expect(result.stdout).toContain('2 SMS parts in 2 SMS sequences');
  });

  const submitted = (): SMSSubmitPDU[] => rig.sim.received.sms.map((sms) => decodePDU(sms.pduHex) as SMSSubmitPDU);

  it('sends a short SMS in PDU mode', async () => {
    const result = await gammu('sendsms', 'TEXT', TO, '-text', 'hello from gammu');
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('OK, message reference=0');
    expect(submitted()).toMatchObject([{ type: 'submit', destination: { number: TO }, text: 'hello from gammu' }]);
  });

  it('sends a long SMS as concatenated parts', async () => {
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(8).trim();
    const result = await gammu('sendsms', 'TEXT', TO, '-len', String(text.length), '-text', text);
    expect(result).toMatchObject({ code: 0 });
    const parts = submitted();
    expect(parts).toHaveLength(3);
    expect(parts.map((part) => part.concat?.sequence)).toEqual([1, 2, 3]);
    expect(parts.map((part) => part.text).join('')).toBe(text);
  });

  it('sends a Unicode SMS (UCS2)', async () => {
    const result = await gammu('sendsms', 'TEXT', TO, '-unicode', '-text', 'Grüße ✓ 你好');
    expect(result).toMatchObject({ code: 0 });
    expect(submitted()).toMatchObject([{ dcs: { alphabet: 'ucs2' }, text: 'Grüße ✓ 你好' }]);
  });
});
