import { closeSync, openSync, readSync, unlinkSync } from 'node:fs';
import { OutboxLockedError } from './outbox-locked-error';
import { OutboxStoreError } from './outbox-store-error';
import { pragma, type SqliteConnection, type SqliteEngine } from './sqlite-engine';

/** Byte offset of SQLite's `user_version` in a database header (4 bytes, big-endian). */
const USER_VERSION_OFFSET = 60;

/** Ownership of an outbox file, held until `release()` or the end of the process. */
export interface OutboxLock {
  /** The lock file beside the outbox. */
  readonly path: string;
  release(): void;
}

/**
 * Takes ownership of the outbox at `outboxPath`, or throws `OutboxLockedError` at once.
 *
 * The lock is a small SQLite file (`<outbox>.lock`) held by a connection in `locking_mode =
 * EXCLUSIVE` after one write: an fcntl lock that the kernel drops with the process (a SIGKILL or a
 * power cut leaves no stale lock), and that SQLite also keeps between two connections of one
 * process. The write stores the owner's pid as `user_version`, which a refused opener reads from
 * the file's bytes (advisory locks do not stop a plain read). It is a file of its own, not the
 * outbox, so it keeps working while the outbox is checked, moved aside and rebuilt.
 */
export function acquireOutboxLock(engine: SqliteEngine, outboxPath: string): OutboxLock {
  const path = `${outboxPath}.lock`;
  let db: SqliteConnection;
  try {
    db = lockConnection(engine, path);
  } catch (error) {
    if (isBusy(error)) throw new OutboxLockedError(outboxPath, readOwnerPid(path));
    if (!isNotADatabase(error)) throw lockError(outboxPath, error);
    // A torn or foreign lock file (nobody can hold a file SQLite cannot read): start it again.
    try {
      unlinkSync(path);
      db = lockConnection(engine, path);
    } catch (retryError) {
      if (isBusy(retryError)) throw new OutboxLockedError(outboxPath, readOwnerPid(path));
      throw lockError(outboxPath, retryError);
    }
  }
  let held = true;
  return {
    path,
    release: () => {
      if (!held) return;
      held = false;
      db.close();
    },
  };
}

/** Opens the lock file and writes the pid: the write takes the exclusive lock, kept until close. */
function lockConnection(engine: SqliteEngine, path: string): SqliteConnection {
  const db = engine.open(path);
  try {
    pragma(db, 'locking_mode = EXCLUSIVE');
    pragma(db, 'journal_mode = MEMORY'); // no journal file beside it: the pid note needs no rollback
    pragma(db, 'synchronous = OFF'); // nor durability
    pragma(db, `user_version = ${process.pid}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The pid noted in the lock file, if it can be read and that process still exists. */
function readOwnerPid(path: string): number | undefined {
  const pid = readNotedPid(path);
  if (pid === undefined) return undefined;
  try {
    process.kill(pid, 0); // signal 0 only checks that the process exists
    return pid;
  } catch (error) {
    // EPERM: it exists but belongs to another user; ESRCH: the note is from a dead owner.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}

function readNotedPid(path: string): number | undefined {
  try {
    const fd = openSync(path, 'r');
    try {
      const bytes = Buffer.alloc(4);
      if (readSync(fd, bytes, 0, 4, USER_VERSION_OFFSET) < 4) return undefined;
      return bytes.readUInt32BE(0) || undefined;
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

const codeOf = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;
const isBusy = (error: unknown): boolean => codeOf(error) === 'SQLITE_BUSY' || codeOf(error) === 'SQLITE_LOCKED';
const isNotADatabase = (error: unknown): boolean => codeOf(error) === 'SQLITE_NOTADB' || codeOf(error) === 'SQLITE_CORRUPT';

function lockError(outboxPath: string, error: unknown): OutboxStoreError {
  return new OutboxStoreError(`Cannot lock outbox ${outboxPath}: ${(error as Error).message}`, outboxPath, { cause: error });
}
