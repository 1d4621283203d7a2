/**
 * Cloud benchmark (run after building: `node dist/bench/cloud-bench.js [section...]`, sections
 * `cost`, `durable`, `drain`, `failing`; none runs all). The cloud is `cloud-server.js`, a server in
 * another process, so the client's CPU is measured alone.
 *
 * 1. `cost`: what the SDK adds per message over a bare `node:net` loop doing the same exchange
 *    (connect, write the very frame the SDK writes, read until close), one at a time: client CPU
 *    (`process.cpuUsage`) and allocation (heap growth in a round with no collection: the process
 *    runs with a large young generation, emptied before each round), for 500 messages through `send$` and 500
 *    awaited `sendMessage`. Targets: `send$` <= 20 us, awaited <= 25 us, each <= 4 KB.
 * 2. `durable`: the same with a SQLite outbox, against a bare loop that also does the same INSERT
 *    and DELETE, each a commit with the same `synchronous` setting. Target: <= 60 us added.
 * 3. `drain`: 10,000 messages (`BENCH_DRAIN_MESSAGES`) held offline, then the link comes up and
 *    the server answers after 20 ms: rate against the ideal concurrency / 20 ms, at concurrency
 *    1 and 8, in memory and durable. Target: >= 0.9.
 * 4. `failing`: messages delivered per second over 10 s from a backlog, at concurrency 4, with every
 *    fourth exchange answered ERR_INTERNAL, against the same with none failing (default backoff).
 *    Target: >= 0.5 of the failure-free rate.
 * Figures are medians of 7 rounds per side after 3 warm-up rounds, sides alternating. Rate ratios
 * are printed for reference. Prints a table and a final `BENCH {...}` JSON line.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import Database from 'better-sqlite3';
import { Credentials } from '../lib/cloud/credentials';
import { encodeMessageFrame } from '../lib/cloud/cloud-frame';
import { AGNOSTIC_METADATA } from '../lib/cloud/cloud-sender';
import { hologramCloudMode } from '../lib/cloud/message-mode';
import { frameMetadata } from '../lib/facade/frame-metadata';
import { Hologram } from '../lib/hologram';
import type { HologramOptions } from '../lib/facade/hologram-options';
import { ManualNetwork } from '../lib/network/manual-network';

const DEVICE_KEY = 'bench123';
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 500);
const DRAIN_MESSAGES = Number(process.env.BENCH_DRAIN_MESSAGES ?? 10_000);
const LATENCY_MS = 20;
const WARM_UP_ROUNDS = 3;
const MEASURED_ROUNDS = 7;

/** Empties the young generation (needs `--expose-gc`), so a round's allocation fits in it. */
const scavenge = (): void => (globalThis as { gc?: (options: { type: 'minor'; execution: 'sync' }) => void }).gc?.({ type: 'minor', execution: 'sync' });
const directory = mkdtempSync(join(tmpdir(), 'hologram-cloud-bench-'));
let files = 0;
const freshPath = (): string => join(directory, `outbox-${++files}.db`);

/** The frame of message `data`, byte for byte what the SDK writes (checked in `main`). */
const frameOf = (data: string): Buffer =>
  Buffer.from(encodeMessageFrame({ deviceKey: DEVICE_KEY, data, topics: ['bench'], metadata: AGNOSTIC_METADATA }));

function checkSameFrame(): void {
  const message = { data: 'm0', topics: ['bench'] };
  const sdk = hologramCloudMode.encode(message, Credentials.fromDeviceKey(DEVICE_KEY), frameMetadata(undefined));
  if (!sdk.equals(frameOf(message.data))) throw new Error(`the bare loop's frame differs from the SDK's: ${sdk.toString()}`);
}

/** The cloud in a child process; `set` changes how it answers. */
async function startServer(): Promise<{ port: number; set(settings: { delayMs?: number; failEvery?: number }): Promise<void>; close(): void }> {
  const child = spawn(process.execPath, [join(__dirname, 'cloud-server.js')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const port = Number((await lines.next()).value);
  return {
    port,
    set: async (settings) => {
      child.stdin.write(`${JSON.stringify(settings)}\n`);
      await lines.next();
    },
    close: () => child.stdin.end(),
  };
}

function bareExchange(port: number, frame: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.write(frame));
    socket.setNoDelay(true);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => {
      socket.destroy();
      resolve(Buffer.concat(chunks).toString());
    });
    socket.on('error', reject);
  });
}

/** One round's work: `prepare` (not measured) returns the measured part and what to release after it. */
type Round = () => Promise<{ run(): Promise<void>; release?(): Promise<void> }>;

interface Sample {
  readonly cpuUs: number;
  readonly bytes: number;
  readonly rate: number;
  /** Collections during the round: its `bytes` is unknown when > 0. */
  readonly gcs: number;
}

let collections = 0;
new PerformanceObserver((list) => (collections += list.getEntries().length)).observe({ entryTypes: ['gc'] });
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function sample(round: Round, messages: number): Promise<Sample> {
  const { run, release } = await round();
  // A young-generation collection only: a full one ages compiled code, and V8 then drops the
  // bytecode of the path the other side did not run (the SDK's, longer than the bare loop's).
  scavenge();
  await new Promise((resolve) => setTimeout(resolve, 20)); // its entry is counted before the round
  const gcsBefore = collections;
  const heapBefore = getHeapStatistics().used_heap_size;
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await run();
  const elapsed = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  const heapAfter = getHeapStatistics().used_heap_size;
  await new Promise((resolve) => setTimeout(resolve, 20));
  const gcs = collections - gcsBefore;
  await release?.();
  return { cpuUs: (cpu.user + cpu.system) / messages, bytes: (heapAfter - heapBefore) / messages, rate: messages / (elapsed / 1000), gcs };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Medians of both sides over the measured rounds (after warm-up), sides alternating. */
async function compare(subject: Round, baseline: Round, messages = MESSAGES): Promise<{ subject: Sample; baseline: Sample }> {
  for (let round = 0; round < WARM_UP_ROUNDS; round += 1) {
    await sample(baseline, messages);
    await sample(subject, messages);
  }
  const subjects: Sample[] = [];
  const baselines: Sample[] = [];
  for (let round = 0; round < MEASURED_ROUNDS; round += 1) {
    if (round % 2 === 0) {
      baselines.push(await sample(baseline, messages));
      subjects.push(await sample(subject, messages));
    } else {
      subjects.push(await sample(subject, messages));
      baselines.push(await sample(baseline, messages));
    }
  }
  const summary = (samples: Sample[]): Sample => {
    const clean = samples.filter((s) => s.gcs === 0);
    return {
      cpuUs: median(samples.map((s) => s.cpuUs)),
      bytes: clean.length === 0 ? Number.NaN : median(clean.map((s) => s.bytes)),
      rate: median(samples.map((s) => s.rate)),
      gcs: samples.length - clean.length,
    };
  };
  return { subject: summary(subjects), baseline: summary(baselines) };
}

const hologramOn = (port: number, options: HologramOptions = {}): Hologram =>
  new Hologram(Credentials.fromDeviceKey(DEVICE_KEY), { sendHost: '127.0.0.1', sendPort: port, ...options });

/** `MESSAGES` through `send$` in one run, until every result is in. */
const streamRound = (port: number, options?: HologramOptions): Round => async () => {
  const hologram = hologramOn(port, options);
  return {
    run: () =>
      new Promise<void>((resolve, reject) => {
        let results = 0;
        hologram.results$.subscribe((result) => {
          if (!result.ok) reject(new Error(`send$ got ${result.code}`));
          else if (++results === MESSAGES) resolve();
        });
        for (let i = 0; i < MESSAGES; i += 1) hologram.send$.next({ data: `m${i}`, topics: ['bench'] });
      }),
    release: () => hologram.close(),
  };
};

/** `await hologram.sendMessage()` one after another. */
const awaitedRound = (port: number, options?: HologramOptions): Round => async () => {
  const hologram = hologramOn(port, options);
  return {
    run: async () => {
      for (let i = 0; i < MESSAGES; i += 1) {
        const result = await hologram.sendMessage(`m${i}`, ['bench']);
        if (!result.ok) throw new Error(`sendMessage got ${result.code}`);
      }
    },
    release: () => hologram.close(),
  };
};

const bareRound = (port: number): Round => async () => ({
  run: async () => {
    for (let i = 0; i < MESSAGES; i += 1) {
      const reply = await bareExchange(port, frameOf(`m${i}`));
      if (reply !== '[0,0]') throw new Error(`bare loop got ${reply}`);
    }
  },
});

/** What the SQLite outbox writes around each exchange: the same schema, WAL, INSERT and DELETE each a `FULL` commit. */
const bareDurableRound = (port: number): Round => async () => {
  const db = new Database(freshPath());
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, data TEXT NOT NULL, topics TEXT NOT NULL, bytes INTEGER NOT NULL, accepted_at INTEGER NOT NULL)');
  const insert = db.prepare('INSERT INTO outbox (data, topics, bytes, accepted_at) VALUES (?, ?, ?, ?)');
  const remove = db.prepare('DELETE FROM outbox WHERE id = ? RETURNING bytes');
  return {
    run: async () => {
      for (let i = 0; i < MESSAGES; i += 1) {
        const data = `m${i}`;
        const id = insert.run(data, '["bench"]', data.length + 5, Date.now()).lastInsertRowid;
        const reply = await bareExchange(port, frameOf(data));
        if (reply !== '[0,0]') throw new Error(`bare loop got ${reply}`);
        remove.all(id);
      }
    },
    release: async () => void db.close(),
  };
};

/**
 * Messages/s delivered during `seconds` from a backlog that never runs dry (`messages` held
 * offline, then the link comes up): the steady rate, not the tail of the last retries.
 */
async function steadyRate(port: number, messages: number, seconds: number, options: HologramOptions): Promise<number> {
  const network = new ManualNetwork({ connected: false });
  const hologram = hologramOn(port, { network, ...options });
  for (let i = 0; i < messages; i += 1) hologram.send$.next({ data: `m${i}`, topics: ['bench'] });
  await tick();
  network.setConnected(true);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const { delivered } = hologram.outbox.stats();
  await hologram.close();
  network.close();
  return delivered / seconds;
}

/** Messages/s draining `messages` held offline, once the link comes up. */
async function drainRate(port: number, messages: number, options: HologramOptions): Promise<number> {
  const network = new ManualNetwork({ connected: false });
  const hologram = hologramOn(port, { network, ...options });
  for (let i = 0; i < messages; i += 1) hologram.send$.next({ data: `m${i}`, topics: ['bench'] });
  await tick();
  let results = 0;
  const done = new Promise<void>((resolve) =>
    hologram.results$.subscribe(() => {
      if (++results === messages) resolve();
    }),
  );
  const start = performance.now();
  network.setConnected(true);
  await done;
  const rate = messages / ((performance.now() - start) / 1000);
  const { delivered } = hologram.outbox.stats();
  await hologram.close();
  network.close();
  if (delivered !== messages) throw new Error(`drain delivered ${delivered} of ${messages}`);
  return rate;
}

interface Row {
  readonly name: string;
  readonly value: string;
  readonly reference: string;
  readonly target: string;
  readonly met: boolean;
}

async function main(): Promise<void> {
  const chosen = process.argv.slice(2);
  const runs = (section: string): boolean => chosen.length === 0 || chosen.includes(section);
  checkSameFrame();
  const server = await startServer();
  const { port } = server;
  const rows: Row[] = [];
  const figures: Record<string, number | boolean> = { messages: MESSAGES, drainMessages: DRAIN_MESSAGES };
  const cost = (name: string, key: string, measured: { subject: Sample; baseline: Sample }, cpuTarget: number, bytesTarget?: number): void => {
    const cpu = measured.subject.cpuUs - measured.baseline.cpuUs;
    const bytes = measured.subject.bytes - measured.baseline.bytes;
    const ratio = measured.subject.rate / measured.baseline.rate;
    rows.push({
      name: `${name}: CPU added per message`,
      value: `${cpu.toFixed(1)} us`,
      reference: `bare ${measured.baseline.cpuUs.toFixed(1)} us; rate ratio ${ratio.toFixed(2)}`,
      target: `<= ${cpuTarget} us`,
      met: cpu <= cpuTarget,
    });
    if (bytesTarget !== undefined) {
      rows.push({
        name: `${name}: allocation added per message`,
        value: `${(bytes / 1024).toFixed(2)} KB`,
        reference: `bare ${(measured.baseline.bytes / 1024).toFixed(2)} KB (rounds with a GC left out: ${measured.subject.gcs}/${measured.baseline.gcs})`,
        target: `<= ${bytesTarget / 1024} KB`,
        met: bytes <= bytesTarget,
      });
    }
    figures[`${key}CpuAddedUs`] = Number(cpu.toFixed(1));
    figures[`${key}BytesAdded`] = Math.round(bytes);
    figures[`${key}RateRatio`] = Number(ratio.toFixed(3));
  };
  const drain = (name: string, key: string, rate: number, reference: number, referenceName: string, target: number): void => {
    const ratio = rate / reference;
    rows.push({ name, value: `${Math.round(rate)}/s`, reference: `${referenceName} ${Math.round(reference)}/s (${ratio.toFixed(2)})`, target: `>= ${target}`, met: ratio >= target });
    figures[`${key}Ratio`] = Number(ratio.toFixed(3));
  };
  try {
    await server.set({ delayMs: 0 });
    if (runs('cost')) {
      cost('send$ of 500', 'stream', await compare(streamRound(port), bareRound(port)), 20, 4096);
      cost('awaited sendMessage', 'awaited', await compare(awaitedRound(port), bareRound(port)), 25, 4096);
    }
    if (runs('durable')) {
      cost('durable send$ of 500', 'durableStream', await compare(streamRound(port, { outbox: { path: freshPath() } }), bareDurableRound(port)), 60);
      const durableAwaited: Round = () => awaitedRound(port, { outbox: { path: freshPath() } })();
      cost('durable awaited sendMessage', 'durableAwaited', await compare(durableAwaited, bareDurableRound(port)), 60);
    }
    if (runs('drain')) {
      await server.set({ delayMs: LATENCY_MS });
      for (const concurrency of [1, 8]) {
        for (const durable of [false, true]) {
          const outbox = durable ? { outbox: { path: freshPath() } } : {};
          const rate = await drainRate(port, DRAIN_MESSAGES, { concurrency, ...outbox });
          const ideal = concurrency / (LATENCY_MS / 1000);
          drain(`drain ${DRAIN_MESSAGES} held, server answers after ${LATENCY_MS} ms, concurrency ${concurrency}${durable ? ', durable' : ''}`, `drain${concurrency}${durable ? 'Durable' : ''}`, rate, ideal, 'ideal', 0.9);
        }
      }
    }
    if (runs('failing')) {
      const seconds = 10;
      await server.set({ delayMs: LATENCY_MS });
      const healthy = await steadyRate(port, 5000, seconds, { concurrency: 4 });
      await server.set({ delayMs: LATENCY_MS, failEvery: 4 });
      const failing = await steadyRate(port, 5000, seconds, { concurrency: 4 });
      drain(`delivered/s over ${seconds} s, concurrency 4, one exchange in four failing`, 'failing', failing, healthy, 'none failing', 0.5);
    }
    console.log(`${'measure'.padEnd(78)} ${'value'.padEnd(10)} ${'target'.padEnd(10)} met  reference`);
    for (const row of rows) console.log(`${row.name.padEnd(78)} ${row.value.padEnd(10)} ${row.target.padEnd(10)} ${(row.met ? 'yes' : 'NO').padEnd(4)} ${row.reference}`);
    console.log(`BENCH ${JSON.stringify({ ...figures, allTargetsMet: rows.every((row) => row.met) })}`);
  } finally {
    server.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
