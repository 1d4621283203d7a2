import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SqliteEngineName } from '../../lib/outbox/sqlite-engine';
import { CloudEmulator } from '../../lib/testing/cloud-emulator';

/**
 * The two engines on one file, each in the Node it runs in (real child processes): better-sqlite3
 * under a Node it was built for, node:sqlite under Node 24. The Node 24 binary comes from
 * HOLOGRAM_NODE24 when this runs under an older Node; a Node for better-sqlite3 from
 * HOLOGRAM_NODE20 when this runs under Node 24 or later. Without it the cases say why they skip.
 */
const run = promisify(execFile);
const fixtures = join(__dirname, 'fixtures');
const directory = mkdtempSync(join(tmpdir(), 'hologram-interop-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const major = Number(process.versions.node.split('.')[0]);
const nodes: Record<SqliteEngineName, { readonly binary?: string; readonly missing: string }> = {
  'node:sqlite': { binary: major >= 24 ? process.execPath : process.env.HOLOGRAM_NODE24, missing: 'set HOLOGRAM_NODE24 to a Node 24 binary' },
  'better-sqlite3': { binary: major < 24 ? process.execPath : process.env.HOLOGRAM_NODE20, missing: 'set HOLOGRAM_NODE20 to the Node better-sqlite3 was built for' },
};

async function child(engine: SqliteEngineName, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Record<string, unknown>> {
  const binary = nodes[engine].binary!;
  try {
    const { stdout } = await run(binary, ['-r', join(fixtures, 'register-ts.js'), join(fixtures, 'outbox-engine-child.ts'), ...args], {
      env: { ...process.env, NODE_NO_WARNINGS: undefined, ...env },
    });
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
  } catch (error) {
    // A child that SIGKILLs itself still printed its line first.
    const { stdout, signal } = error as { stdout?: string; signal?: string };
    if (signal === 'SIGKILL' && stdout !== undefined && stdout.trim() !== '') return JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    throw error;
  }
}

const missing = (Object.keys(nodes) as SqliteEngineName[]).filter((engine) => nodes[engine].binary === undefined);
if (missing.length > 0) console.warn(`engine interop cases skipped: ${missing.map((engine) => `${engine}: ${nodes[engine].missing}`).join('; ')}`);
const both = missing.length === 0 ? describe : describe.skip;

both('one outbox file, two engines (child processes on their own Node)', () => {
  const pairs: [SqliteEngineName, SqliteEngineName][] = [
    ['better-sqlite3', 'node:sqlite'],
    ['node:sqlite', 'better-sqlite3'],
  ];
  it.each(pairs.flatMap(([writer, reader]) => [
    [writer, reader, 'closed'],
    [writer, reader, 'kill'],
  ]))('written by %s, opened by %s (writer %s; killed: its last commits only in the WAL)', async (writer, reader, ending) => {
    const path = join(directory, `${writer}-${ending}.db`.replace(':', '-'));
    const written = await child(writer as SqliteEngineName, ['write', writer, path, ending]);
    expect(written.engine).toBe(writer);
    if (ending === 'kill') expect(existsSync(`${path}-wal`)).toBe(true); // the reader replays the writer's WAL
    const read = await child(reader as SqliteEngineName, ['read', reader, path]);
    expect(read.engine).toBe(reader);
    expect(read.recovery).toBeNull();
    expect(read.pending).toEqual(written.pending);
    const last = (written.pending as { id: number }[]).at(-1)!.id;
    expect((read.next as { id: number }).id).toBeGreaterThan(last);
  }, 30_000);
});

(nodes['node:sqlite'].binary === undefined ? describe.skip : describe)('outbox: { path } on Node 24 with better-sqlite3 absent', () => {
  it('sends through a durable outbox on node:sqlite, never loading better-sqlite3', async () => {
    const emulator = new CloudEmulator({ deviceKeys: ['abcdefgh'] });
    const port = await emulator.listen();
    try {
      const path = join(directory, 'facade', 'outbox.db');
      const answer = await child('node:sqlite', ['facade', path, String(port)], { HOLOGRAM_BLOCK_BETTER_SQLITE3: '1' });
      expect(answer).toMatchObject({ ok: true, pending: 0, betterSqlite3Loaded: false });
      expect(existsSync(path)).toBe(true);
      expect(emulator.messages.map((frame) => frame.data)).toEqual([expect.stringMatching(/^from node 2[4-9]\./)]);
    } finally {
      await emulator.close();
    }
  }, 30_000);
});
