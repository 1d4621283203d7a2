import { existsSync, readFileSync, renameSync } from 'node:fs';
import { logger } from '../logging';
import type { OutboxRecovery } from './outbox-recovery';
import { prepareOutboxDatabase } from './outbox-schema';
import { OutboxStoreError } from './outbox-store-error';
import { salvageOutboxRows } from './salvage-outbox-rows';
import { pragma, transaction, type SqliteConnection, type SqliteEngine } from './sqlite-engine';
import { checkWal } from './wal-check';

const log = logger('outbox');

/** An open, checked outbox connection, and what the check on open had to do, if anything. */
export interface OpenedOutbox {
  readonly db: SqliteConnection;
  readonly recovery: OutboxRecovery | undefined;
}

/**
 * Opens the outbox file (the caller holds its lock) and checks it before use: the WAL by its own
 * checksums (SQLite would silently drop commits after a break), then the database with
 * `PRAGMA quick_check`. A damaged outbox is moved aside to `<path>.corrupt-<timestamp>` (with its
 * `-wal` and `-shm`), the rows that can still be read go into a fresh one, and the recovery is
 * returned for the SDK to report: the SDK starts instead of failing on every restart. Other
 * failures (no space, no permission) throw `OutboxStoreError`: moving a healthy file aside would
 * not help them.
 */
export function openOutboxDatabase(engine: SqliteEngine, path: string, now: () => number = Date.now): OpenedOutbox {
  const problem = path === ':memory:' ? undefined : walProblem(path);
  if (problem !== undefined) return recover(engine, path, { reason: problem, walDamaged: true }, now);
  let db: SqliteConnection | undefined;
  try {
    db = engine.open(path);
    const check = quickCheck(db);
    if (check === undefined) {
      prepareOutboxDatabase(db);
      return { db, recovery: undefined };
    }
    db.close();
    db = undefined;
    return recover(engine, path, { reason: `quick_check: ${check}`, walDamaged: false }, now);
  } catch (error) {
    db?.close();
    if (error instanceof OutboxStoreError) throw error;
    if (!isCorruption(error)) throw new OutboxStoreError(`Cannot open outbox ${path}: ${(error as Error).message}`, path, { cause: error });
    return recover(engine, path, { reason: (error as Error).message, walDamaged: false }, now);
  }
}

/** Why the WAL beside `path` cannot be trusted, or undefined. */
function walProblem(path: string): string | undefined {
  let wal: Buffer;
  try {
    wal = readFileSync(`${path}-wal`);
  } catch {
    return undefined; // no WAL: nothing to replay
  }
  const check = checkWal(wal);
  return check.state === 'damaged' ? check.reason : undefined;
}

/** `quick_check`'s findings, or undefined when the file is sound. */
function quickCheck(db: SqliteConnection): string | undefined {
  const rows = pragma<{ quick_check: string }>(db, 'quick_check(5)');
  const findings = rows.map((row) => row.quick_check);
  return findings.length === 1 && findings[0] === 'ok' ? undefined : findings.join('; ');
}

/**
 * Moves the damaged files aside, reads what it can from them (read-only: they stay as found, for
 * inspection) and carries it into a fresh outbox at `path`, ids kept and never reused.
 */
function recover(engine: SqliteEngine, path: string, damage: { readonly reason: string; readonly walDamaged: boolean }, now: () => number): OpenedOutbox {
  const { reason } = damage;
  const movedTo = `${path}.corrupt-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
  try {
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(path + suffix)) renameSync(path + suffix, movedTo + suffix);
    }
  } catch (error) {
    throw new OutboxStoreError(`Outbox ${path} is damaged (${reason}) and cannot be moved aside: ${(error as Error).message}`, path, { cause: error });
  }
  const salvaged = salvageOutboxRows(engine, movedTo);
  // A damaged WAL hides whatever was committed after the break: never complete.
  const complete = salvaged.complete && !damage.walDamaged;
  let db: SqliteConnection | undefined;
  try {
    db = engine.open(path);
    prepareOutboxDatabase(db);
    const insert = db.prepare('INSERT INTO outbox (id, data, topics, bytes, accepted_at) VALUES (?, ?, ?, ?, ?)');
    const fresh = db;
    transaction(fresh, () => {
      for (const row of salvaged.rows) insert.run(row.id, row.data, row.topics, row.bytes, row.accepted_at);
      // AUTOINCREMENT keeps its high-water mark here: ids handed out before the damage stay unused.
      fresh.prepare("DELETE FROM sqlite_sequence WHERE name = 'outbox'").run();
      fresh.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', ?)").run(salvaged.lastId);
    })();
  } catch (error) {
    db?.close();
    throw new OutboxStoreError(`Outbox ${path} is damaged (${reason}) and a fresh one cannot be written: ${(error as Error).message}`, path, { cause: error });
  }
  const recovery: OutboxRecovery = { path, reason, movedTo, salvaged: salvaged.rows.length, complete };
  log('outbox %s failed its check on open (%s): moved to %s, %d messages carried over%s', path, reason, movedTo, recovery.salvaged, complete ? '' : ', some may be lost');
  return { db, recovery };
}

const CORRUPTION_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_INDEX']);

function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CORRUPTION_CODES.has(code);
}
