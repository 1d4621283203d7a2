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
 * - MODEM LEG (not built yet): a `ModemSimulator` on a pty injecting stray `OK`/`ERROR` result codes
 *   and noise lines while the device sends over modem sockets. Add it here as one more fault
 *   source (a `cellular` network in fault-device.ts, its scheduler beside `toggleLink`) once the
 *   AT engine resynchronises after a stray result code.
 *
 * At the end the faults stop and a last device drains the outbox. The run reports sent, accepted,
 * refused, delivered, duplicated, lost and unreported, and fails on any loss, any unreported
 * refusal, any message the cloud got again after it was reported delivered, or a drain that does
 * not finish.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CloudEmulator } from '../../lib/testing/cloud-emulator';
import { fillDisk, mountTmpfs } from '../support/tmpfs';
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
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A wait that loses a race without keeping the run alive afterwards. */
const deadline = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * What the run saw of each message, by seq. A message is accepted when the round that handed it
 * over ended (`TICK`) without refusing it: the SDK stores or refuses synchronously, and every
 * refusal is reported (`message.dropped`; an awaited `sendMessage` also rejects).
 */
interface Account {
  tried: Set<string>;
  /** Handed to an awaited `sendMessage`. */
  awaited: Set<string>;
  accepted: Set<string>;
  refused: Map<string, string>;
  /** Awaited sends that rejected, with the error's code. */
  rejected: Map<string, string>;
  /** Parent clock time of the first `DLV`. */
  delivered: Map<string, number>;
  /** Parent clock times the cloud read the message. */
  atCloud: Map<string, number[]>;
  /** Refusals the caller did not hear of: an awaited send refused without rejecting, or rejected without the event. */
  unreported: Set<string>;
  /** Tried in the instant of a kill: no answer, and none owed (the caller was killed with it). */
  inDoubt: Set<string>;
}

const account: Account = {
  tried: new Set(),
  awaited: new Set(),
  accepted: new Set(),
  refused: new Map(),
  rejected: new Map(),
  delivered: new Map(),
  atCloud: new Map(),
  unreported: new Set(),
  inDoubt: new Set(),
};

interface Incarnation {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  /** Seqs tried in the round under way (no TICK yet): in doubt if the process dies now. */
  readonly open: Set<string>;
}

function startDevice(mode: 'run' | 'drain', outbox: string, port: number, firstSeq: number, onLine: (line: string) => void = () => undefined): Incarnation {
  const child = spawn(process.execPath, ['-r', join(__dirname, '../outbox/fixtures/register-ts.js'), join(__dirname, 'fault-device.ts'), mode, outbox, String(port), String(firstSeq)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const open = new Set<string>();
  const incarnation: Incarnation = {
    child,
    open,
    exited: new Promise((resolve) => child.on('close', () => resolve())),
  };
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const [kind, seq, detail] = line.split(' ');
    switch (kind) {
      case 'TRY':
        account.tried.add(seq);
        if (detail === 'await') account.awaited.add(seq);
        open.add(seq);
        break;
      case 'REF':
        account.refused.set(seq, detail);
        break;
      case 'REJ':
        account.rejected.set(seq, detail);
        break;
      case 'DLV':
        if (!account.delivered.has(seq)) account.delivered.set(seq, Date.now());
        break;
      case 'TICK':
        // The round is over: what it did not refuse, it stored.
        for (const tried of open) if (!account.refused.has(tried)) account.accepted.add(tried);
        open.clear();
        break;
    }
    onLine(line);
  });
  return incarnation;
}

async function main(): Promise<void> {
  const disk = mountTmpfs('4m', 'hologram-faults-');
  if (disk.kind === 'unavailable') {
    console.log(`test:faults SKIPPED: ${disk.reason}`);
    return;
  }
  const outbox = join(disk.directory, 'outbox.db');
  const emulator = new CloudEmulator({ idleTimeoutMs: 10_000 });
  const cloudPort = await emulator.listen();
  emulator.received$.subscribe((frame) => {
    if (frame.kind !== 'message') return;
    const seq = frame.data.split('-')[1];
    const times = account.atCloud.get(seq) ?? [];
    times.push(Date.now());
    account.atCloud.set(seq, times);
  });
  const proxy = new FaultProxy({ upstreamPort: cloudPort, random });
  const port = await proxy.listen();
  const started = Date.now();
  const until = started + faultSeconds * 1000;
  let kills = 0;
  let diskFills = 0;
  let linkToggles = 0;
  let failure: string | undefined;

  console.log(`test:faults: ${long ? 'long' : 'short'} form, ${faultSeconds} s of faults, seed ${seed}, outbox on a 4 MiB tmpfs`);
  try {
    // The device, killed and started again until the time is up.
    let incarnation: Incarnation | undefined;
    const devices = (async () => {
      for (let generation = 0; Date.now() < until; generation++) {
        incarnation = startDevice('run', outbox, port, generation * 10_000_000);
        const current = incarnation;
        const lifetime = Math.min(between(killEveryMs), until - Date.now());
        await Promise.race([deadline(lifetime), current.exited]);
        current.child.kill('SIGKILL');
        await current.exited;
        kills++;
        for (const seq of current.open) if (!account.refused.has(seq)) account.inDoubt.add(seq);
      }
    })();
    // The disk: filled by another file, freed 3 s later.
    const disks = (async () => {
      while (Date.now() < until - 5000) {
        await sleep(between([diskEveryMs * 0.5, diskEveryMs]));
        const free = fillDisk(join(disk.directory, 'filler'));
        diskFills++;
        await sleep(3000);
        free();
      }
    })();
    // The link: down for 0.5-2 s every 2-6 s.
    const links = (async () => {
      while (Date.now() < until - 3000) {
        await sleep(between([2000, 6000]));
        incarnation?.child.stdin?.write('link 0\n');
        linkToggles++;
        await sleep(between([500, 2000]));
        incarnation?.child.stdin?.write('link 1\n');
      }
    })();
    await Promise.all([devices, disks, links]);

    // Faults stop; the last device drains what is left.
    proxy.faulty = false;
    const drainStarted = Date.now();
    let drained = false;
    const last = startDevice('drain', outbox, port, 0, (line) => {
      if (line === 'DRAINED') drained = true;
    });
    await Promise.race([last.exited, deadline(drainLimitMs)]);
    if (!drained) {
      last.child.kill('SIGKILL');
      failure = `the final drain did not finish within ${drainLimitMs / 1000} s`;
    }
    const drainMs = Date.now() - drainStarted;
    await sleep(500); // late answers reach the cloud's record

    // The account.
    for (const seq of account.awaited) {
      // Both ways: a refusal the caller was not told of, or a rejection nobody else heard of.
      if (account.inDoubt.has(seq)) continue;
      if (account.refused.has(seq) !== account.rejected.has(seq)) account.unreported.add(seq);
    }
    const lost = [...account.accepted].filter((seq) => !account.atCloud.has(seq));
    const duplicated = [...account.atCloud.values()].filter((times) => times.length > 1).length;
    const resentAfterDelivered = [...account.delivered].filter(([seq, at]) => (account.atCloud.get(seq) ?? []).some((time) => time > at));
    const undelivered = [...account.accepted].filter((seq) => !account.delivered.has(seq));
    const refusedBy = new Map<string, number>();
    for (const reason of account.refused.values()) refusedBy.set(reason, (refusedBy.get(reason) ?? 0) + 1);
    const rejectedBy = new Map<string, number>();
    for (const code of account.rejected.values()) rejectedBy.set(code, (rejectedBy.get(code) ?? 0) + 1);
    const inDoubtAtCloud = [...account.inDoubt].filter((seq) => account.atCloud.has(seq)).length;
    const report = {
      seconds: Math.round((Date.now() - started) / 1000),
      seed,
      sent: account.tried.size,
      accepted: account.accepted.size,
      refused: Object.fromEntries(refusedBy),
      awaitedRejectedWith: Object.fromEntries(rejectedBy),
      delivered: account.delivered.size,
      acceptedNotReportedDelivered: undelivered.length,
      duplicated,
      lost: lost.length,
      unreported: account.unreported.size,
      resentAfterDelivered: resentAfterDelivered.length,
      inDoubtAtKill: account.inDoubt.size,
      inDoubtThatReachedTheCloud: inDoubtAtCloud,
      kills,
      diskFills,
      linkToggles,
      cloudExchanges: proxy.counts,
      drainMs,
    };
    console.log(JSON.stringify(report, null, 2));
    const problems = [
      failure,
      lost.length > 0 ? `${lost.length} accepted messages never reached the cloud (e.g. ${lost.slice(0, 5).join(', ')})` : undefined,
      account.unreported.size > 0 ? `${account.unreported.size} refusals not reported to the caller (e.g. ${[...account.unreported].slice(0, 5).join(', ')})` : undefined,
      resentAfterDelivered.length > 0 ? `${resentAfterDelivered.length} messages sent again after being reported delivered (e.g. ${resentAfterDelivered.slice(0, 5).map(([seq]) => seq).join(', ')})` : undefined,
      account.accepted.size === 0 ? 'nothing was accepted: the run tested nothing' : undefined,
    ].filter((problem): problem is string => problem !== undefined);
    if (problems.length > 0) {
      for (const problem of problems) console.error(`test:faults FAILED: ${problem}`);
      process.exitCode = 1;
    } else {
      console.log('test:faults passed: 0 lost, every refusal reported, nothing resent after being reported delivered, the drain finished');
    }
  } finally {
    await proxy.close();
    await emulator.close();
    disk.unmount();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
