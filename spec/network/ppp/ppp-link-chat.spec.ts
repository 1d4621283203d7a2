import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { PPPConnectionError } from '../../../lib/network/ppp/ppp-connection-error';
import { PPPLink } from '../../../lib/network/ppp/ppp-link';
import { spawnPppd } from '../../../lib/network/ppp/pppd-process';
import { ModemSimulator, type ModemVendor } from '../../../lib/testing/modem-simulator';
import { openPtyPair, type PtyPair } from '../../../lib/testing/pty-pair';
import { missing } from '../../interop/prerequisites';

/**
 * PPPLink's own chat script, run by the real `chat` (Debian's ppp package) the way pppd runs it,
 * dials the ModemSimulator over a real pty. pppd itself cannot run here (no PPP in this kernel):
 * spec/fixtures/pppd-connect-phase does pppd's connect phase for real (device opened, PPPLink's
 * `connect` command through /bin/sh on it) and stops where PPP would begin, with one LCP request
 * that nobody answers, then pppd's LCP timeout (exit 10).
 */
const STAND_IN = resolve(__dirname, '../../fixtures/pppd-connect-phase');
// chat comes with Debian's ppp package: without it these cases are skipped, saying so.
const absent = missing('chat');
if (absent) console.warn(`PPPLink chat cases skipped: ${absent}`);

let pty: PtyPair;
let sim: ModemSimulator;
let link: PPPLink;

async function setUp(vendor: ModemVendor, options: { registered?: boolean } = {}): Promise<string[]> {
  pty = await openPtyPair({ name: 'modem' });
  sim = new ModemSimulator({ vendor, registration: { stat: options.registered === false ? 2 : 1 } });
  sim.attach(pty.stream);
  link = new PPPLink({
    // pppd takes the device path itself; the pty's symlink resolves to its /dev/pts node.
    device: realpathSync(pty.path),
    apn: 'hologram',
    pppdPath: STAND_IN,
    spawn: (path, args) => spawnPppd(path, args, { ...process.env, PPPD_LCP_TIMEOUT_MS: '500' }),
  });
  const lines: string[] = [];
  link.output$.subscribe((line) => lines.push(line));
  return lines;
}

afterEach(async () => {
  await link?.close();
  await sim?.close();
  await pty?.close();
});

(absent ? describe.skip : describe).each(['u-blox', 'quectel'] as const)('PPPLink chat script against the %s simulator', (vendor) => {
  it('dials to CONNECT: the modem goes online and receives the first PPP frame', async () => {
    const lines = await setUp(vendor);
    const data: Buffer[] = [];
    sim.data$.subscribe((bytes) => data.push(bytes));
    const error = await link.connect().catch((caught: unknown) => caught);

    expect(sim.received.commands).toEqual(['AT', 'ATH', 'ATZ', 'AT+CGDCONT=1,"IP","hologram"', 'ATDT*99***1#']);
    expect(sim.call).toMatchObject({ kind: 'online-data', cid: 1 });
    // chat ends its script with the CR of `CONNECT ''`: it reaches the call before pppd's frame.
    expect(Buffer.concat(data).toString('hex')).toMatch(/^0d7eff7d23c021/);
    expect(lines).toContain('Serial connection established.');
    // The chat part worked; what failed is PPP itself, which has no peer here.
    expect(error).toBeInstanceOf(PPPConnectionError);
    expect(error).toMatchObject({ exitCode: 10 });
  });

  it('turns NO CARRIER from an unregistered modem into PPPConnectionError 8 naming it', async () => {
    await setUp(vendor, { registered: false });
    const error = await link.connect().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PPPConnectionError);
    expect(error).toMatchObject({ exitCode: 8, detail: 'the modem answered NO CARRIER' });
    expect(sim.received.commands.at(-1)).toBe('ATDT*99***1#');
    expect(sim.call).toEqual({ kind: 'command' });
  });
});
