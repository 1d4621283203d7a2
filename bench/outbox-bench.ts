/**
 * Outbox and delivery pipeline benchmark: `npx tsc -p tsconfig.build.json && node dist/bench/outbox-bench.js`.
 * The `facade-*` sections go through the whole SDK: `new Hologram(...)`, the real TCP transport and
 * an in-process CloudEmulator (which shares this process's CPU, as a worst case).
 *
 * Each figure is measured against a baseline taken in the same run where that means something,
 * printed as a table, then as one `BENCH {...}` JSON line for tooling.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { BehaviorSubject, firstValueFrom, map, filter, timer, type Observable } from 'rxjs';
import type { OutboundMessage } from '../lib/cloud/outbound-message';
import type { SendResult } from '../lib/cloud/send-result';
import { DeliveryPipeline } from '../lib/delivery/delivery-pipeline';
import { MemoryOutboxStore } from '../lib/outbox/memory-outbox-store';
import type { OutboxStore } from '../lib/outbox/outbox-store';
import { SqliteOutboxStore } from '../lib/outbox/sqlite-outbox-store';
import { Credentials } from '../lib/cloud/credentials';
import { Hologram, type HologramOptions } from '../lib/hologram';
import { ManualNetwork } from '../lib/network/manual-network';
import { CloudEmulator } from '../lib/testing/cloud-emulator';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const OK: SendResult = { code: 0, name: 'ERR_OK', description: 'Message sent successfully', ok: true, retryable: false };
const directory = mkdtempSync(join(tmpdir(), 'hologram-bench-'));
let files = 0;
const freshPath = () => join(directory, `bench-${++files}.db`);

/**
 * A distinct 100-byte payload per message, as readings would be: a flat string (not a rope of
 * concatenated parts, which would inflate the baseline), as one decoded from a sensor or socket is.
 */
const payload = (i: number): string => Buffer.from(`reading-${i}-`.padEnd(100, '.'), 'latin1').toString('latin1');
const message = (i: number): OutboundMessage => ({ data: payload(i), topics: [] });

interface Row {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline?: string;
  readonly target: string;
  readonly met: boolean;
}
const rows: Row[] = [];
const json: Record<string, number> = {};

function heapUsed(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

const MB = 1024 * 1024;

/** Resolves once `pipeline.events$` reported `count` buffered messages. */
function buffered(pipeline: DeliveryPipeline, count: number): Promise<unknown> {
  let seen = 0;
  return firstValueFrom(pipeline.events$.pipe(filter((e) => e.type === 'buffered' && ++seen === count)));
}

/** Resolves once `pipeline.results$` reported `count` results. */
function results(pipeline: DeliveryPipeline, count: number): Promise<unknown> {
  let seen = 0;
  return firstValueFrom(pipeline.results$.pipe(filter(() => ++seen === count)));
}

async function heapWhileHolding(): Promise<void> {
  const count = 100_000;
  // Baseline: the payloads alone, held in an array (what any buffer must pay at least).
  const before = heapUsed();
  let payloads: string[] | undefined = Array.from({ length: count }, (_, i) => payload(i));
  const payloadBytes = heapUsed() - before;
  payloads = undefined;
  void payloads;

  const start = heapUsed();
  const pipeline = new DeliveryPipeline({ connected$: new BehaviorSubject(false), send: () => timer(0).pipe(map(() => OK)) });
  pipeline.start();
  const done = buffered(pipeline, count);
  for (let i = 0; i < count; i++) pipeline.enqueue(message(i));
  await done;
  const growth = heapUsed() - start;
  if (pipeline.stats().pendingCount !== count) throw new Error('not every message was held');
  pipeline.close();

  rows.push({
    name: 'heap growth, 100k x 100 B held (memory outbox, pipeline)',
    value: growth / MB,
    unit: 'MB',
    baseline: `payloads alone ${(payloadBytes / MB).toFixed(1)} MB; overhead ${((growth - payloadBytes) / count).toFixed(0)} B/msg`,
    target: '< 40 MB',
    met: growth < 40 * MB,
  });
  json.heapGrowthMB = round(growth / MB);
  json.payloadBaselineMB = round(payloadBytes / MB);
}

async function durableAccepts(): Promise<void> {
  // Baseline: one message per transaction (a submit per tick: one disk flush each).
  {
    const pipeline = new DeliveryPipeline({ store: new SqliteOutboxStore({ path: freshPath() }), connected$: new BehaviorSubject(false), send: () => timer(0).pipe(map(() => OK)) });
    pipeline.start();
    const count = 300;
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      const done = buffered(pipeline, 1);
      pipeline.enqueue(message(i));
      await done;
    }
    const perSecond = count / ((performance.now() - started) / 1000);
    pipeline.close();
    json.durableAcceptsPerSecondSingle = Math.round(perSecond);
  }
  // Bursts: 50,000 messages arriving as 500 bursts of 100 (each burst one transaction).
  const pipeline = new DeliveryPipeline({ store: new SqliteOutboxStore({ path: freshPath() }), connected$: new BehaviorSubject(false), send: () => timer(0).pipe(map(() => OK)) });
  pipeline.start();
  const bursts = 500;
  const perBurst = 100;
  const started = performance.now();
  for (let b = 0; b < bursts; b++) {
    const done = buffered(pipeline, perBurst);
    for (let i = 0; i < perBurst; i++) pipeline.enqueue(message(b * perBurst + i));
    await done;
  }
  const perSecond = (bursts * perBurst) / ((performance.now() - started) / 1000);
  pipeline.close();
  rows.push({
    name: 'durable accepts, bursts of 100 (SQLite, FULL sync)',
    value: perSecond,
    unit: 'msg/s',
    baseline: `one per transaction ${json.durableAcceptsPerSecondSingle} msg/s`,
    target: '>= 5,000 msg/s',
    met: perSecond >= 5000,
  });
  json.durableAcceptsPerSecond = Math.round(perSecond);
}

async function restartToResume(): Promise<void> {
  const path = freshPath();
  const count = 100_000;
  const seed = new SqliteOutboxStore({ path, maxMessages: count });
  for (let i = 0; i < count; i += 10_000) {
    seed.append(Array.from({ length: 10_000 }, (_, j) => message(i + j)), { acceptedAt: Date.now() });
  }
  seed.close();

  // Baseline: opening an empty outbox.
  const emptyPath = freshPath();
  new SqliteOutboxStore({ path: emptyPath }).close();
  let started = performance.now();
  const empty = new SqliteOutboxStore({ path: emptyPath });
  const emptyOpenMs = performance.now() - started;
  empty.close();

  started = performance.now();
  let firstSendMs = 0;
  let resumedSeq = -1;
  const firstSend = new Promise<void>((resolve) => {
    const pipeline = new DeliveryPipeline({
      store: new SqliteOutboxStore({ path, maxMessages: count }),
      connected$: new BehaviorSubject(true),
      send: (m): Observable<SendResult> => {
        if (firstSendMs === 0) {
          firstSendMs = performance.now() - started;
          resumedSeq = Number(m.data.split('-')[1]);
          pipeline.close();
          resolve();
        }
        return timer(1).pipe(map(() => OK));
      },
    });
    pipeline.start();
  });
  await firstSend;
  if (resumedSeq !== 0) throw new Error(`resumed with message ${resumedSeq}, not the oldest`);
  rows.push({
    name: 'restart to first resumed send, 100k pending',
    value: firstSendMs,
    unit: 'ms',
    baseline: `open empty outbox ${emptyOpenMs.toFixed(1)} ms`,
    target: '< 1,000 ms',
    met: firstSendMs < 1000,
  });
  json.restartToResumeMs = round(firstSendMs);
}

async function drain(concurrency: number, store: OutboxStore, count: number): Promise<number> {
  const connected$ = new BehaviorSubject(false);
  const pipeline = new DeliveryPipeline({ store, connected$, concurrency, send: () => timer(20).pipe(map(() => OK)) });
  pipeline.start();
  pipeline.submitMany$(Array.from({ length: count }, (_, i) => message(i))).subscribe();
  const done = results(pipeline, count);
  const started = performance.now();
  connected$.next(true);
  await done;
  const elapsed = performance.now() - started;
  pipeline.close();
  return elapsed;
}

async function drainTimes(): Promise<void> {
  const count = 2000;
  const serial = await drain(1, new MemoryOutboxStore(), count);
  const parallel = await drain(8, new MemoryOutboxStore(), count);
  const durableParallel = await drain(8, new SqliteOutboxStore({ path: freshPath() }), count);
  const speedup = serial / parallel;
  rows.push({
    name: 'drain 2,000 msgs, send answers in 20 ms: speed-up c=8 vs c=1',
    value: speedup,
    unit: 'x',
    baseline: `c=1 ${(serial / 1000).toFixed(1)} s, c=8 ${(parallel / 1000).toFixed(1)} s, c=8 SQLite ${(durableParallel / 1000).toFixed(1)} s`,
    target: '>= 6x',
    met: speedup >= 6,
  });
  json.drainSerialMs = Math.round(serial);
  json.drainParallelMs = Math.round(parallel);
  json.drainParallelSqliteMs = Math.round(durableParallel);
  json.drainSpeedup = round(speedup);
}

const DEVICE_KEY = 'benchkey';

/** A facade towards `emulator` on a `ManualNetwork` that starts down, so everything is held first. */
function facade(emulator: CloudEmulator, options: HologramOptions = {}): { hologram: Hologram; network: ManualNetwork } {
  const network = new ManualNetwork({ connected: false });
  const hologram = new Hologram(Credentials.fromDeviceKey(DEVICE_KEY), {
    network,
    sendHost: '127.0.0.1',
    sendPort: emulator.port,
    ...options,
  });
  return { hologram, network };
}

/** Resolves once the facade's outbox reports `predicate`. */
function outboxReaches(hologram: Hologram, predicate: (pending: number) => boolean): Promise<unknown> {
  return firstValueFrom(hologram.outbox.stats$.pipe(filter((stats) => predicate(stats.pendingCount))));
}

async function facadeHoldAndDrain(): Promise<void> {
  const count = 100_000;
  const emulator = new CloudEmulator({ deviceKeys: [DEVICE_KEY] });
  await emulator.listen();
  const start = heapUsed();
  const { hologram, network } = facade(emulator);
  for (let i = 0; i < count; i++) hologram.send$.next({ data: payload(i), topics: [] });
  await outboxReaches(hologram, (pending) => pending === count);
  const growth = heapUsed() - start;
  rows.push({
    name: 'facade: heap growth, 100k x 100 B held (send$, memory outbox)',
    value: growth / MB,
    unit: 'MB',
    baseline: json.payloadBaselineMB === undefined ? '' : `payloads alone ${json.payloadBaselineMB} MB`,
    target: '< 40 MB',
    met: growth < 40 * MB,
  });
  json.facadeHeapGrowthMB = round(growth / MB);

  const drained = outboxReaches(hologram, (pending) => pending === 0);
  const started = performance.now();
  network.setConnected(true);
  await drained;
  const elapsed = performance.now() - started;
  const frames = emulator.messages.length;
  await hologram.close();
  await network.close();
  await emulator.close();
  if (frames !== count) throw new Error(`the emulator received ${frames} frames for ${count} messages`);
  rows.push({
    name: 'facade: drain 100k held msgs to the emulator over TCP, c=1',
    value: elapsed / 1000,
    unit: 's',
    baseline: `${Math.round(count / (elapsed / 1000)).toLocaleString('en-US')} msg/s, one TCP connection per message`,
    target: 'report',
    met: true,
  });
  json.facadeDrain100kMs = Math.round(elapsed);
  json.facadeDrain100kPerSecond = Math.round(count / (elapsed / 1000));
}

async function facadeDrain(concurrency: number, count: number): Promise<number> {
  const emulator = new CloudEmulator({ deviceKeys: [DEVICE_KEY], replyDelayMs: 20 });
  await emulator.listen();
  const { hologram, network } = facade(emulator, { concurrency });
  for (let i = 0; i < count; i++) hologram.send$.next({ data: payload(i), topics: [] });
  await outboxReaches(hologram, (pending) => pending === count);
  const drained = outboxReaches(hologram, (pending) => pending === 0);
  const started = performance.now();
  network.setConnected(true);
  await drained;
  const elapsed = performance.now() - started;
  await hologram.close();
  await network.close();
  await emulator.close();
  if (emulator.messages.length !== count) throw new Error(`the emulator received ${emulator.messages.length} frames for ${count} messages`);
  return elapsed;
}

async function facadeConcurrency(): Promise<void> {
  const count = 2000;
  const serial = await facadeDrain(1, count);
  const parallel = await facadeDrain(8, count);
  const speedup = serial / parallel;
  rows.push({
    name: 'facade: drain 2,000 msgs, emulator answers in 20 ms: c=8 vs c=1',
    value: speedup,
    unit: 'x',
    baseline: `c=1 ${(serial / 1000).toFixed(1)} s, c=8 ${(parallel / 1000).toFixed(1)} s (real TCP)`,
    target: '>= 6x',
    met: speedup >= 6,
  });
  json.facadeDrainSerialMs = Math.round(serial);
  json.facadeDrainParallelMs = Math.round(parallel);
  json.facadeDrainSpeedup = round(speedup);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function printTable(): void {
  const header = ['measure', 'value', 'target', 'met', 'baseline (same run)'];
  const lines = rows.map((row) => [
    row.name,
    `${row.value >= 100 ? Math.round(row.value).toLocaleString('en-US') : row.value.toFixed(2)} ${row.unit}`,
    row.target,
    row.met ? 'yes' : 'NO',
    row.baseline ?? '',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const format = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ');
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
  lines.forEach((line) => console.log(format(line)));
}

const SECTIONS: Record<string, () => Promise<void>> = {
  heap: heapWhileHolding,
  accepts: durableAccepts,
  resume: restartToResume,
  drain: drainTimes,
  'facade-hold': facadeHoldAndDrain,
  'facade-concurrency': facadeConcurrency,
};

async function main(): Promise<void> {
  // `node dist/bench/outbox-bench.js heap resume` runs only those sections; no argument runs all.
  const chosen = process.argv.slice(2);
  for (const [name, run] of Object.entries(SECTIONS)) {
    if (chosen.length === 0 || chosen.includes(name)) await run();
  }
  printTable();
  console.log(`BENCH ${JSON.stringify({ ...json, allTargetsMet: rows.every((row) => row.met) })}`);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(directory, { recursive: true, force: true }));
