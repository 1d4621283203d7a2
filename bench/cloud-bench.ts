/**
 * Cloud benchmark (run after building: `node dist/bench/cloud-bench.js [section...]`, sections
 * `stream`, `awaited`, `durable`; none runs all).
 *
 * 1. `stream`: messages/s through `Hologram.send$` to an in-process CloudEmulator, against a bare
 *    `node:net` loop doing the same exchange (connect, write the very frame the SDK writes, read
 *    until close) one at a time. Target: ratio >= 0.9.
 * 2. `awaited`: `await hologram.sendMessage()` one after another against the same bare loop.
 *    Target: ratio >= 0.8.
 * 3. `durable`: the same with a SQLite outbox, against a bare loop that also does what the outbox
 *    must: the same INSERT (same `synchronous` setting) before the exchange and the same DELETE
 *    after it. Target: ratio >= 0.8.
 * (Start-up of `hologram send` is measured in startup-bench.ts.)
 * Ratios are medians of rounds of `BENCH_MESSAGES` (500) messages after warm-up rounds (see
 * `compare`); the cold ratio is the first round's, before any warm-up.
 * Prints a table and a final `BENCH {...}` JSON line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { lastValueFrom, range, take, toArray } from 'rxjs';
import { Credentials } from '../lib/cloud/credentials';
import { encodeMessageFrame } from '../lib/cloud/cloud-frame';
import { AGNOSTIC_METADATA } from '../lib/cloud/cloud-sender';
import { hologramCloudMode } from '../lib/cloud/message-mode';
import { frameMetadata } from '../lib/facade/frame-metadata';
import { Hologram } from '../lib/hologram';
import { CloudEmulator } from '../lib/testing/cloud-emulator';

const DEVICE_KEY = 'bench123';
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 500);

const now = (): number => performance.now();
const directory = mkdtempSync(join(tmpdir(), 'hologram-cloud-bench-'));
let files = 0;
const freshPath = (): string => join(directory, `outbox-${++files}.db`);

/**
 * The frame of message `data`, byte for byte what the SDK writes (checked in `main`): with the
 * metadata (`m`) a device without a modem sends.
 */
const frameOf = (data: string): Buffer =>
  Buffer.from(encodeMessageFrame({ deviceKey: DEVICE_KEY, data, topics: ['bench'], metadata: AGNOSTIC_METADATA }));

/** Throws unless the bare loops write what the SDK writes: the comparison is of the same exchange. */
function checkSameFrame(): void {
  const message = { data: 'm0', topics: ['bench'] };
  const sdk = hologramCloudMode.encode(message, Credentials.fromDeviceKey(DEVICE_KEY), frameMetadata(undefined));
  if (!sdk.equals(frameOf(message.data))) throw new Error(`the bare loop's frame differs from the SDK's: ${sdk.toString()}`);
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

async function bareLoop(port: number): Promise<number> {
  const start = now();
  for (let i = 0; i < MESSAGES; i += 1) {
    const reply = await bareExchange(port, frameOf(`m${i}`));
    if (reply !== '[0,0]') throw new Error(`bare loop got ${reply}`);
  }
  return MESSAGES / ((now() - start) / 1000);
}

async function sendStream(port: number): Promise<number> {
  const hologram = new Hologram(Credentials.fromDeviceKey(DEVICE_KEY), { sendHost: '127.0.0.1', sendPort: port });
  const start = now();
  const results = lastValueFrom(hologram.results$.pipe(take(MESSAGES), toArray()));
  range(0, MESSAGES).subscribe({ next: (i) => hologram.send$.next({ data: `m${i}`, topics: ['bench'] }) });
  const all = await results;
  const rate = MESSAGES / ((now() - start) / 1000);
  await hologram.close();
  if (all.some((result) => !result.ok)) throw new Error('send$ had undelivered messages');
  return rate;
}

/** `await hologram.sendMessage()` one after another; a SQLite outbox at `path` if given. */
async function sendAwaited(port: number, path?: string): Promise<number> {
  const hologram = new Hologram(Credentials.fromDeviceKey(DEVICE_KEY), {
    sendHost: '127.0.0.1',
    sendPort: port,
    ...(path === undefined ? {} : { outbox: { path } }),
  });
  const start = now();
  for (let i = 0; i < MESSAGES; i += 1) {
    const result = await hologram.sendMessage(`m${i}`, ['bench']);
    if (!result.ok) throw new Error(`sendMessage got ${result.code}`);
  }
  const rate = MESSAGES / ((now() - start) / 1000);
  await hologram.close();
  return rate;
}

/**
 * The bare baseline of a durable send: what `SqliteOutboxStore` writes (same schema, WAL, the
 * INSERT and the DELETE each a commit under `synchronous = FULL`, as the store does), around
 * the same exchange as `bareLoop`.
 */
async function bareDurableLoop(port: number): Promise<number> {
  const db = new Database(freshPath());
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, data TEXT NOT NULL, topics TEXT NOT NULL, bytes INTEGER NOT NULL, accepted_at INTEGER NOT NULL)');
  const insert = db.prepare('INSERT INTO outbox (data, topics, bytes, accepted_at) VALUES (?, ?, ?, ?)');
  const remove = db.prepare('DELETE FROM outbox WHERE id = ? RETURNING bytes');
  const start = now();
  for (let i = 0; i < MESSAGES; i += 1) {
    const data = `m${i}`;
    const id = insert.run(data, '["bench"]', data.length + 5, Date.now()).lastInsertRowid;
    const reply = await bareExchange(port, frameOf(data));
    if (reply !== '[0,0]') throw new Error(`bare loop got ${reply}`);
    remove.all(id);
  }
  const rate = MESSAGES / ((now() - start) / 1000);
  db.close();
  return rate;
}

/** Rounds run before measuring, per side: the SDK's path is longer than the bare loop's, so V8 needs more runs to compile it. */
const WARM_UP_ROUNDS = 3;
const MEASURED_ROUNDS = 7;

/**
 * Median rates of `subject` and `baseline` over `MEASURED_ROUNDS` rounds, after `WARM_UP_ROUNDS`
 * of each, alternating which goes first so neither always runs on a warmer or quieter machine.
 * Also the first round's rates: what a process that just started gets.
 */
async function compare(subject: () => Promise<number>, baseline: () => Promise<number>): Promise<Measured> {
  const cold = { baseline: await baseline(), subject: await subject() };
  for (let round = 1; round < WARM_UP_ROUNDS; round += 1) {
    await baseline();
    await subject();
  }
  const subjects: number[] = [];
  const baselines: number[] = [];
  for (let round = 0; round < MEASURED_ROUNDS; round += 1) {
    if (round % 2 === 0) {
      baselines.push(await baseline());
      subjects.push(await subject());
    } else {
      subjects.push(await subject());
      baselines.push(await baseline());
    }
  }
  return { subject: median(subjects), baseline: median(baselines), coldRatio: cold.subject / cold.baseline };
}

interface Measured {
  readonly subject: number;
  readonly baseline: number;
  /** Subject over baseline in the first round, before any warm-up. */
  readonly coldRatio: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

interface Row {
  readonly name: string;
  readonly value: number;
  readonly reference: number;
  readonly ratio: number;
  readonly coldRatio: number;
  readonly target: string;
  readonly met: boolean;
}

async function main(): Promise<void> {
  const chosen = process.argv.slice(2);
  const runs = (section: string): boolean => chosen.length === 0 || chosen.includes(section);
  checkSameFrame();
  const emulator = new CloudEmulator({ deviceKeys: [DEVICE_KEY] });
  const port = await emulator.listen();
  const rows: Row[] = [];
  const figures: Record<string, number | boolean> = { messages: MESSAGES };
  const rate = (name: string, key: string, measured: Measured, target: number): void => {
    const ratio = measured.subject / measured.baseline;
    rows.push({
      name,
      value: Math.round(measured.subject),
      reference: Math.round(measured.baseline),
      ratio,
      coldRatio: measured.coldRatio,
      target: `>= ${target}`,
      met: ratio >= target,
    });
    figures[`${key}PerSecond`] = Math.round(measured.subject);
    figures[`${key}BaselinePerSecond`] = Math.round(measured.baseline);
    figures[`${key}Ratio`] = Number(ratio.toFixed(3));
    figures[`${key}ColdRatio`] = Number(measured.coldRatio.toFixed(3));
  };
  try {
    if (runs('stream')) rate('send$ msgs/s vs bare node:net', 'sendStream', await compare(() => sendStream(port), () => bareLoop(port)), 0.9);
    if (runs('awaited')) rate('await sendMessage msgs/s vs bare node:net', 'sendAwaited', await compare(() => sendAwaited(port), () => bareLoop(port)), 0.8);
    if (runs('durable')) {
      rate('durable await sendMessage vs bare insert+net+delete', 'sendDurable', await compare(() => sendAwaited(port, freshPath()), () => bareDurableLoop(port)), 0.8);
    }
    console.log(`${'measure'.padEnd(52)} ${'value'.padEnd(10)} ${'reference'.padEnd(11)} ${'ratio'.padEnd(7)} ${'target'.padEnd(7)} met  cold ratio`);
    for (const row of rows) {
      console.log(
        `${row.name.padEnd(52)} ${String(row.value).padEnd(10)} ${String(row.reference).padEnd(11)} ${row.ratio.toFixed(2).padEnd(7)} ${row.target.padEnd(7)} ${(row.met ? 'yes' : 'NO').padEnd(4)} ${row.coldRatio.toFixed(2)}`,
      );
    }
    console.log(`BENCH ${JSON.stringify({ ...figures, allTargetsMet: rows.every((row) => row.met) })}`);
  } finally {
    await emulator.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
