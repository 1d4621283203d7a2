import { join } from 'node:path';
import { decodePDU } from '../../lib/modem/sms';
import { openRig, run, type InteropRig } from './interop-rig';
import { missing, pythonSdkPath } from './prerequisites';

/**
 * Hologram's Python SDK (its public source, run by Debian's python3) against the ModemSimulator on
 * a real pty and the CloudEmulator: its own modem classes, HologramCloud with csrpsk
 * authentication, and a stub for its closed python-sdk-auth package (python/stubs).
 */
const absent = missing('python-sdk');
const suite = absent ? describe.skip : describe;
if (absent) console.warn(`interop: Python SDK cases skipped: ${absent}`);

const DRIVER = join(__dirname, 'python', 'hologram_driver.py');
const KEY = 'abcdefgh';
const TO = '+15555550100';

type StepResult = { step: string; ok: true; value: unknown } | { step: string; ok: false; error: string; trace: string };

async function drive(rig: InteropRig, modemClass: string, steps: object[]): Promise<Record<string, StepResult>> {
  const env = { PYTHONPATH: [join(__dirname, 'python', 'stubs'), pythonSdkPath()].join(':') };
  const result = await run('/usr/bin/python3', [DRIVER, modemClass, rig.pty.path, ...steps.map((s) => JSON.stringify(s))], env, 120_000);
  const lines = result.stdout.split('\n').filter((line) => line.startsWith('{'));
  if (lines.length !== steps.length) throw new Error(`driver exited ${result.code}: ${result.stdout}\n${result.stderr}`);
  return Object.fromEntries(lines.map((line) => JSON.parse(line) as StepResult).map((r) => [r.step, r]));
}

const value = (result: StepResult | undefined): unknown => {
  if (!result?.ok) throw new Error(`step failed: ${result ? `${result.error}\n${result.trace}` : 'missing'}`);
  return result.value;
};

suite.each([
  ['u-blox', 'SARA-U201', 'Nova_U201'],
  ['u-blox', 'SARA-R410M-02B', 'NovaM'],
  ['quectel', 'BG96', 'BG96'],
  ['quectel', 'EC21', 'EC21'],
] as const)('Python SDK with %s %s (%s)', (vendor, model, modemClass) => {
  let rig: InteropRig;
  beforeEach(async () => {
    rig = await openRig({ vendor, model });
  });
  afterEach(() => rig.close());

  it('reads identity, registration and operator, and sends a text-mode SMS and a message over AT sockets', async () => {
    const results = await drive(rig, modemClass, [
      { step: 'identity' },
      { step: 'registered' },
      { step: 'sms', args: { to: TO, text: 'hello from python' } },
      { step: 'cloud_message', args: { key: KEY, message: 'over AT sockets', topics: ['interop'] } },
    ]);
    const { identity } = rig.sim.personality;
    expect(value(results.identity)).toMatchObject({ imei: identity.imei, imsi: identity.imsi, modem_id: model, operator: 'T-Mobile', signal: '17,99' });
    if (vendor === 'u-blox') {
      expect(value(results.identity)).toMatchObject({ iccid: identity.iccid.replace(/F$/, '') });
    } else {
      // The Python SDK asks every modem for AT+CCID; the BG96 and EC21 have AT+QCCID only (their
      // AT manuals), so a real Quectel unit fails it too: the SDK's limit, not the simulator's.
      expect(value(results.identity)).toMatchObject({ iccid_error: expect.stringContaining('rstrip') });
    }
    expect(value(results.registered)).toBe(true);

    // Text mode: AT+CMGF=1, AT+CMGS="<number>", the text (the SDK ends it with CR), Ctrl-Z.
    expect(value(results.sms)).toBe(true);
    expect(rig.sim.received.sms).toMatchObject([{ format: 'text', destination: TO, text: 'hello from python\r' }]);
    expect(decodePDU(rig.sim.received.sms[0].pduHex)).toMatchObject({ type: 'submit', text: 'hello from python\r' });

    expect(value(results.cloud_message)).toBe(0);
    expect(rig.cloud.messages).toMatchObject([{ deviceKey: KEY, data: 'over AT sockets', topics: ['interop'] }]);
  });

  it('gets a refusal for a Unicode or over-long text-mode SMS, which it sends unencoded', async () => {
    // The Python SDK writes the text as UTF-8 in text mode without selecting UCS2 (AT+CSCS/AT+CSMP)
    // and does not split long text: the module refuses both (+CMS ERROR: 305) and nothing is sent.
    const results = await drive(rig, modemClass, [
      { step: 'sms', args: { to: TO, text: 'Grüße ✓' } },
      { step: 'registered' },
    ]);
    const long = await drive(rig, modemClass, [{ step: 'sms', args: { to: TO, text: 'x'.repeat(200) } }]);
    expect(value(results.sms)).toBe(false);
    expect(value(long.sms)).toBe(false);
    expect(value(results.registered)).toBe(true);
    expect(rig.sim.received.sms).toEqual([]);
  });

  if (modemClass === 'Nova_U201') {
    it('reads the USB mode, the version and a CellLocate position', async () => {
      rig.sim.setPosition({ latitude: 52.5200066, longitude: 13.404954, altitude: 34, uncertainty: 800 });
      const results = await drive(rig, modemClass, [{ step: 'modem_mode' }, { step: 'version' }, { step: 'location' }]);
      expect(value(results.modem_mode)).toBe(0);
      expect(value(results.version)).toBe(rig.sim.personality.identity.version);
      expect(value(results.location)).toMatchObject({
        date: expect.stringMatching(/^\d\d\/\d\d\/\d{4}$/),
        time: expect.stringMatching(/^\d\d:\d\d:\d\d\.\d{3}$/),
        latitude: '52.5200066',
        longitude: '13.4049540',
        altitude: '34',
        uncertainty: '800',
      });
    });
  }

  it('sends an SMS frame through the cloud that the emulator accepts', async () => {
    await drive(rig, modemClass, [
      { step: 'cloud_sms', args: { key: KEY, to: TO, text: 'through the cloud', host: '127.0.0.1', port: rig.cloud.port } },
    ]);
    expect(rig.cloud.received).toMatchObject([{ kind: 'sms', deviceKey: KEY, destination: TO, body: 'through the cloud', code: 0 }]);
  });

  // The cloud answers SMS frames with a bare digit, which is how the Python SDK reads them.
  it('gets 0 from sendSMS through the cloud', async () => {
    const results = await drive(rig, modemClass, [
      { step: 'cloud_sms', args: { key: KEY, to: TO, text: 'through the cloud', host: '127.0.0.1', port: rig.cloud.port } },
    ]);
    expect(value(results.cloud_sms)).toBe(0);
  });
});
