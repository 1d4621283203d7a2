import { execFile, spawn } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudEmulator } from '../../lib/testing/cloud-emulator';
import { ModemSimulator, type ModemSimulatorOptions } from '../../lib/testing/modem-simulator';
import { openPtyPair, type PtyPair } from '../../lib/testing/pty-pair';

/**
 * What the interop tests run third-party clients against: a ModemSimulator on a real pty, whose
 * sockets reach a CloudEmulator in place of cloudsocket.hologram.io:9999.
 */
export interface InteropRig {
  readonly pty: PtyPair;
  readonly sim: ModemSimulator;
  readonly cloud: CloudEmulator;
  close(): Promise<void>;
}

export async function openRig(options: ModemSimulatorOptions): Promise<InteropRig> {
  const cloud = new CloudEmulator();
  const port = await cloud.listen();
  const pty = await openPtyPair({ name: 'modem' });
  const sim = new ModemSimulator({
    ...options,
    mapConnect: (host, hostPort) => (host === 'cloudsocket.hologram.io' ? { host: '127.0.0.1', port } : { host, port: hostPort }),
  });
  sim.attach(pty.stream);
  return {
    pty,
    sim,
    cloud,
    async close() {
      await sim.close();
      await pty.close();
      await cloud.close();
    },
  };
}

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a program to its end (never through a shell), with a guard so a hang fails the test;
 * `input` is written to its stdin (which is then closed).
 */
export function run(file: string, args: readonly string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000, input = ''): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { env: { ...process.env, ...env }, timeout: timeoutMs, maxBuffer: 8 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
    // A program that exits without reading its stdin closes the pipe: that is its business, not an error.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
  });
}

/**
 * Runs a program with its stdin and stdout on the modem's tty, as pppd runs its connect script
 * (`chat`): the program's stderr is its log. Same guard as `run`.
 */
export function runOnLine(file: string, args: readonly string[], device: string, timeoutMs = 60_000): Promise<Run> {
  const line = openSync(device, constants.O_RDWR | constants.O_NOCTTY);
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: [line, line, 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('latin1')));
    const guard = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(guard);
      closeSync(line);
      resolve({ code: code ?? -1, stdout: '', stderr });
    });
  });
}

/** A scratch directory removed by the returned function. */
export function scratchDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A gammurc for the device: AT at 115200, the generic AT driver, logging to a file for failures. */
export function gammuConfig(dir: string, device: string): string {
  const file = join(dir, 'gammurc');
  writeFileSync(file, `[gammu]\ndevice = ${device}\nconnection = at115200\nlogformat = textall\nlogfile = ${join(dir, 'gammu.log')}\n`);
  return file;
}
