import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { openRig, run, scratchDir, type InteropRig } from './interop-rig';
import { missing } from './prerequisites';

/**
 * gsmlib's gsmctl (Debian's gsm-utils) against the ModemSimulator on a real pty, with each
 * vendor's module. gsmlib sets DTR when it opens the port, which a pty refuses (it has no modem
 * control lines): the test builds spec/interop/pty-modem-lines.c, an LD_PRELOAD shim that keeps
 * those lines in memory where the kernel refuses them, and runs gsmctl with it. The product is
 * not involved: a real modem's tty has the lines.
 */
const absent = missing('gsmctl') ?? missing('gcc');
const suite = absent ? describe.skip : describe;
if (absent) console.warn(`interop: gsmctl cases skipped: ${absent}`);

let shimDir: ReturnType<typeof scratchDir>;
let shim: string;
beforeAll(() => {
  if (absent) return;
  shimDir = scratchDir('hologram-shim-');
  shim = join(shimDir.path, 'pty-modem-lines.so');
  execFileSync('gcc', ['-shared', '-fPIC', '-O2', '-Wall', '-o', shim, join(__dirname, 'pty-modem-lines.c'), '-ldl']);
});
afterAll(() => shimDir?.remove());

suite.each([
  ['u-blox', 'SARA-U201'],
  ['quectel', 'BG96'],
] as const)('gsmctl with %s %s', (vendor, model) => {
  let rig: InteropRig;
  const gsmctl = (...args: string[]) => run('gsmctl', ['-d', rig.pty.path, '-b', '115200', ...args], { LD_PRELOAD: shim });

  beforeEach(async () => {
    rig = await openRig({ vendor, model });
  });
  afterEach(() => rig.close());

  it('needs the shim: without it, setting DTR on the pty fails before any AT command', async () => {
    const result = await run('gsmctl', ['-d', rig.pty.path, '-b', '115200', 'ME']);
    expect(result.code).not.toBe(0);
    expect(rig.sim.received.commands).toEqual([]);
  });

  it('ME: manufacturer, model, revision and serial number', async () => {
    const result = await gsmctl('ME');
    expect(result).toMatchObject({ code: 0 });
    const { identity } = rig.sim.personality;
    expect(result.stdout).toBe(
      `<ME0>  Manufacturer: ${identity.manufacturer}\n<ME1>  Model: ${identity.model}\n` +
        `<ME2>  Revision: ${identity.revision}\n<ME3>  Serial Number: ${identity.imei}\n`,
    );
  });

  it('OP: the operators the network offers (+COPS=?)', async () => {
    const result = await gsmctl('OP');
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/^<OP0> {2}Status: current {2}Long name: 'T-Mobile' {3}Short name: 'T-Mobile'/);
  });

  it('SIG: the signal (+CSQ)', async () => {
    rig.sim.setSignal(23);
    const result = await gsmctl('SIG');
    expect(result).toMatchObject({ code: 0, stdout: '<SIG0>  23\n' });
  });

  it('FLSTAT: every facility the module lists (+CLCK=?), and the SIM lock once gsmctl set it', async () => {
    const before = await gsmctl('FLSTAT');
    expect(before).toMatchObject({ code: 0 });
    expect(before.stdout.split('\n')[0]).toBe("<FLSTAT0>  'SC'");
    expect(before.stdout).toContain("'AO'");

    const locked = await gsmctl('-o', 'lock', 'SC', 'all', '1234');
    expect(locked).toMatchObject({ code: 0 });
    const wrong = await gsmctl('-o', 'unlock', 'SC', 'all', '0000');
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('incorrect password');
    const after = await gsmctl('FLSTAT');
    expect(after.stdout.split('\n')[0]).toMatch(/^<FLSTAT0> {2}'SC' {2}\S/);
  });

  it('PW: the passwords and their lengths (+CPWD=?), and a PIN change', async () => {
    const result = await gsmctl('PW');
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout.split('\n').slice(0, 3)).toEqual(["<PW0>  'SC' 8", "<PW1>  'P2' 8", "<PW2>  'AO' 4"]);
    const changed = await gsmctl('-o', 'setpw', 'SC', '1234', '4321');
    expect(changed).toMatchObject({ code: 0 });
    expect(rig.sim.received.commands).toContain('AT+CPWD="SC","1234","4321"');
  });
});
