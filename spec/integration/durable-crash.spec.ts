import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudEmulator } from '../../lib/testing/cloud-emulator';

/**
 * The facade's durability promise with nothing mocked: a real child process running
 * `new Hologram(credentials, { outbox: { path }, network: ManualNetwork })` accepts 5,000 messages
 * while offline, connects and drains over real TCP to a CloudEmulator in this process, is
 * SIGKILLed mid-drain, and is started again on the same outbox file. The cloud must end up with
 * every message; the only duplicates allowed are the sends under way at the kill (<= concurrency).
 */
const fixtures = join(__dirname, '..', 'outbox', 'fixtures');
const directory = mkdtempSync(join(tmpdir(), 'hologram-durable-crash-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const COUNT = 5000;
const CONCURRENCY = 4;
const seqOf = (data: string) => Number(data.split('-')[1]);

interface ChildRun {
  readonly lines: string[];
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Runs the child in `facade` mode; `killWhen()` is checked on each frame the emulator receives. */
function runChild(path: string, emulator: CloudEmulator, killWhen?: () => boolean): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', join(fixtures, 'register-ts.js'), join(fixtures, 'outbox-crash-child.ts'), 'facade', path, String(COUNT)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, CRASH_EMULATOR_PORT: String(emulator.port), CRASH_CONCURRENCY: String(CONCURRENCY) },
      },
    );
    const lines: string[] = [];
    let partial = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts);
    });
    const watch = emulator.received$.subscribe(() => {
      if (killWhen?.() === true && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      watch.unsubscribe();
      if (signal === null && code !== 0) reject(new Error(`child exited with ${code}: ${stderr}`));
      else resolve({ lines, code, signal });
    });
  });
}

describe('durable outbox through the facade, SIGKILLed mid-drain', () => {
  it('delivers every one of 5,000 messages across the crash, duplicates only for sends under way', async () => {
    const emulator = new CloudEmulator({ deviceKeys: ['crashkey'] });
    await emulator.listen();
    try {
      const path = join(directory, 'outbox.db');
      const first = await runChild(path, emulator, () => emulator.messages.length >= 1000);
      expect(first.signal).toBe('SIGKILL');
      expect(first.lines).toContain(`ACCEPTED ${COUNT}`);
      expect(first.lines).not.toContain('DONE');
      const beforeRestart = emulator.messages.length;
      expect(beforeRestart).toBeGreaterThanOrEqual(1000);
      expect(beforeRestart).toBeLessThan(COUNT);

      const second = await runChild(path, emulator);
      expect(second.code).toBe(0);
      const resumed = Number(second.lines.find((line) => line.startsWith('RESUMED '))?.split(' ')[1]);
      expect(second.lines).toContain('DONE');

      const seqs = emulator.messages.map((frame) => seqOf(frame.data));
      const unique = new Set(seqs);
      const duplicates = seqs.length - unique.size;
      console.log(
        `durable crash: killed after ${beforeRestart} frames, resumed ${resumed} pending, ` +
          `${seqs.length} frames for ${unique.size} messages: ${duplicates} duplicate(s) (allowed <= ${CONCURRENCY})`,
      );
      expect(unique.size).toBe(COUNT);
      for (let seq = 0; seq < COUNT; seq++) if (!unique.has(seq)) throw new Error(`message ${seq} was lost`);
      expect(duplicates).toBeLessThanOrEqual(CONCURRENCY);
      // The restart resumed exactly what the cloud had not confirmed: no more than in flight at the kill.
      expect(resumed).toBeGreaterThanOrEqual(COUNT - beforeRestart);
      expect(resumed).toBeLessThanOrEqual(COUNT - beforeRestart + CONCURRENCY);
      expect(emulator.messages.every((frame) => frame.code === 0 && frame.topics[0] === 'crash')).toBe(true);
    } finally {
      await emulator.close();
    }
  }, 60_000);
});
