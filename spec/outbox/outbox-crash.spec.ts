import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BehaviorSubject, of } from 'rxjs';
import { DeliveryPipeline } from '../../lib/delivery/delivery-pipeline';
import { SqliteOutboxStore } from '../../lib/outbox/sqlite-outbox-store';

/**
 * Real child processes, real SIGKILL, real SQLite file: what a power cut does to a device, minus
 * the disk cache (SIGKILL leaves the page cache intact, so this checks our transactions and ids,
 * while `synchronous = FULL` covers the rest).
 */
const fixtures = join(__dirname, 'fixtures');
const directory = mkdtempSync(join(tmpdir(), 'hologram-crash-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const seqOf = (data: string) => Number(data.split('-')[1]);

interface ChildRun {
  lines: string[];
  signal: NodeJS.Signals | null;
}

/** Runs the crash child and SIGKILLs it as soon as `killWhen` holds for the lines read so far. */
function runChild(args: string[], killWhen: (lines: string[]) => boolean): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', join(fixtures, 'register-ts.js'), join(fixtures, 'outbox-crash-child.ts'), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let partial = '';
    let stderr = '';
    let killed = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts);
      if (!killed && killWhen(lines)) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === null && code !== 0) reject(new Error(`crash child exited with ${code}: ${stderr}`));
      else resolve({ lines, signal });
    });
  });
}

const numbersAfter = (lines: string[], prefix: string) =>
  lines.filter((line) => line.startsWith(`${prefix} `)).map((line) => Number(line.slice(prefix.length + 1)));

describe('durable outbox under SIGKILL', () => {
  it('keeps every acknowledged message of a 5,000 message burst, whole batches only, in order', async () => {
    const path = join(directory, 'accept.db');
    const run = await runChild(['accept', path, '5000', '20'], (lines) => numbersAfter(lines, 'ACK').length >= 25);
    expect(run.signal).toBe('SIGKILL');
    expect(run.lines).not.toContain('DONE'); // killed mid-write, not after it
    const lastAck = Math.max(...numbersAfter(run.lines, 'ACK'));

    const store = new SqliteOutboxStore({ path });
    const seqs = store.pending(Infinity).map((entry) => seqOf(entry.message.data));
    store.close();
    expect(seqs.length).toBeGreaterThan(lastAck); // every acknowledged message is there
    expect(seqs.length).toBeLessThan(5000);
    expect(seqs.length % 20).toBe(0); // a batch is written whole or not at all
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i)); // in order, no gaps, no duplicates
  });

  it('killed mid-drain: nothing delivered is pending again, nothing accepted is lost, and a restart finishes the job', async () => {
    const path = join(directory, 'drain.db');
    const run = await runChild(['drain', path, '5000'], (lines) => numbersAfter(lines, 'DELIVERED').length >= 200);
    expect(run.signal).toBe('SIGKILL');
    expect(numbersAfter(run.lines, 'ACCEPTED')).toEqual([5000]);
    const atCloud = new Set(numbersAfter(run.lines, 'CLOUD'));
    const delivered = numbersAfter(run.lines, 'DELIVERED');
    expect(delivered.length).toBeLessThan(5000);

    const store = new SqliteOutboxStore({ path });
    const pending = store.pending(Infinity).map((entry) => seqOf(entry.message.data));
    expect(pending.length).toBeGreaterThan(0);
    expect(pending).toEqual([...pending].sort((a, b) => a - b));
    for (const seq of delivered) expect(pending).not.toContain(seq); // reported delivered: never sent again
    for (let seq = 0; seq < 5000; seq++) {
      if (!atCloud.has(seq) && !pending.includes(seq)) throw new Error(`message ${seq} was lost`);
    }

    // Restart: a new pipeline on the same file resumes everything that was pending.
    const resumed: number[] = [];
    const pipeline = new DeliveryPipeline({
      store,
      connected$: new BehaviorSubject(true),
      send: () => of({ code: 0, name: 'ERR_OK', description: 'ok', ok: true, retryable: false }),
    });
    const done = new Promise<void>((resolve) => pipeline.results$.subscribe((r) => {
      resumed.push(seqOf(r.message.data));
      if (resumed.length === pending.length) resolve();
    }));
    pipeline.start();
    await done;
    expect(resumed).toEqual(pending);
    expect(pipeline.stats().pendingCount).toBe(0);
    pipeline.close();
  });
});
