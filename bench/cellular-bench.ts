/**
 * Cellular benchmark (run after building: `node dist/bench/cellular-bench.js [messages]`).
 *
 * One run over a REAL pty pair (serialport binding, python3 relay) with a simulated u-blox
 * SARA-U201 at zero latency whose sockets open real TCP connections to an in-process CloudEmulator:
 * 1. Per-message cost of `hologram.sendMessage()` through the full stack (delivery pipeline,
 *    `CellularNetwork`, AT sockets, serialport, pty, simulator, TCP) once the PDP context is up,
 *    against the same exchange over host TCP straight to the emulator (connect, write the frame,
 *    read until close). Target: under 10 ms per message (the Python SDK takes about 2 s here).
 *    The honest floor of that cost is the exchange's own AT round trips plus the TCP exchange the
 *    simulated modem makes: each AT round trip is measured on the same modem, pty and simulator
 *    (`AT+CSQ`, answered without touching a socket). Target: at most 2x that floor.
 * 2. AT commands per message once the PDP context is up, counted from the simulator's record of
 *    every command line it received. Target: at most 5.
 * Prints a table and a final `BENCH {...}` JSON line.
 */
import { connect } from 'node:net';
import { filter, firstValueFrom } from 'rxjs';
import { encodeMessageFrame } from '../lib/cloud/cloud-frame';
import { Credentials } from '../lib/cloud/credentials';
import { Hologram } from '../lib/hologram';
import { CellularNetwork } from '../lib/network/cellular';
import { CloudEmulator } from '../lib/testing/cloud-emulator';
import { ModemSimulator } from '../lib/testing/modem-simulator';
import { openPtyPair } from '../lib/testing/pty-pair';

const MESSAGES = Number(process.argv[2] ?? 300);
const WARMUP = 20;
/** Cellular, AT and TCP runs alternate in this many rounds, so machine noise hits them alike. */
const ROUNDS = 5;
const TARGET_MS = 10;
const TARGET_COMMANDS = 5;
const TARGET_FLOOR_RATIO = 2;


/** One exchange over host TCP: connect, write the frame, read until the emulator closes. */
function tcpExchange(port: number, frame: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.write(frame));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks)));
  });
}

const frame = (i: number) => Buffer.from(encodeMessageFrame({ deviceKey: 'abcdefgh', data: `tcp ${i}`, topics: ['bench'] }));

/** Total ms of `count` runs of `once` (awaited one after another). */
async function timed(count: number, once: (i: number) => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await once(i);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main(): Promise<void> {
  const cloud = new CloudEmulator();
  const port = await cloud.listen();
  const pair = await openPtyPair();
  const simulator = new ModemSimulator({
    vendor: 'u-blox',
    model: 'SARA-U201',
    latencyMs: 0,
    mapConnect: (host, p) => (host === 'cloudsocket.hologram.io' ? { host: '127.0.0.1', port } : { host, port: p }),
  });
  simulator.attach(pair.stream);
  const network = await CellularNetwork.open(pair.path);
  const hologram = new Hologram(new Credentials('abcd', 'efgh'), { network });
  try {
    await firstValueFrom(network.state$.pipe(filter((s) => s.kind === 'connected')));
    // Warm up: the PDP context comes up (and hex mode is set) on the first messages.
    for (let i = 0; i < WARMUP; i++) await hologram.sendMessage(`warm ${i}`, ['bench']);

    const modem = network.modem;
    if (!modem) throw new Error('the cellular network has no modem');
    // An AT round trip through the modem's engine, over the same pty and simulator (AT+CSQ is
    // answered without touching a socket).
    const atRoundTrip = () => modem.command('AT+CSQ');
    await timed(WARMUP, atRoundTrip);
    await timed(WARMUP, (i) => tcpExchange(cloud.port, frame(i)));

    const perRound = Math.ceil(MESSAGES / ROUNDS);
    let cellularTotal = 0;
    let atTotal = 0;
    let tcpTotal = 0;
    const measured: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const commandsBefore = simulator.received.commands.length;
      cellularTotal += await timed(perRound, async (i) => {
        const result = await hologram.sendMessage(`reading ${round * perRound + i}`, ['bench']);
        if (!result.ok) throw new Error(`message ${round * perRound + i} failed: ${result.description}`);
      });
      measured.push(...simulator.received.commands.slice(commandsBefore));
      atTotal += await timed(perRound, atRoundTrip);
      tcpTotal += await timed(perRound, (i) => tcpExchange(cloud.port, frame(i)));
    }
    const sent = perRound * ROUNDS;
    const cellularMs = cellularTotal / sent;
    const atMs = atTotal / sent;
    const tcpMs = tcpTotal / sent;
    const commandsPerMessage = measured.length / sent;
    const byName = new Map<string, number>();
    for (const command of measured) {
      const name = /^AT[+^]?[A-Z]*/i.exec(command)?.[0] ?? command;
      byName.set(name, (byName.get(name) ?? 0) + 1);
    }
    const delivered = cloud.messages.filter((m) => m.data.startsWith('reading ')).length;
    if (delivered !== sent) throw new Error(`the emulator received ${delivered} of ${sent} messages`);
    const floorMs = commandsPerMessage * atMs + tcpMs;

    const rows: Array<[string, string, string]> = [
      ['cellular send (full stack over pty)', `${cellularMs.toFixed(2)} ms/msg`, `target < ${TARGET_MS} ms`],
      ['host TCP exchange (baseline)', `${tcpMs.toFixed(2)} ms/msg`, ''],
      ['ratio cellular / TCP', `${(cellularMs / tcpMs).toFixed(1)}x`, ''],
      ['AT round trip (same modem and pty)', `${atMs.toFixed(2)} ms`, ''],
      [`floor: ${commandsPerMessage.toFixed(0)} AT round trips + TCP`, `${floorMs.toFixed(2)} ms/msg`, ''],
      ['ratio cellular / floor', `${(cellularMs / floorMs).toFixed(2)}x`, `target <= ${TARGET_FLOOR_RATIO}x`],
      ['AT commands per message', commandsPerMessage.toFixed(2), `target <= ${TARGET_COMMANDS}`],
      ...[...byName.entries()].map(([name, n]): [string, string, string] => [`  ${name}`, (n / sent).toFixed(2), '']),
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log(`${sent} messages in ${ROUNDS} rounds, simulated u-blox SARA-U201 at 0 ms latency over a pty`);
    for (const [label, value, note] of rows) console.log(`${label.padEnd(width)}  ${value.padStart(12)}  ${note}`);
    console.log(
      `BENCH ${JSON.stringify({
        bench: 'cellular',
        messages: sent,
        cellularMsPerMessage: Number(cellularMs.toFixed(3)),
        tcpMsPerMessage: Number(tcpMs.toFixed(3)),
        ratio: Number((cellularMs / tcpMs).toFixed(2)),
        atRoundTripMs: Number(atMs.toFixed(3)),
        floorMsPerMessage: Number(floorMs.toFixed(3)),
        floorRatio: Number((cellularMs / floorMs).toFixed(2)),
        atCommandsPerMessage: Number(commandsPerMessage.toFixed(2)),
        commands: Object.fromEntries([...byName.entries()].map(([k, v]) => [k, v / sent])),
        targetsMet: cellularMs < TARGET_MS && commandsPerMessage <= TARGET_COMMANDS && cellularMs / floorMs <= TARGET_FLOOR_RATIO,
      })}`,
    );
  } finally {
    await hologram.close();
    await network.close();
    await simulator.close();
    await pair.close();
    await cloud.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
