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
 * every message, and nothing the child reported delivered before the kill may be sent again.
 *
 * What may be sent twice is what the cloud had but the child had not confirmed at the kill: the
 * sends under way (each holds one of `concurrency` slots) and the answered ones waiting for their
 * removal. A settled message holds no slot: settled messages leave the outbox together in one
 * commit up to 50 ms later (`Acknowledger`), new sends go on meanwhile, and only that commit
 * reports them. So the bound is not `concurrency` but what the cloud received and the child had
 * not reported when it died; that is what is asserted, message by message.
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
  it('delivers every one of 5,000 messages across the crash, duplicates only for messages not yet confirmed at the kill', async () => {
    const emulator = new CloudEmulator({ deviceKeys: ['crashkey'] });
    await emulator.listen();
    try {
      const path = join(directory, 'outbox.db');
      const first = await runChild(path, emulator, () => emulator.messages.length >= 1000);
      expect(first.signal).toBe('SIGKILL');
      // A frame the child wrote just before the kill may still be on its way in: count it as the
      // first run's once the emulator has read every connection of the dead child to its end.
      while (emulator.openConnections > 0) await new Promise((resolve) => setImmediate(resolve));
      expect(first.lines).toContain(`ACCEPTED ${COUNT}`);
      expect(first.lines).not.toContain('DONE');
      const beforeRestart = emulator.messages.length;
      expect(beforeRestart).toBeGreaterThanOrEqual(1000);
      expect(beforeRestart).toBeLessThan(COUNT);

      // What the first run told its user: each such message was removed by a commit first.
      const reportedBeforeKill = new Set(first.lines.filter((line) => line.startsWith('REPORTED ')).map((line) => Number(line.split(' ')[1])));
      const receivedBeforeKill = new Set(emulator.messages.map((frame) => seqOf(frame.data)));
      const unconfirmedAtKill = [...receivedBeforeKill].filter((seq) => !reportedBeforeKill.has(seq));
      for (const seq of reportedBeforeKill) expect(receivedBeforeKill.has(seq)).toBe(true);

      const second = await runChild(path, emulator);
      expect(second.code).toBe(0);
      const resumed = Number(second.lines.find((line) => line.startsWith('RESUMED '))?.split(' ')[1]);
      expect(second.lines).toContain('DONE');

      const seqs = emulator.messages.map((frame) => seqOf(frame.data));
      const unique = new Set(seqs);
      const duplicates = seqs.length - unique.size;
      console.log(
        `durable crash: killed after ${beforeRestart} frames (${reportedBeforeKill.size} reported, ` +
          `${unconfirmedAtKill.length} received but unconfirmed), resumed ${resumed} pending, ` +
          `${seqs.length} frames for ${unique.size} messages: ${duplicates} duplicate(s)`,
      );
      expect(unique.size).toBe(COUNT);
      for (let seq = 0; seq < COUNT; seq++) if (!unique.has(seq)) throw new Error(`message ${seq} was lost`);
      // Nothing reported delivered before the kill went out again after the restart.
      const resent = emulator.messages.slice(beforeRestart).map((frame) => seqOf(frame.data)).filter((seq) => reportedBeforeKill.has(seq));
      expect(resent).toEqual([]);
      // Every duplicate is a message the cloud had and the child had not confirmed at the kill.
      const unconfirmed = new Set(unconfirmedAtKill);
      const seen = new Set<number>();
      const duplicated = seqs.filter((seq) => seen.has(seq) || (seen.add(seq), false));
      expect(duplicated.filter((seq) => !unconfirmed.has(seq))).toEqual([]);
      expect(duplicates).toBeLessThanOrEqual(unconfirmedAtKill.length);
      // The restart resumed everything not confirmed, and nothing the cloud had not received is missing from it.
      expect(resumed).toBeGreaterThanOrEqual(COUNT - receivedBeforeKill.size);
      expect(resumed).toBeLessThanOrEqual(COUNT - reportedBeforeKill.size);
      expect(emulator.messages.every((frame) => frame.code === 0 && frame.topics[0] === 'crash')).toBe(true);
    } finally {
      await emulator.close();
    }
  }, 60_000);
});
