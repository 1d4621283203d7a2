/**
 * The combined-fault run (`npm run test:faults`; `-- --long` or HOLOGRAM_FAULTS_LONG=1 for the
 * 7-minute form): every fault a device in the field meets, at once, against the real SDK in real
 * processes, and an account of every message.
 *
 * - A durable outbox on a 4 MiB tmpfs (mounting needs root: without it the run says why and skips).
 * - The device (`fault-device.ts`: a `Hologram`, ~100 msg/s through `send$` and `sendMessage`) is
 *   SIGKILLed at random moments and started again on the same outbox.
 * - The disk is filled to the last byte by another file and freed again.
 * - The link goes down and up (`ManualNetwork`, told over the device's stdin).
 * - The cloud (the shipped CloudEmulator over TCP) sits behind `FaultProxy`: one exchange in four
 *   is dropped, stalled or reset after the cloud took it.
 * - The modem leg, at the same time: a second device whose link is a modem (`CellularNetwork` over
 *   AT sockets, the REAL serialport binding on a REAL pty) with the shipped `ModemSimulator` on
 *   the far end, its sockets pointed at a second `FaultProxy` in front of the same cloud. Stray
 *   `OK` and `ERROR` result codes and noise lines are written into the serial line at random
 *   (and right after every 25th command the modem receives, the moment a stray is taken for
 *   that command's answer); registration is lost and found again, or the PDP context dropped;
 *   the device is SIGKILLed and restarted as the other one is (the modem, like a real one, lives
 *   on); its outbox is on a 4 MiB tmpfs of its own, filled and freed with the other. The device
 *   reads the modem's IMEI, IMSI, ICCID and firmware revision four times a second: any read that
 *   differs from the simulator's identity is a command resolved with another command's answer.
 *
 * At the end the faults stop and a last device of each leg drains its outbox (the modem leg's must
 * open its modem at the first try: nothing disturbs it any more). The run reports sent, accepted,
 * refused, delivered, duplicated, lost and unreported for each leg, and fails on any loss, any
 * unreported refusal, any message the cloud got again after it was reported delivered, a drain
 * that does not finish, or (modem leg) any modem read answered with another command's answer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CloudEmulator } from '../../lib/testing/cloud-emulator';
import { ModemSimulator, type ModemSimulatorOptions } from '../../lib/testing/modem-simulator';
import { openPtyPair } from '../../lib/testing/pty-pair';
import { fillDisk, mountTmpfs, type Tmpfs } from '../support/tmpfs';
import { FaultAccount } from './fault-account';
import { FaultProxy } from './fault-proxy';

const long = process.argv.includes('--long') || process.env.HOLOGRAM_FAULTS_LONG === '1';
const secondsArgument = process.argv.indexOf('--seconds');
const faultSeconds = secondsArgument > 0 ? Number(process.argv[secondsArgument + 1]) : long ? 420 : 45;
const killEveryMs: [number, number] = long ? [12_000, 40_000] : [5_000, 12_000];
const diskEveryMs = long ? 25_000 : 12_000;
const drainLimitMs = 90_000;
const seed = Number(process.env.HOLOGRAM_FAULTS_SEED ?? Date.now() % 100_000);

/** A small seeded generator (Park-Miller), so a failing run can be repeated with its seed. */
let state = seed || 1;
const random = (): number => (state = (state * 48271) % 2147483647) / 2147483647;
const between = ([low, high]: [number, number]): number => low + random() * (high - low);
const pick = <T>(choices: readonly T[]): T => choices[Math.floor(random() * choices.length)];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A wait that loses a race without keeping the run alive afterwards. */
const deadline = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** What a noisy serial line writes between the modem's answers: stray final result codes and noise. */
const STRAYS = ['\r\nOK\r\n', '\r\nERROR\r\n', '\r\n12345\r\n', '\r\n+CME ERROR: 100\r\n', '\r\n#~ noise 3.14\r\n'];
/**
 * How often: at random every 0.2-2 s, and right after every 25th command. Noisier than that, the
 * device spends its time resynchronising (each resync waits for a quiet line, up to 5 s) and the
 * leg measures only that.
 */
const strayEveryMs: [number, number] = [200, 2000];
const STRAY_EVERY_NTH_COMMAND = 25;
/** The modems the modem leg may be (one per run: the seed modulo their count): both socket dialects. */
const MODEMS: readonly ModemSimulatorOptions[] = [
  { vendor: 'u-blox', model: 'SARA-R410M-02B' },
  { vendor: 'quectel', model: 'BG96' },
];

/** One device, its outbox, its link and its account: the TCP leg and the modem leg run side by side. */
interface Leg {
  readonly name: string;
  readonly account: FaultAccount;
  readonly proxy: FaultProxy;
  readonly disk: Tmpfs & { kind: 'mounted' };
  /** Arguments after the device's mode, outbox, cloud port and first seq. */
  readonly linkArguments: readonly string[];
  /** Takes the link down for a moment (resolves once it is back up). */
  flapLink(incarnation: Incarnation | undefined): Promise<void>;
  /** Faults of the leg's own kind, until `until` (the modem leg's noisy line). */
  noise(until: number): Promise<void>;
  readonly counts: Record<string, number>;
  close(): Promise<void>;
}

interface Incarnation {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  /** Seqs tried in the round under way (no TICK yet): in doubt if the process dies now. */
  readonly open: Set<string>;
}

function startDevice(leg: Leg, mode: 'run' | 'drain', firstSeq: number, onLine: (line: string) => void = () => undefined): Incarnation {
  const device = [join(__dirname, 'fault-device.ts'), mode, join(leg.disk.directory, 'outbox.db'), String(leg.proxy.port), String(firstSeq), ...leg.linkArguments];
  const child = spawn(process.execPath, ['-r', join(__dirname, '../outbox/fixtures/register-ts.js'), ...device], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const open = new Set<string>();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    leg.account.onDeviceLine(line, open);
    onLine(line);
  });
  return { child, open, exited: new Promise((resolve) => child.on('close', () => resolve())) };
}

/** The device of a leg, killed and started again until the time is up (counted in `leg.counts.kills`). */
async function killAndRestart(leg: Leg, until: number, current: { incarnation?: Incarnation }): Promise<void> {
  for (let generation = 0; Date.now() < until; generation++) {
    const incarnation = startDevice(leg, 'run', generation * 10_000_000);
    current.incarnation = incarnation;
    const lifetime = Math.min(between(killEveryMs), until - Date.now());
    await Promise.race([deadline(lifetime), incarnation.exited]);
    incarnation.child.kill('SIGKILL');
    await incarnation.exited;
    leg.counts.kills++;
    leg.account.killedWith(incarnation.open);
  }
}

/** The link of a leg: down for 0.5-2 s every 2-6 s. */
async function flapLinks(leg: Leg, until: number, current: { incarnation?: Incarnation }): Promise<void> {
  while (Date.now() < until - 3000) {
    await sleep(between([2000, 6000]));
    leg.counts.linkToggles++;
    await leg.flapLink(current.incarnation);
  }
}

/** The disks: filled by another file, freed 3 s later. */
async function fillDisks(legs: readonly Leg[], until: number): Promise<number> {
  let fills = 0;
  while (Date.now() < until - 5000) {
    await sleep(between([diskEveryMs * 0.5, diskEveryMs]));
    const frees = legs.map((leg) => fillDisk(join(leg.disk.directory, 'filler')));
    fills++;
    await sleep(3000);
    for (const free of frees) free();
  }
  return fills;
}

/** The faults stop; a last device drains what is left. Resolves with the failure, if any, and the time taken. */
async function drain(leg: Leg): Promise<{ failure?: string; drainMs: number }> {
  leg.proxy.faulty = false;
  const started = Date.now();
  let drained = false;
  let openFailure: string | undefined;
  let openFailures = 0;
  const last = startDevice(leg, 'drain', 0, (line) => {
    if (line === 'DRAINED') drained = true;
    if (line.startsWith('OPENFAIL ')) {
      openFailures++;
      openFailure = line.slice('OPENFAIL '.length);
    }
    // HOLOGRAM_FAULTS_TRACE=1: how the backlog went down, to see where a slow drain spends its time.
    if (process.env.HOLOGRAM_FAULTS_TRACE === '1' && /^(PENDING|OPENFAIL|DRAINED)/.test(line)) console.log(`${leg.name} drain +${Date.now() - started} ms: ${line}`);
  });
  await Promise.race([last.exited, deadline(drainLimitMs)]);
  // With the faults over, a modem answers the device that starts now at once: an open that fails
  // here means a fault left the modem in a state the SDK cannot bring it back from.
  const stuck = openFailures > 0 ? `the modem did not open for the device started after the faults stopped (${openFailures} failed opens, the last: ${openFailure})` : undefined;
  if (drained) return { failure: stuck, drainMs: Date.now() - started };
  last.child.kill('SIGKILL');
  const why = openFailure === undefined ? '' : ` (the modem's last open failed: ${openFailure})`;
  return { failure: `the final drain did not finish within ${drainLimitMs / 1000} s${why}`, drainMs: Date.now() - started };
}

function tcpLeg(disk: Tmpfs & { kind: 'mounted' }, proxy: FaultProxy): Leg {
  return {
    name: 'tcp',
    account: new FaultAccount(),
    proxy,
    disk,
    linkArguments: [],
    counts: { kills: 0, linkToggles: 0 },
    async flapLink(incarnation) {
      incarnation?.child.stdin?.write('link 0\n');
      await sleep(between([500, 2000]));
      incarnation?.child.stdin?.write('link 1\n');
    },
    noise: async () => undefined,
    close: async () => undefined,
  };
}

async function modemLeg(disk: Tmpfs & { kind: 'mounted' }, proxy: FaultProxy): Promise<Leg & { readonly simulator: ModemSimulator }> {
  const pair = await openPtyPair();
  const simulator = new ModemSimulator({
    ...MODEMS[seed % MODEMS.length],
    // Every socket the device opens through the modem reaches the cloud through the proxy.
    mapConnect: () => ({ host: '127.0.0.1', port: proxy.port }),
  });
  simulator.attach(pair.stream);
  const identity = simulator.personality.identity;
  const counts = { kills: 0, linkToggles: 0, pdpDrops: 0, strays: 0 };
  let injecting = false;
  let received = 0;
  const inject = (): void => {
    counts.strays++;
    simulator.injectGarbage(pick(STRAYS));
  };
  // Right after a command reached the modem, before its answer: the moment a stray is taken for it.
  const onCommand = simulator.commands$.subscribe(() => {
    if (injecting && ++received % STRAY_EVERY_NTH_COMMAND === 0) inject();
  });
  return {
    name: 'modem',
    account: new FaultAccount({ imei: identity.imei, imsi: identity.imsi, iccid: identity.iccid.replace(/F+$/i, ''), revision: identity.revision }),
    proxy,
    disk,
    simulator,
    linkArguments: [`modem:${pair.path}`],
    counts,
    async flapLink() {
      if (random() < 0.3) {
        counts.pdpDrops++;
        simulator.dropPDP();
        return;
      }
      simulator.setRegistration(pick([0, 2, 3]));
      await sleep(between([500, 2000]));
      simulator.setRegistration(1);
    },
    async noise(until) {
      injecting = true;
      while (Date.now() < until) {
        await sleep(between(strayEveryMs));
        inject();
      }
      injecting = false;
    },
    async close() {
      onCommand.unsubscribe();
      await simulator.close();
      await pair.close();
    },
  };
}

async function main(): Promise<void> {
  const disks = [mountTmpfs('4m', 'hologram-faults-'), mountTmpfs('4m', 'hologram-faults-modem-')];
  const mounted = disks.filter((disk): disk is Tmpfs & { kind: 'mounted' } => disk.kind === 'mounted');
  const unavailable = disks.find((disk) => disk.kind === 'unavailable');
  if (unavailable) {
    for (const disk of mounted) disk.unmount();
    console.log(`test:faults SKIPPED: ${unavailable.reason}`);
    return;
  }
  const emulator = new CloudEmulator({ idleTimeoutMs: 10_000 });
  const cloudPort = await emulator.listen();
  const proxies = [new FaultProxy({ upstreamPort: cloudPort, random }), new FaultProxy({ upstreamPort: cloudPort, random })];
  for (const proxy of proxies) await proxy.listen();
  const legs: Leg[] = [];
  try {
    legs.push(tcpLeg(mounted[0], proxies[0]));
    const modem = await modemLeg(mounted[1], proxies[1]);
    legs.push(modem);
    // Messages say which leg sent them: `f-<seq>-` over TCP, `m-<seq>-` over the modem.
    emulator.received$.subscribe((frame) => {
      if (frame.kind !== 'message') return;
      const [prefix, seq] = frame.data.split('-');
      legs[prefix === 'm' ? 1 : 0].account.reachedCloud(seq);
    });
    const started = Date.now();
    const until = started + faultSeconds * 1000;
    const model = `${modem.simulator.personality.vendor} ${modem.simulator.personality.model}`;
    console.log(`test:faults: ${long ? 'long' : 'short'} form, ${faultSeconds} s of faults, seed ${seed}, outboxes on 4 MiB tmpfs, modem leg on a simulated ${model}`);

    const faults = legs.flatMap((leg) => {
      const current: { incarnation?: Incarnation } = {};
      return [killAndRestart(leg, until, current), flapLinks(leg, until, current), leg.noise(until)];
    });
    const [diskFills] = await Promise.all([fillDisks(legs, until), ...faults]);
    const drains = await Promise.all(legs.map(drain));
    await sleep(500); // late answers reach the cloud's record

    const report: Record<string, unknown> = { seconds: Math.round((Date.now() - started) / 1000), seed, modemModel: model, diskFills };
    const problems: string[] = [];
    legs.forEach((leg, i) => {
      const { figures, problems: legProblems } = leg.account.settle();
      report[leg.name] = { ...figures, ...leg.counts, cloudExchanges: leg.proxy.counts, drainMs: drains[i].drainMs };
      problems.push(...[drains[i].failure, ...legProblems].filter((problem) => problem !== undefined).map((problem) => `${leg.name} leg: ${problem}`));
    });
    console.log(JSON.stringify(report, null, 2));
    printTable(report, legs);
    if (problems.length > 0) {
      for (const problem of problems) console.error(`test:faults FAILED: ${problem}`);
      process.exitCode = 1;
    } else {
      console.log('test:faults passed: 0 lost, every refusal reported, nothing resent after being reported delivered, every drain finished, no modem read answered with another command\'s answer');
    }
  } finally {
    for (const leg of legs) await leg.close();
    for (const proxy of proxies) await proxy.close();
    await emulator.close();
    for (const disk of mounted) disk.unmount();
  }
}

/** The figures that decide the run, one column per leg. */
function printTable(report: Record<string, unknown>, legs: readonly Leg[]): void {
  const rows = ['sent', 'accepted', 'delivered', 'duplicated', 'lost', 'unreported', 'resentAfterDelivered', 'drainMs', 'kills', 'linkToggles', 'strays'];
  const cell = (value: unknown): string => (value === undefined ? '-' : String(value));
  const lines = [['', ...legs.map((leg) => leg.name)], ...rows.map((row) => [row, ...legs.map((leg) => cell((report[leg.name] as Record<string, unknown>)[row]))])];
  const reads = (leg: Leg): string => {
    const identity = (report[leg.name] as { identityReads?: { ok: number; failed: number; wrong: number } }).identityReads;
    return identity ? `${identity.ok}/${identity.failed}/${identity.wrong}` : '-';
  };
  lines.push(['modem reads ok/failed/wrong', ...legs.map(reads)]);
  const widths = lines[0].map((_, column) => Math.max(...lines.map((line) => line[column].length)));
  for (const line of lines) console.log(line.map((text, column) => (column === 0 ? text.padEnd(widths[column]) : text.padStart(widths[column]))).join('  '));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
