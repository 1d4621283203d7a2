import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openRig, run, runOnLine, scratchDir, type InteropRig } from './interop-rig';
import { missing } from './prerequisites';

/**
 * PPP dialers from Debian against the ModemSimulator on a real pty: ppp's `chat` (what pppd runs
 * as its connect script) and `wvdial`, each dialling to `CONNECT` with both vendors' modules.
 * No PPP runs after `CONNECT` (this kernel has none): wvdial's pppd is a stand-in that exits, and
 * what the dialer sends once online is read from the simulator's `data$`.
 */
const chatAbsent = missing('chat');
const wvdialAbsent = missing('wvdial');
if (chatAbsent) console.warn(`interop: chat cases skipped: ${chatAbsent}`);
if (wvdialAbsent) console.warn(`interop: wvdial cases skipped: ${wvdialAbsent}`);

const MODELS = [
  ['u-blox', 'SARA-U201'],
  ['u-blox', 'SARA-R410M-02B'],
  ['quectel', 'BG96'],
  ['quectel', 'EC21'],
] as const;

describe.each(MODELS)('dialers with %s %s', (vendor, model) => {
  let rig: InteropRig;
  let dir: ReturnType<typeof scratchDir>;
  beforeEach(async () => {
    rig = await openRig({ vendor, model });
    dir = scratchDir('hologram-dial-');
  });
  afterEach(async () => {
    await rig.close();
    dir.remove();
  });

  const chatIt = chatAbsent ? it.skip : it;
  const wvdialIt = wvdialAbsent ? it.skip : it;

  chatIt('chat dials *99***1# to CONNECT; the line is then in online data state', async () => {
    const script = join(dir.path, 'chat-script');
    writeFileSync(
      script,
      [
        "ABORT 'NO CARRIER'",
        "ABORT 'ERROR'",
        'TIMEOUT 10',
        "'' '+++ATZ'",
        "OK 'ATQ0 V1 E1 S0=0 &C1 &D2'",
        'OK \'AT+CGDCONT=1,"IP","hologram"\'',
        "OK 'ATD*99***1#'",
        "CONNECT ''",
        '',
      ].join('\n'),
    );
    const result = await runOnLine('chat', ['-v', '-s', '-f', script], rig.pty.path);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stderr).toContain('CONNECT');
    expect(rig.sim.call).toEqual({ kind: 'online-data', cid: 1, ownsContext: vendor === 'quectel' || model === 'SARA-U201' });
  });

  chatIt('chat stops with NO CARRIER (its abort status 4) when the modem is not registered', async () => {
    rig.sim.setRegistration(2);
    const script = join(dir.path, 'chat-script');
    writeFileSync(script, ["ABORT 'NO CARRIER'", 'TIMEOUT 10', "'' 'AT'", "OK 'ATD*99#'", "CONNECT ''", ''].join('\n'));
    const result = await runOnLine('chat', ['-v', '-s', '-f', script], rig.pty.path);
    expect(result).toMatchObject({ code: 4 });
    expect(rig.sim.call).toEqual({ kind: 'command' });
  });

  wvdialIt('wvdial initialises with the init strings wvdialconf writes and dials to CONNECT', async () => {
    const pppd = join(dir.path, 'pppd');
    // The stand-in pppd records its arguments and exits: PPP itself cannot run here.
    writeFileSync(pppd, `#!/bin/sh\necho "$@" > ${join(dir.path, 'pppd-args')}\nexit 0\n`, { mode: 0o755 });
    const config = join(dir.path, 'wvdial.conf');
    writeFileSync(
      config,
      [
        '[Dialer Defaults]',
        `Modem = ${rig.pty.path}`,
        'Baud = 115200',
        // What wvdialconf writes for a modem that answers them, then the APN.
        'Init1 = ATZ',
        'Init2 = ATQ0 V1 E1 S0=0 &C1 &D2 +FCLASS=0',
        'Init3 = AT+CGDCONT=1,"IP","hologram"',
        'Phone = *99***1#',
        'Username = hologram',
        'Password = hologram',
        'Stupid Mode = 1',
        'Carrier Check = no',
        'Auto Reconnect = off',
        `PPPD Path = ${pppd}`,
        '',
      ].join('\n'),
    );
    const result = await run('wvdial', ['--config', config], {}, 60_000);
    expect(result.stderr).toContain('CONNECT');
    expect(result.stderr).toMatch(/Starting pppd/);
    expect(rig.sim.received.commands).toEqual(['ATZ', 'ATQ0 V1 E1 S0=0 &C1 &D2 +FCLASS=0', 'AT+CGDCONT=1,"IP","hologram"', 'ATDT*99***1#']);
    // wvdial hands pppd the modem line as its stdin, with the user from its configuration.
    expect(readFileSync(join(dir.path, 'pppd-args'), 'utf8')).toMatch(/^115200 modem .*user hologram/);
    expect(rig.sim.call.kind).toBe('online-data');
  });
});
