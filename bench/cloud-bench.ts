/**
 * Cloud benchmark (run after building: `node dist/bench/cloud-bench.js`).
 *
 * 1. Throughput: messages/s through `Hologram.send$` to an in-process CloudEmulator, against a bare
 *    `node:net` loop doing the same exchange (connect, write the frame, read until close) one at a
 *    time. Target: ratio >= 0.8.
 * (Start-up of `hologram send` is measured in startup-bench.ts.)
 * Prints a table and a final `BENCH {...}` JSON line.
 */
import { connect } from 'node:net';
import { lastValueFrom, range, take, toArray } from 'rxjs';
import { Credentials } from '../lib/cloud/credentials';
import { encodeMessageFrame } from '../lib/cloud/cloud-frame';
import { Hologram } from '../lib/hologram';
import { CloudEmulator } from '../lib/testing/cloud-emulator';

const DEVICE_KEY = 'bench123';
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 500);

const now = (): number => performance.now();

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
    const frame = Buffer.from(encodeMessageFrame({ deviceKey: DEVICE_KEY, data: `m${i}`, topics: ['bench'] }));
    const reply = await bareExchange(port, frame);
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
  hologram.close();
  if (all.some((result) => !result.ok)) throw new Error('send$ had undelivered messages');
  return rate;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

async function main(): Promise<void> {
  const emulator = new CloudEmulator({ deviceKeys: [DEVICE_KEY] });
  const port = await emulator.listen();
  try {
    // Warm up both paths, then alternate so machine noise hits both alike.
    await bareLoop(port);
    await sendStream(port);
    const bare: number[] = [];
    const stream: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      // Alternate which goes first, so neither always runs on a warmer or quieter machine.
      if (round % 2 === 0) {
        bare.push(await bareLoop(port));
        stream.push(await sendStream(port));
      } else {
        stream.push(await sendStream(port));
        bare.push(await bareLoop(port));
      }
    }
    const bareRate = median(bare);
    const streamRate = median(stream);

    const figures = {
      messages: MESSAGES,
      sendStreamPerSecond: Math.round(streamRate),
      bareNetPerSecond: Math.round(bareRate),
      throughputRatio: Number((streamRate / bareRate).toFixed(3)),
      throughputTarget: 0.8,
    };
    console.log('measure                          value      reference   ratio   target');
    console.log(
      `send$ msgs/s vs bare node:net    ${String(figures.sendStreamPerSecond).padEnd(10)} ${String(figures.bareNetPerSecond).padEnd(11)} ${figures.throughputRatio.toFixed(2).padEnd(7)} >= 0.8`,
    );
    console.log(`BENCH ${JSON.stringify(figures)}`);
  } finally {
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
