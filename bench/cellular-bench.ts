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
const TARGET_MS = 10;
const TARGET_COMMANDS = 5;
const TARGET_FLOOR_RATIO = 2;

/** Mean round trip of one AT command through the modem's engine, over the same pty and simulator. */
async function atRoundTrip(send: (command: string) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await send('AT+CSQ');
  const start = process.hrtime.bigint();
  for (let i = 0; i < MESSAGES; i++) await send('AT+CSQ');
  return Number(process.hrtime.bigint() - start) / 1e6 / MESSAGES;
}

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

async function baseline(cloud: CloudEmulator): Promise<number> {
  const frame = (i: number) => Buffer.from(encodeMessageFrame({ deviceKey: 'abcdefgh', data: `tcp ${i}`, topics: ['bench'] }));
  for (let i = 0; i < WARMUP; i++) await tcpExchange(cloud.port, frame(i));
  const start = process.hrtime.bigint();
  for (let i = 0; i < MESSAGES; i++) await tcpExchange(cloud.port, frame(i));
  return Number(process.hrtime.bigint() - start) / 1e6 / MESSAGES;
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

    const commandsBefore = simulator.received.commands.length;
    const start = process.hrtime.bigint();
    for (let i = 0; i < MESSAGES; i++) {
      const result = await hologram.sendMessage(`reading ${i}`, ['bench']);
      if (!result.ok) throw new Error(`message ${i} failed: ${result.description}`);
    }
    const cellularMs = Number(process.hrtime.bigint() - start) / 1e6 / MESSAGES;
    const measured = simulator.received.commands.slice(commandsBefore);
    const commandsPerMessage = measured.length / MESSAGES;
    const byName = new Map<string, number>();
    for (const command of measured) {
      const name = /^AT[+^]?[A-Z]*/i.exec(command)?.[0] ?? command;
      byName.set(name, (byName.get(name) ?? 0) + 1);
    }
    const delivered = cloud.messages.filter((m) => m.data.startsWith('reading ')).length;
    if (delivered !== MESSAGES) throw new Error(`the emulator received ${delivered} of ${MESSAGES} messages`);

    const tcpMs = await baseline(cloud);
    const modem = network.modem;
    if (!modem) throw new Error('the cellular network has no modem');
    const atMs = await atRoundTrip((command) => modem.send(command));
    const floorMs = commandsPerMessage * atMs + tcpMs;

    const rows: Array<[string, string, string]> = [
      ['cellular send (full stack over pty)', `${cellularMs.toFixed(2)} ms/msg`, `target < ${TARGET_MS} ms`],
      ['host TCP exchange (baseline)', `${tcpMs.toFixed(2)} ms/msg`, ''],
      ['ratio cellular / TCP', `${(cellularMs / tcpMs).toFixed(1)}x`, ''],
      ['AT round trip (same modem and pty)', `${atMs.toFixed(2)} ms`, ''],
      [`floor: ${commandsPerMessage.toFixed(0)} AT round trips + TCP`, `${floorMs.toFixed(2)} ms/msg`, ''],
      ['ratio cellular / floor', `${(cellularMs / floorMs).toFixed(2)}x`, `target <= ${TARGET_FLOOR_RATIO}x`],
      ['AT commands per message', commandsPerMessage.toFixed(2), `target <= ${TARGET_COMMANDS}`],
      ...[...byName.entries()].map(([name, n]): [string, string, string] => [`  ${name}`, (n / MESSAGES).toFixed(2), '']),
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log(`${MESSAGES} messages, simulated u-blox SARA-U201 at 0 ms latency over a pty`);
    for (const [label, value, note] of rows) console.log(`${label.padEnd(width)}  ${value.padStart(12)}  ${note}`);
    console.log(
      `BENCH ${JSON.stringify({
        bench: 'cellular',
        messages: MESSAGES,
        cellularMsPerMessage: Number(cellularMs.toFixed(3)),
        tcpMsPerMessage: Number(tcpMs.toFixed(3)),
        ratio: Number((cellularMs / tcpMs).toFixed(2)),
        atRoundTripMs: Number(atMs.toFixed(3)),
        floorMsPerMessage: Number(floorMs.toFixed(3)),
        floorRatio: Number((cellularMs / floorMs).toFixed(2)),
        atCommandsPerMessage: Number(commandsPerMessage.toFixed(2)),
        commands: Object.fromEntries([...byName.entries()].map(([k, v]) => [k, v / MESSAGES])),
        targetsMet: cellularMs < TARGET_MS && commandsPerMessage <= TARGET_COMMANDS && cellularMs / floorMs <= TARGET_FLOOR_RATIO,
      })}`,
    );
  } finally {
    hologram.close();
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
