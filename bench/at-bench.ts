/**
 * AT round trips per second through ATEngine over a real pty pair (serialport binding, python3
 * relay), against a bare loop over the same kind of pair: raw serialport write of `AT\r`, wait for
 * `OK\r\n`. Both talk to the same minimal responder. Target: engine ≥ 0.7 × bare.
 * Run: `npx tsc -p tsconfig.build.json && node dist/bench/at-bench.js [seconds-per-run]`.
 */
import { SerialPort } from 'serialport';
import { ATEngine } from '../lib/modem/at';
import { openPtyPair, type PtyPair } from '../lib/testing/pty-pair';

const RUN_MS = Number(process.argv[2] ?? 3) * 1000;
const WARMUP = 200;

function respondOk(pair: PtyPair): void {
  let buffer = '';
  pair.stream.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('latin1');
    let cr: number;
    while ((cr = buffer.indexOf('\r')) >= 0) {
      buffer = buffer.slice(cr + 1);
      pair.stream.write('\r\nOK\r\n');
    }
  });
}

async function openPort(path: string): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate: 115200, autoOpen: false, hupcl: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  return port;
}

async function bare(): Promise<number> {
  const pair = await openPtyPair();
  respondOk(pair);
  const port = await openPort(pair.path);
  let waiting: (() => void) | undefined;
  let received = '';
  port.on('data', (chunk: Buffer) => {
    received += chunk.toString('latin1');
    const end = received.indexOf('OK\r\n');
    if (end >= 0) {
      received = received.slice(end + 4);
      const done = waiting;
      waiting = undefined;
      done?.();
    }
  });
  const roundTrip = () =>
    new Promise<void>((resolve) => {
      waiting = resolve;
      port.write('AT\r');
    });
  for (let i = 0; i < WARMUP; i++) await roundTrip();
  let count = 0;
  const start = process.hrtime.bigint();
  while (Number(process.hrtime.bigint() - start) / 1e6 < RUN_MS) {
    await roundTrip();
    count++;
  }
  const perSecond = count / (Number(process.hrtime.bigint() - start) / 1e9);
  await new Promise<void>((resolve) => port.close(() => resolve()));
  await pair.close();
  return perSecond;
}

async function engine(): Promise<number> {
  const pair = await openPtyPair();
  respondOk(pair);
  const port = await openPort(pair.path);
  const at = new ATEngine(port);
  for (let i = 0; i < WARMUP; i++) await at.command('AT');
  let count = 0;
  const start = process.hrtime.bigint();
  while (Number(process.hrtime.bigint() - start) / 1e6 < RUN_MS) {
    await at.command('AT');
    count++;
  }
  const perSecond = count / (Number(process.hrtime.bigint() - start) / 1e9);
  await at.close();
  await new Promise<void>((resolve) => port.close(() => resolve()));
  await pair.close();
  return perSecond;
}

async function main(): Promise<void> {
  // Alternate the two to spread machine noise over both.
  const bareRuns: number[] = [];
  const engineRuns: number[] = [];
  for (let i = 0; i < 2; i++) {
    bareRuns.push(await bare());
    engineRuns.push(await engine());
  }
  const best = (runs: number[]) => Math.max(...runs);
  const bareRate = best(bareRuns);
  const engineRate = best(engineRuns);
  const ratio = engineRate / bareRate;
  const row = (name: string, runs: number[]) => `${name.padEnd(24)} ${runs.map((r) => r.toFixed(0).padStart(8)).join(' ')}   best ${best(runs).toFixed(0).padStart(8)}`;
  console.log('AT round trips per second over a pty pair (runs of %d s)', RUN_MS / 1000);
  console.log(row('bare serialport loop', bareRuns));
  console.log(row('ATEngine.command', engineRuns));
  console.log(`ratio engine/bare: ${ratio.toFixed(2)} (target >= 0.70)`);
  console.log(`BENCH ${JSON.stringify({ name: 'at-roundtrip', bareRoundTripsPerSec: Math.round(bareRate), engineRoundTripsPerSec: Math.round(engineRate), ratio: Number(ratio.toFixed(3)), target: 0.7, pass: ratio >= 0.7 })}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
