/**
 * Wall time of `node bin/hologram.js modem info --device <pty>` against the modem simulator over a
 * real pty pair, next to the bare start-up of `node -e 0`. Target: under 300 ms plus the simulator's
 * latency × the number of commands the run sends.
 * Run: `npx tsc -p tsconfig.build.json && node dist/bench/modem-bench.js [runs] [latencyMs]`.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { openPtyPair } from '../lib/testing/pty-pair';
import { ModemSimulator } from '../lib/testing/modem-simulator';

const RUNS = Number(process.argv[2] ?? 10);
const LATENCY_MS = Number(process.argv[3] ?? 0);
const BIN = join(__dirname, '..', '..', 'bin', 'hologram.js');

function run(args: string[]): Promise<number> {
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) =>
    execFile(process.execPath, args, (error, _stdout, stderr) =>
      error ? reject(new Error(`${args.join(' ')} failed: ${stderr}`)) : resolve(Number(process.hrtime.bigint() - start) / 1e6),
    ),
  );
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const pair = await openPtyPair();
  const simulator = new ModemSimulator({ vendor: 'u-blox', latencyMs: LATENCY_MS });
  simulator.attach(pair.stream);
  try {
    const bare: number[] = [];
    const info: number[] = [];
    let commands = 0;
    await run([BIN, 'modem', 'info', '--device', pair.path]); // warm the file cache
    for (let i = 0; i < RUNS; i++) {
      bare.push(await run(['-e', '0']));
      const before = simulator.received.commands.length;
      info.push(await run([BIN, 'modem', 'info', '--device', pair.path]));
      commands = simulator.received.commands.length - before;
    }
    const targetMs = 300 + LATENCY_MS * commands;
    const rows = [
      ['node -e 0', median(bare), Math.min(...bare)],
      ['hologram modem info', median(info), Math.min(...info)],
    ] as const;
    process.stdout.write(`simulator latency ${LATENCY_MS} ms, ${commands} AT commands per run, ${RUNS} runs\n`);
    process.stdout.write(`${'command'.padEnd(22)}${'median ms'.padStart(11)}${'min ms'.padStart(9)}\n`);
    for (const [name, med, min] of rows) process.stdout.write(`${name.padEnd(22)}${med.toFixed(1).padStart(11)}${min.toFixed(1).padStart(9)}\n`);
    const medianInfo = median(info);
    process.stdout.write(`target ${targetMs} ms: ${medianInfo <= targetMs ? 'met' : 'MISSED'}\n`);
    process.stdout.write(
      `BENCH ${JSON.stringify({
        name: 'modem-info',
        runs: RUNS,
        simulatorLatencyMs: LATENCY_MS,
        atCommands: commands,
        nodeStartMedianMs: Number(median(bare).toFixed(1)),
        modemInfoMedianMs: Number(medianInfo.toFixed(1)),
        modemInfoMinMs: Number(Math.min(...info).toFixed(1)),
        targetMs,
        met: medianInfo <= targetMs,
      })}\n`,
    );
  } finally {
    await simulator.close();
    await pair.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
