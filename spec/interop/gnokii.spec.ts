import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePDU, encodeDeliver, type SMSSubmitPDU } from '../../lib/modem/sms';
import { openRig, run, scratchDir, type InteropRig } from './interop-rig';
import { missing } from './prerequisites';

/**
 * gnokii (Debian's gnokii-cli, its generic AT driver) against the ModemSimulator on a real pty:
 * identity, the monitor, the clock, SMS send/read/delete and the SIM phone book, with each
 * vendor's module. Each run logs gnokii's AT exchange (debug on), so a failing case shows it.
 */
const absent = missing('gnokii');
const suite = absent ? describe.skip : describe;
if (absent) console.warn(`interop: gnokii cases skipped: ${absent}`);

const TO = '+15555550100';
const timestamp = new Date(Date.UTC(2026, 10, 28, 6, 30, 0));

suite.each([
  ['u-blox', 'SARA-U201'],
  ['quectel', 'BG96'],
] as const)('gnokii with %s %s', (vendor, model) => {
  let rig: InteropRig;
  let dir: ReturnType<typeof scratchDir>;
  let config: string;
  const gnokii = (args: string[], input = '') => run('gnokii', ['--config', config, ...args], {}, 60_000, input);

  beforeEach(async () => {
    rig = await openRig({
      vendor,
      model,
      phonebook: [
        { number: '+15557654321', text: 'Field office' },
        { number: '5550123', text: 'Depot' },
      ],
    });
    dir = scratchDir('hologram-gnokii-');
    config = join(dir.path, 'gnokiirc');
    writeFileSync(
      config,
      `[global]\nport = ${rig.pty.path}\nmodel = AT\nconnection = serial\nserial_baudrate = 115200\n[logging]\ndebug = on\n`,
    );
  });
  afterEach(async () => {
    await rig.close();
    dir.remove();
  });

  /** Every answer gnokii read, from its debug log: none of them an error. */
  const answers = (stderr: string): string[] => [...stderr.matchAll(/^read : \[(.*)\]$/gm)].map((m) => m[1]);

  it('identifies the modem', async () => {
    const result = await gnokii(['--identify']);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(new RegExp(`IMEI\\s+: ${rig.sim.personality.identity.imei}`));
    expect(result.stdout).toMatch(new RegExp(`Model\\s+: ${model}`));
  });

  it('monitors once: network, cell, signal, battery, phone books, SMS memory and activity (+CPAS)', async () => {
    const result = await gnokii(['--monitor', 'once']);
    expect(result.stdout).toContain('(310 26)');
    expect(result.stdout).toContain('LAC: 00c3 (195), CellID: 0010b2f3 (1094387)');
    expect(result.stdout).toContain('RFLevel: 17');
    expect(result.stdout).toContain('SIM: Used 2, Free 248');
    expect(result.stdout).toContain('ON: Used 0, Free 4');
    expect(result.stdout).toContain('SMS Messages: Unread 0, Number 0');
    expect(result.stdout).toContain('CALL0: IDLE');
    expect(rig.sim.received.commands).toContain('AT+CPAS');
    // Refused: Siemens-style call reports (`+CLCC=1`; the modules' +CLCC only lists), and the
    // phone book memory a u-blox module lacks.
    const refused = answers(result.stderr).filter((answer) => /ERROR/.test(answer));
    expect(refused).toEqual([
      'AT+CLCC=1<cr><cr><lf>ERROR<cr><lf>',
      ...(vendor === 'u-blox' ? ['^@^C+CPBS="ME"<cr><cr><lf>+CME ERROR: 3<cr><lf>'] : []),
    ]);
    // gnokii's AT driver has no cell broadcast: the monitor ends with GN_ERR_NOTIMPLEMENTED (5)
    // after it printed everything, without sending a command for it.
    expect(result.code).toBe(5);
  });

  it('reads the module clock (+CCLK?)', async () => {
    const result = await gnokii(['--getdatetime']);
    expect(result).toMatchObject({ code: 0 });
    const [, date, time] = /Date: (\d{4}\/\d\d\/\d\d)\nTime: (\d\d:\d\d:\d\d)/.exec(result.stdout)!;
    const shown = Date.parse(`${date.replaceAll('/', '-')}T${time}Z`);
    expect(Math.abs(shown - Date.now())).toBeLessThan(120_000);
  });

  it('sends an SMS read from stdin', async () => {
    const result = await gnokii(['--sendsms', TO], 'hello from gnokii');
    expect(result).toMatchObject({ code: 0 });
    expect(result.stderr).toContain('Send succeeded');
    const sent = rig.sim.received.sms.map((sms) => decodePDU(sms.pduHex) as SMSSubmitPDU);
    expect(sent).toMatchObject([{ type: 'submit', destination: { number: TO }, text: 'hello from gnokii' }]);
  });

  it('reads a stored SMS, deletes it, and then finds the place empty', async () => {
    const index = rig.sim.injectSMS(encodeDeliver({ sender: '+15557654321', text: 'stored on the SIM', timestamp }).pdu, { memory: 'SM' })!;
    const read = await gnokii(['--getsms', 'SM', String(index)]);
    expect(read).toMatchObject({ code: 0 });
    expect(read.stdout).toContain('stored on the SIM');
    expect(read.stdout).toContain('+15557654321');

    const deleted = await gnokii(['--deletesms', 'SM', String(index)]);
    expect(deleted).toMatchObject({ code: 0 });
    expect(deleted.stderr).toContain(`Deleted SMS (location ${index} from memory SM)`);
    const again = await gnokii(['--getsms', 'SM', String(index)]);
    expect(again.stderr).toContain('The given location is empty');
  });

  it('reads the SIM phone book (+CPBS, +CPBR)', async () => {
    const result = await gnokii(['--getphonebook', 'SM', '1', '3']);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toBe(
      '1. Name: Field office\nCaller group: None\nNumber: +15557654321\n2. Name: Depot\nCaller group: None\nNumber: 5550123\n',
    );
  });
});
