/**
 * Start-up benchmark (run after `npm run build`: `node dist/bench/startup-bench.js [runs]`).
 *
 * Wall time of child processes, interleaved run by run so machine noise hits them alike:
 * - `node -e 0`, the baseline;
 * - `hologram send` of one message to an in-process CloudEmulator. Target: <= 1.2x the baseline;
 * - `hologram modem info` against the modem simulator (0 ms latency) over a real pty pair.
 *   Target: <= 1.8x the baseline;
 * - `hologram send` without the CLI's compile cache (`NODE_DISABLE_COMPILE_CACHE=1`), as the first
 *   run after an install or upgrade is: reported, no target;
 * - the floor: `node -e` with a few lines of `node:net` that make the same exchange with the
 *   emulator (the frame `hologram send` writes, then its reply), what any client pays: reported.
 * The warm-up round writes the compile cache (in `$XDG_CACHE_HOME/hologram-rx`) if it is missing.
 * All of it runs on this process's Node, then again on Node 24 when there is one: `HOLOGRAM_NODE24`,
 * or the one scripts/node-versions.sh installs in .cache/nodes (each Node has its own baseline).
 * Prints medians, minimums, ratios of the medians and a `BENCH {...}` JSON line per Node.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { encodeMessageFrame } from '../lib/cloud/cloud-frame';
import { CloudEmulator } from '../lib/testing/cloud-emulator';
import { ModemSimulator } from '../lib/testing/modem-simulator/modem-simulator';
import { openPtyPair } from '../lib/testing/pty-pair';

const RUNS = Number(process.argv[2] ?? process.env.BENCH_RUNS ?? 31);
const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'hologram.js');
const DEVICE_KEY = 'bench123';

/** This process's Node, and Node 24 when it is there and is another. */
function nodes(): string[] {
  const node24 = process.env.HOLOGRAM_NODE24 ?? join(ROOT, '.cache', 'nodes', 'node_modules', 'n24', 'bin', 'node');
  const other = existsSync(node24) && process.version.startsWith('v24.') === false ? [node24] : [];
  return [process.execPath, ...other];
}

/** Milliseconds from spawning `<node> <args>` to its exit; rejects when it fails. */
function timeProcess(node: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) =>
    execFile(node, args, { env }, (error, _stdout, stderr) =>
      error ? reject(new Error(`node ${args.join(' ')} failed: ${stderr}`)) : resolve(Number(process.hrtime.bigint() - start) / 1e6),
    ),
  );
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

interface Row {
  readonly name: string;
  readonly args: readonly string[];
  readonly target?: number;
  readonly env?: NodeJS.ProcessEnv;
  readonly times: number[];
}

/** The floor row's script: connect, write the frame `hologram send` writes, exit on the reply. */
function bareExchange(port: number): string {
  const frame = encodeMessageFrame({ deviceKey: DEVICE_KEY, data: 'bench', topics: [] });
  return `const s = require('node:net').connect(${port}, '127.0.0.1', () => s.write(${JSON.stringify(frame)}));
s.once('data', () => { process.stdout.write('Message sent successfully\\n'); s.end(); });`;
}

async function measure(node: string, sendPort: number, modemPath: string): Promise<void> {
  const version = execFileSync(node, ['-p', 'process.version'], { encoding: 'utf8' }).trim();
  const send = [BIN, 'send', 'bench', '--devicekey', DEVICE_KEY, '--host', '127.0.0.1', '-p', String(sendPort)];
  const rows: Row[] = [
    { name: 'node -e 0', args: ['-e', '0'], times: [] },
    { name: 'hologram send', args: send, target: 1.2, times: [] },
    { name: 'hologram modem info', args: [BIN, 'modem', 'info', '--device', modemPath], target: 1.8, times: [] },
    { name: 'send, no compile cache', args: send, env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' }, times: [] },
    { name: 'floor: bare TCP exchange', args: ['-e', bareExchange(sendPort)], times: [] },
  ];
  for (const row of rows) await timeProcess(node, row.args, row.env); // warm the file cache (and write the compile cache)
  for (let run = 0; run < RUNS; run += 1) {
    // Rotate the order, so none always runs first (or last) in a round.
    for (let i = 0; i < rows.length; i += 1) {
      const row = rows[(run + i) % rows.length] as Row;
      row.times.push(await timeProcess(node, row.args, row.env));
    }
  }

  const baseline = median(rows[0]?.times ?? []);
  const figures = rows.map((row) => {
    const ms = median(row.times);
    const ratio = ms / baseline;
    return {
      name: row.name,
      medianMs: Number(ms.toFixed(1)),
      minMs: Number(Math.min(...row.times).toFixed(1)),
      ratio: Number(ratio.toFixed(3)),
      target: row.target,
      met: row.target === undefined ? undefined : ratio <= row.target,
    };
  });
  process.stdout.write(`Node ${version}: ${RUNS} runs each, interleaved; ratio = median / median of node -e 0\n`);
  process.stdout.write(`${'command'.padEnd(24)}${'median ms'.padStart(10)}${'min ms'.padStart(9)}${'ratio'.padStart(8)}   target\n`);
  for (const row of figures) {
    const target = row.target === undefined ? '' : `<= ${row.target} ${row.met ? 'met' : 'MISSED'}`;
    process.stdout.write(
      `${row.name.padEnd(24)}${row.medianMs.toFixed(1).padStart(10)}${row.minMs.toFixed(1).padStart(9)}${row.ratio.toFixed(2).padStart(8)}   ${target}\n`,
    );
  }
  process.stdout.write(`BENCH ${JSON.stringify({ name: 'startup', node: version, runs: RUNS, rows: figures })}\n`);
}

async function main(): Promise<void> {
  const emulator = new CloudEmulator({ deviceKeys: [DEVICE_KEY] });
  const port = await emulator.listen();
  const pair = await openPtyPair();
  const simulator = new ModemSimulator({ vendor: 'u-blox', latencyMs: 0 });
  simulator.attach(pair.stream);
  try {
    const versions = nodes();
    for (const node of versions) await measure(node, port, pair.path);
    const sends = versions.length * 3 * (RUNS + 1); // send, send without cache, the floor
    if (emulator.messages.length !== sends) throw new Error(`the emulator received ${emulator.messages.length} messages, expected ${sends}`);
  } finally {
    await simulator.close();
    await pair.close();
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
