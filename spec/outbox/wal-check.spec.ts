import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pragma } from '../../lib/outbox/sqlite-engine';
import { anyEngine } from './sqlite-engines';
import { checkWal } from '../../lib/outbox/wal-check';

const directory = mkdtempSync(join(tmpdir(), 'hologram-wal-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const HEADER = 32;
const FRAME = 24 + 4096;

/** A real WAL: `commits` transactions of one row each, none checkpointed; `reset` first fills and restarts it. */
function realWal(name: string, commits: number, options: { reset?: boolean; bigLast?: boolean } = {}): Buffer {
  const db = anyEngine().open(join(directory, name));
  pragma(db, 'journal_mode = WAL');
  pragma(db, 'wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (x TEXT)');
  if (options.reset === true) {
    for (let i = 0; i < 10; i++) db.prepare('INSERT INTO t VALUES (?)').run('old'.repeat(100));
    pragma(db, 'wal_checkpoint(RESTART)'); // the next commit writes from the start, new salts, old frames stay after it
  }
  for (let i = 0; i < commits; i++) db.prepare('INSERT INTO t VALUES (?)').run(`row ${i}`);
  if (options.bigLast === true) db.prepare('INSERT INTO t VALUES (?)').run('big'.repeat(4000)); // one commit of several frames
  const wal = readFileSync(join(directory, `${name}-wal`));
  db.close();
  return wal;
}

const damaged = (wal: Buffer, offset: number, length = 16): Buffer => {
  const copy = Buffer.from(wal);
  copy.fill(0x5a, offset, offset + length);
  return copy;
};

describe('checkWal', () => {
  const wal = realWal('five.db', 5);
  const frames = (wal.length - HEADER) / FRAME;

  it('reads every frame of a sound WAL (checksums as SQLite computes them)', () => {
    expect(frames).toBeGreaterThanOrEqual(6);
    expect(checkWal(wal)).toEqual({ state: 'ok', frames });
  });

  it.each([
    ['an empty WAL', Buffer.alloc(0), { state: 'ok', frames: 0 }],
    ['a torn last frame (a commit that never returned)', damaged(wal, HEADER + (frames - 1) * FRAME + 100), { state: 'ok', frames: frames - 1 }],
    ['a last frame cut short', wal.subarray(0, wal.length - 1000), { state: 'ok', frames: frames - 1 }],
  ])('%s is sound', (_name, bytes, expected) => {
    expect(checkWal(bytes)).toEqual(expected);
  });

  it.each([
    ['a header cut short', wal.subarray(0, 20), /^WAL header truncated/],
    ['garbage over the header', damaged(wal, 0, 32), /^WAL header unreadable$/],
    ['a header whose checksum fails', damaged(wal, 12, 4), /^WAL header checksum fails$/],
    ['garbage in a middle frame, commits after it', damaged(wal, HEADER + 2 * FRAME + 500), /^WAL frame 3 fails its checksum with \d+ commits at or after it$/],
  ])('%s is damaged', (_name, bytes, reason) => {
    const check = checkWal(bytes);
    expect(check.state).toBe('damaged');
    expect(check.state === 'damaged' && check.reason).toMatch(reason);
  });

  describe('a last transaction of several frames, written back out of order (a power cut)', () => {
    const big = realWal('big.db', 3, { bigLast: true });
    const total = (big.length - HEADER) / FRAME;
    const commitFrames = Array.from({ length: total }, (_, i) => i).filter((i) => big.readUInt32BE(HEADER + i * FRAME + 4) !== 0);
    const lastStart = commitFrames.at(-2)! + 1; // first frame of the last transaction

    it('is built as meant: the last transaction spans several frames', () => {
      expect(commitFrames.at(-1)).toBe(total - 1);
      expect(total - lastStart).toBeGreaterThanOrEqual(3);
    });

    it.each([
      ['its first frame never written (zeros), its commit frame whole', (wal: Buffer) => wal.fill(0, HEADER + lastStart * FRAME, HEADER + (lastStart + 1) * FRAME)],
      ['its first frame holding garbage', (wal: Buffer) => wal.fill(0x5a, HEADER + lastStart * FRAME + 24, HEADER + lastStart * FRAME + 600)],
      ['a middle frame of it torn', (wal: Buffer) => wal.fill(0x5a, HEADER + (lastStart + 1) * FRAME + 100, HEADER + (lastStart + 1) * FRAME + 200)],
    ])('is a torn tail, not damage: %s', (_name, tear) => {
      const torn = Buffer.from(big);
      tear(torn);
      const check = checkWal(torn);
      expect(check).toEqual({ state: 'ok', frames: expect.any(Number) });
      expect(check.frames).toBeGreaterThanOrEqual(lastStart);
      expect(check.frames).toBeLessThan(total);
    });

    it('is damage when the break lies in a transaction that returned before it', () => {
      const earlier = commitFrames.at(-2)!; // the commit frame of the transaction before the last
      const check = checkWal(damaged(big, HEADER + earlier * FRAME + 1000));
      expect(check.state).toBe('damaged');
    });
  });

  it('frames of an older generation after the current ones are ignored, as SQLite does', () => {
    const restarted = realWal('restarted.db', 1, { reset: true });
    const check = checkWal(restarted);
    expect(check.state).toBe('ok');
    expect(check.frames).toBeLessThan((restarted.length - HEADER) / FRAME);
    expect(check.frames).toBeGreaterThan(0);
  });
});
