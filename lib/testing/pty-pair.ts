import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm, symlink, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duplex } from 'node:stream';
import { HologramError } from '../errors';

/**
 * A pseudo-terminal pair standing in for a USB modem: `path` is what the SDK opens with
 * `serialport`, `stream` is the modem's side (for a simulator). `path` is a symlink we own, so an
 * unplug (path gone, reads fail) and a replug (same path, new tty) can be simulated.
 */
export interface PtyPair {
  /** Device path to open with serialport (a symlink to the current pty slave). */
  readonly path: string;
  /** The modem's end of the current pty. A new one after each `replug()`; ends on unplug. */
  readonly stream: Duplex;
  /** False between `unplug()` and `replug()`. */
  readonly plugged: boolean;
  /** Process id of the current relay child (undefined while unplugged): lets tests check cleanup. */
  readonly relayPid: number | undefined;
  /** Removes the path and closes the pty: the serial side sees its reads fail (EIO). */
  unplug(): Promise<void>;
  /** A new pty at the same path; resolves with the new modem-side stream. */
  replug(): Promise<Duplex>;
  /** Unplugs and removes the temporary directory. No child process is left behind. */
  close(): Promise<void>;
}

/** The pty relay could not be started (python3 missing, pty exhausted...). */
export class PtyPairError extends HologramError {}

/**
 * The relay: opens a pty, puts the slave in raw mode (no echo, no CR/LF translation), prints the
 * slave's name on stderr, then copies stdin → master and master → stdout with non-blocking I/O and
 * buffers both ways (no deadlock when one side is slow). It keeps its own slave fd open so the master
 * never sees EIO while the serial side reopens. Exits when stdin closes or stdout breaks.
 */
const RELAY = String.raw`
import errno, os, pty, select, sys, tty
master, slave = pty.openpty()
tty.setraw(slave)
for fd in (0, 1, master):
    os.set_blocking(fd, False)
sys.stderr.write(os.ttyname(slave) + "\n")
sys.stderr.flush()
to_master = bytearray()
to_out = bytearray()
LIMIT = 1 << 20
while True:
    readers = []
    writers = []
    if len(to_master) < LIMIT:
        readers.append(0)
    if len(to_out) < LIMIT:
        readers.append(master)
    if to_master:
        writers.append(master)
    if to_out:
        writers.append(1)
    readable, writable, _ = select.select(readers, writers, [])
    if 0 in readable:
        try:
            data = os.read(0, 65536)
            if not data:
                break
            to_master += data
        except BlockingIOError:
            pass
    if master in readable:
        try:
            to_out += os.read(master, 65536)
        except BlockingIOError:
            pass
        except OSError as error:
            if error.errno != errno.EIO:
                raise
    if master in writable and to_master:
        try:
            del to_master[:os.write(master, to_master)]
        except BlockingIOError:
            pass
    if 1 in writable and to_out:
        try:
            del to_out[:os.write(1, to_out)]
        except BlockingIOError:
            pass
        except BrokenPipeError:
            break
`;

/** One running relay and the Duplex that fronts it. */
interface Relay {
  readonly child: ChildProcessWithoutNullStreams;
  readonly slavePath: string;
  readonly stream: Duplex;
  readonly exited: Promise<void>;
}

async function startRelay(): Promise<Relay> {
  const child = spawn('python3', ['-u', '-c', RELAY], { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const slavePath = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    const onData = (chunk: Buffer) => {
      stderr += chunk.toString();
      const newline = stderr.indexOf('\n');
      if (newline >= 0) {
        child.stderr.off('data', onData);
        resolve(stderr.slice(0, newline).trim());
      }
    };
    child.stderr.on('data', onData);
    child.once('error', (error) => reject(new PtyPairError(`cannot start the pty relay (python3): ${error.message}`, { cause: error })));
    child.once('exit', (code) => reject(new PtyPairError(`the pty relay exited with code ${code}: ${stderr.trim()}`)));
  });
  child.stdin.on('error', () => undefined); // EPIPE after an unplug: the modem is gone, writes are dropped
  let alive = true;
  void exited.then(() => (alive = false));
  const stream = new Duplex({
    read() {
      child.stdout.resume();
    },
    write(chunk: Buffer, _encoding, callback) {
      if (!alive || child.stdin.destroyed) return callback();
      if (child.stdin.write(chunk)) callback();
      else child.stdin.once('drain', () => callback());
    },
    final(callback) {
      child.stdin.end();
      callback();
    },
    destroy(error, callback) {
      child.stdin.destroy();
      callback(error);
    },
  });
  child.stdout.on('data', (chunk: Buffer) => {
    if (!stream.push(chunk)) child.stdout.pause();
  });
  child.stdout.on('end', () => stream.push(null));
  return { child, slavePath, stream, exited };
}

async function stopRelay(relay: Relay): Promise<void> {
  relay.child.stdin.end();
  const timer = setTimeout(() => relay.child.kill('SIGKILL'), 2000);
  await relay.exited;
  clearTimeout(timer);
  relay.stream.destroy();
}

/** Opens a pty pair behind a symlink `<tmp>/hologram-pty-XXXX/<name>` (default `ttyMODEM`). */
export async function openPtyPair(options: { name?: string } = {}): Promise<PtyPair> {
  const directory = await mkdtemp(join(tmpdir(), 'hologram-pty-'));
  const path = join(directory, options.name ?? 'ttyMODEM');
  let relay: Relay | undefined = await startRelay();
  await symlink(relay.slavePath, path);
  let current = relay.stream;

  const unplug = async (): Promise<void> => {
    if (!relay) return;
    const stopping = relay;
    relay = undefined;
    await unlink(path).catch(() => undefined);
    await stopRelay(stopping);
  };

  return {
    path,
    get stream() {
      return current;
    },
    get plugged() {
      return relay !== undefined;
    },
    get relayPid() {
      return relay?.child.pid;
    },
    unplug,
    async replug() {
      await unplug();
      relay = await startRelay();
      await symlink(relay.slavePath, path);
      current = relay.stream;
      return current;
    },
    async close() {
      await unplug();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
