import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { OutboundMessage } from '../cloud/outbound-message';
import { frozenMessage } from '../cloud/frozen-message';
import { HologramError, InvalidArgumentError } from '../errors';
import { logger } from '../logging';
import { acquireOutboxLock, type OutboxLock } from './outbox-lock';
import { ClosedError } from '../closed-error';
import { admitBatch, resolveOutboxLimits, type OutboxLimits, type ResolvedOutboxLimits } from './outbox-limits';
import type { OutboxRecovery } from './outbox-recovery';
import type { OutboxRow } from './outbox-schema';
import { OutboxStoreError } from './outbox-store-error';
import type { AppendOutcome, KeptIds, OutboxEntry, OutboxStore, OutboxStoreStats } from './outbox-store';
import { KnownEntries } from './known-entries';
import { OutboxSpace, type OutboxSpaceOptions } from './outbox-space';
import { openOutboxDatabase } from './open-outbox-database';
import { defaultSqliteEngine, probeSqliteEngine } from './load-sqlite-engine';
import { pragmaValue, SQLITE_ENGINE_NAMES, transaction, type SqliteConnection, type SqliteEngine, type SqliteEngineName, type SqliteStatement } from './sqlite-engine';
import { fitsWithin, placeWithinLimits } from '../operators/place-within-limits';

const log = logger('outbox');

/** Waiting entries kept in memory besides the file while there are no more (see `KnownEntries`). */
const KNOWN_ENTRIES = 1024;

/** Writes since the last checkpoint past which an outbox that empties checkpoints (and its WAL goes to 0 bytes). */
const CHECKPOINT_WHEN_EMPTY_AFTER = 256;

/** Bytes SQLite adds per row (header, cell pointer, rowid, column sizes), roughly: for the space estimate. */
const ROW_OVERHEAD = 64;

export interface SqliteOutboxOptions extends OutboxLimits, OutboxSpaceOptions {
  /** File of the outbox database; its directory is created if missing. */
  readonly path: string;
  /**
   * The SQLite engine: default `node:sqlite` on Node 24 and later (built in), `better-sqlite3`
   * before. Both read and write the same file format.
   */
  readonly engine?: SqliteEngineName;
}

/**
 * The durable outbox: waiting messages live in a SQLite file (through `node:sqlite` on Node 24 and
 * later, `better-sqlite3` before; see `SqliteEngine`, loaded only when this store is opened), so
 * they survive restarts and power cuts.
 *
 * - Every write is a transaction committed with `synchronous = FULL` (WAL journal): the WAL is
 *   fsynced before the commit returns. `append` returns once its batch is on disk; `remove`
 *   returns once its deletes are, so a power cut brings back at most the ids of the one `remove`
 *   call under way (sent twice, never lost). Deletes are made cheap by grouping, not by a weaker
 *   sync: the caller hands `remove` every id acknowledged meanwhile, one fsync for all of them.
 * - A failed write changes nothing: its transaction rolls back, the counters follow only a
 *   commit that succeeded, and it throws `OutboxStoreError` naming the file and the cause
 *   (`code`: `SQLITE_FULL`...). Nothing that failed is ever reported as done.
 * - Room to acknowledge (see `OutboxSpace`): a small WAL (checkpointed every 32 frames, cut to
 *   128 KiB, emptied when the outbox drains or a write fails), appends refused with `ENOSPC` below
 *   `minFreeBytes` free, and a reserve file released when a removal fails for want of space, so
 *   delivered messages leave the outbox even on a disk it filled itself.
 * - One owner: opening takes `<path>.lock` (see `acquireOutboxLock`); a second opener, in this
 *   process or another, gets `OutboxLockedError` at once.
 * - Checked on open (see `openOutboxDatabase`): a damaged file is moved aside, what can be read
 *   is carried into a fresh one, and `recovery` says so.
 * - Statements are prepared once; pending count and bytes are kept in memory (counted once on
 *   open), so `stats()` does not scan, and while at most 1,024 messages wait they are known in
 *   memory too (`KnownEntries`), so `pending()` reads nothing back. Ids and order survive restarts.
 */
export class SqliteOutboxStore implements OutboxStore {
  readonly limits: ResolvedOutboxLimits;
  readonly path: string;
  /** What it holds is resumed on the next start. */
  readonly durable = true;
  /** What the check on open had to repair, or undefined when the file was sound. */
  readonly recovery: OutboxRecovery | undefined;
  /** The SQLite engine the file is open with. */
  readonly engine: SqliteEngineName;
  /**
   * Open with the connection and the file's lock (none for `:memory:`), or closed: both released
   * by `close()` (the lock also by the end of the process).
   */
  #phase: SqliteOutboxPhase;
  /** The room kept free to acknowledge (none for `:memory:`). */
  readonly #space: OutboxSpace | undefined;
  /** Bytes a WAL frame takes: a page and its header. */
  readonly #frameBytes: number;
  /** Commits since the WAL was last checkpointed by this store. */
  #writesSinceCheckpoint = 0;
  /** Waiting messages and their bytes, changed only after a commit succeeded. */
  #pendingCount: number;
  #pendingBytes: number;
  /** The waiting entries, while they are few enough to keep (committed changes only). */
  readonly #known: KnownEntries;
  readonly #insertStatement: SqliteStatement<[string, string, number, number], never>;
  readonly #pendingStatement: SqliteStatement<[number], OutboxRow>;
  readonly #deleteStatement: SqliteStatement<[number], { bytes: number }>;
  readonly #oldestStatement: SqliteStatement<[], { accepted_at: number }>;
  readonly #appendTransaction: (
    messages: readonly OutboundMessage[],
    sizes: readonly number[],
    acceptedAt: number,
    keep: KeptIds | undefined,
  ) => { outcome: AppendOutcome; count: number; bytes: number };
  readonly #removeTransaction: (ids: readonly number[]) => { count: number; bytes: number };

  constructor(options: SqliteOutboxOptions) {
    this.limits = resolveOutboxLimits(options);
    this.path = options.path;
    const engine = loadEngine(options.path, options.engine);
    this.engine = engine.name;
    const lock = options.path === ':memory:' ? undefined : acquireOutboxLock(engine, createDirectory(options.path));
    let db: SqliteConnection;
    try {
      const opened = openOutboxDatabase(engine, options.path);
      db = opened.db;
      this.recovery = opened.recovery;
    } catch (error) {
      lock?.release();
      throw error;
    }
    this.#phase = { kind: 'open', db, lock };
    try {
      const totals = db.prepare<[], { count: number; bytes: number }>('SELECT count(*) AS count, coalesce(sum(bytes), 0) AS bytes FROM outbox').get()!;
      this.#pendingCount = totals.count;
      this.#pendingBytes = totals.bytes;
      this.#known = new KnownEntries(KNOWN_ENTRIES, totals.count);
      this.#frameBytes = (pragmaValue(db, 'page_size') as number) + 24;
      this.#insertStatement = db.prepare('INSERT INTO outbox (data, topics, bytes, accepted_at) VALUES (?, ?, ?, ?)');
      this.#pendingStatement = db.prepare('SELECT id, data, topics, bytes, accepted_at FROM outbox ORDER BY id LIMIT ?');
      this.#deleteStatement = db.prepare('DELETE FROM outbox WHERE id = ? RETURNING bytes');
      this.#oldestStatement = db.prepare('SELECT accepted_at FROM outbox ORDER BY id LIMIT 1');
    } catch (error) {
      db.close();
      lock?.release();
      throw new OutboxStoreError(`Cannot open outbox ${options.path}: ${(error as Error).message}`, options.path, { cause: error });
    }
    try {
      this.#space = options.path === ':memory:' ? undefined : new OutboxSpace(options.path, options, () => this.#freePagesBytes());
    } catch (error) {
      db.close();
      lock?.release();
      if (error instanceof HologramError) throw error;
      throw new OutboxStoreError(`Cannot read the free space of outbox ${options.path}: ${(error as Error).message}`, options.path, { cause: error });
    }
    this.#appendTransaction = transaction(db, this.#appendRows.bind(this));
    this.#removeTransaction = transaction(db, this.#deleteRows.bind(this));
    log('opened %s with %s: %d pending messages (%d bytes)', this.path, this.engine, this.#pendingCount, this.#pendingBytes);
  }

  append(
    messages: readonly OutboundMessage[],
    options: { readonly acceptedAt: number; readonly keep?: KeptIds },
  ): AppendOutcome {
    this.#checkOpen('append');
    const sizes = admitBatch(messages);
    if (messages.length === 0) return { entries: [], evicted: [] };
    // One message with room to spare is one INSERT, a transaction of its own: no BEGIN/COMMIT.
    // Anything that may evict runs in one transaction, so an eviction never commits without its insert.
    const alone = messages.length === 1 && fitsWithin(this.limits, { count: this.#pendingCount, bytes: this.#pendingBytes }, sizes[0]);
    this.#space?.admit(this.#writeEstimate(sizes));
    const { outcome, count, bytes } = this.#run('store messages in', () =>
      alone
        ? this.#appendRows(messages, sizes, options.acceptedAt, options.keep)
        : this.#appendTransaction(messages, sizes, options.acceptedAt, options.keep),
    );
    this.#writesSinceCheckpoint++;
    this.#pendingCount = count;
    this.#pendingBytes = bytes;
    this.#known.appended(outcome.entries, outcome.evicted, count);
    return outcome;
  }

  pending(limit: number): readonly OutboxEntry[] {
    this.#checkOpen('read pending messages');
    // The count is exact (changed only after a commit), so an empty outbox needs no query.
    if (limit <= 0 || this.#pendingCount === 0) return [];
    const known = this.#known.oldest(limit);
    if (known !== undefined) return known;
    return this.#run('read pending messages from', () => this.#pendingStatement.all(Math.min(limit, Number.MAX_SAFE_INTEGER))).map(toEntry);
  }

  remove(ids: readonly number[]): number {
    this.#checkOpen('remove messages');
    if (ids.length === 0) return 0;
    // One id is one DELETE, a transaction of its own: no BEGIN/COMMIT around it.
    const deleteAll = () => (ids.length === 1 ? this.#deleteRows(ids) : this.#removeTransaction(ids));
    let removed: { count: number; bytes: number };
    try {
      removed = this.#run('remove messages from', deleteAll);
    } catch (error) {
      if (!mayBeNoSpace(error)) throw error;
      // Acknowledging must not wait for space: release the reserve, shrink the WAL, once more.
      const released = this.#space?.release() ?? false;
      this.#checkpoint();
      removed = this.#run('remove messages from', deleteAll);
      log('removal from %s went through after %s', this.path, released ? 'releasing the reserve' : 'a checkpoint');
    }
    this.#writesSinceCheckpoint++;
    this.#pendingCount -= removed.count;
    this.#pendingBytes -= removed.bytes;
    this.#known.removed(ids, this.#pendingCount);
    if (this.#pendingCount === 0 && this.#writesSinceCheckpoint >= CHECKPOINT_WHEN_EMPTY_AFTER) this.#checkpoint();
    this.#space?.restore();
    return removed.count;
  }

  stats(): OutboxStoreStats {
    this.#checkOpen('read stats');
    return {
      pendingCount: this.#pendingCount,
      pendingBytes: this.#pendingBytes,
      oldestAcceptedAt: this.#pendingCount === 0 ? undefined : this.#oldestAcceptedAt(),
    };
  }

  /** Closes the database and frees the lock file (synchronously: done when this returns). */
  async close(): Promise<void> {
    const phase = this.#phase;
    if (phase.kind === 'closed') return;
    this.#phase = { kind: 'closed' };
    try {
      phase.db.close();
    } finally {
      phase.lock?.release();
    }
    log('closed %s', this.path);
  }

  /**
   * Runs one database operation; a failure becomes an `OutboxStoreError` naming the file and the
   * cause. A write is a transaction, which SQLite rolled back when it threw (a failed COMMIT
   * included), so the caller only has to leave its counters alone.
   */
  #run<T>(what: string, operation: () => T): T {
    try {
      return operation();
    } catch (error) {
      if (error instanceof HologramError) throw error;
      const code = (error as { code?: unknown }).code;
      log('%s outbox %s failed: %s', what, this.path, (error as Error).message);
      if (mayBeNoSpace(error)) {
        this.#space?.failed();
        if (what !== 'remove messages from') this.#checkpoint(); // a removal checkpoints before it tries again
      }
      throw new OutboxStoreError(
        `Cannot ${what} outbox ${this.path}: ${(error as Error).message}${typeof code === 'string' ? ` (${code})` : ''}`,
        this.path,
        { cause: error },
      );
    }
  }

  /**
   * Stores the batch in order, applying the overflow policy: inside one transaction, unless it is
   * one message with room (see `append`). Works on copies of the counters and returns them, so
   * they are kept only if the commit succeeds.
   */
  #appendRows(
    messages: readonly OutboundMessage[],
    sizes: readonly number[],
    acceptedAt: number,
    keep: KeptIds | undefined,
  ): { outcome: AppendOutcome; count: number; bytes: number } {
    let count = this.#pendingCount;
    let bytes = this.#pendingBytes;
    const { placed, evicted } = placeWithinLimits(this.limits, messages, sizes, {
      used: () => ({ count, bytes }),
      oldestEvictable: () => this.#oldestEvictable(keep),
      evict: (oldest) => {
        // .all(): runs the statement to its end, so an error is thrown, never taken for a row.
        if (this.#deleteStatement.all(oldest.id).length === 0) return;
        count--;
        bytes -= oldest.bytes;
      },
      insert: (message, size) => {
        const topics = message.topics.length === 0 ? '' : JSON.stringify(message.topics);
        const id = Number(this.#insertStatement.run(message.data, topics, size, acceptedAt).lastInsertRowid);
        count++;
        bytes += size;
        // Frozen: the same entry is handed out again by `pending()` while it is known.
        return Object.freeze({ id, message: frozenMessage(message), bytes: size, acceptedAt });
      },
    });
    return { outcome: { entries: placed, evicted }, count, bytes };
  }

  /** Deletes the ids (inside one transaction when several), returns how many were waiting and their bytes. */
  #deleteRows(ids: readonly number[]): { count: number; bytes: number } {
    let count = 0;
    let bytes = 0;
    for (const id of ids) {
      for (const row of this.#deleteStatement.all(id)) {
        count++;
        bytes += row.bytes;
      }
    }
    return { count, bytes };
  }

  /**
   * Copies the WAL into the database and truncates it to 0 bytes (`wal_checkpoint(TRUNCATE)`).
   * Best effort: on a full disk it may fail, and then the autocheckpoint tries again later.
   */
  #checkpoint(): void {
    try {
      pragmaValue(this.#checkOpen('checkpoint').db, 'wal_checkpoint(TRUNCATE)');
      this.#writesSinceCheckpoint = 0;
    } catch (error) {
      log('checkpoint of %s failed: %s', this.path, (error as Error).message);
    }
  }

  /** Bytes of the pages free inside the file (0 if it cannot be read: the safe side). */
  #freePagesBytes(): number {
    try {
      return (pragmaValue(this.#checkOpen('read free pages').db, 'freelist_count') as number) * (this.#frameBytes - 24);
    } catch {
      return 0;
    }
  }

  /** Bytes an append of messages of `sizes` may write, WAL and checkpoint both (an overestimate). */
  #writeEstimate(sizes: readonly number[]): number {
    let bytes = 0;
    for (const size of sizes) bytes += size + ROW_OVERHEAD;
    const frames = Math.ceil(bytes / (this.#frameBytes - 24)) + 3; // the rows' pages, a parent page, sqlite_sequence, a spare
    return 2 * frames * this.#frameBytes;
  }

  #oldestAcceptedAt(): number | undefined {
    const known = this.#known.oldest(1);
    if (known !== undefined) return known[0]?.acceptedAt;
    return this.#run('read', () => this.#oldestStatement.get())?.accepted_at;
  }

  /** The oldest waiting entry not in `keep` (few ids: the ones being sent right now). */
  #oldestEvictable(keep: KeptIds | undefined): OutboxEntry | undefined {
    const candidates = this.#pendingStatement.all((keep?.size ?? 0) + 1);
    const row = candidates.find((candidate) => keep === undefined || !keep.has(candidate.id));
    return row === undefined ? undefined : toEntry(row);
  }

  /** The open connection and lock; a `ClosedError` naming the operation once closed. */
  #checkOpen(operation: string): Extract<SqliteOutboxPhase, { kind: 'open' }> {
    if (this.#phase.kind === 'closed') throw new ClosedError('outbox', this.path, { detail: `cannot ${operation}` });
    return this.#phase;
  }
}

type SqliteOutboxPhase =
  | { readonly kind: 'open'; readonly db: SqliteConnection; readonly lock: OutboxLock | undefined }
  | { readonly kind: 'closed' };

/** A failed write that a full file system may have caused (SQLite reports ENOSPC as FULL or an I/O error). */
function mayBeNoSpace(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof OutboxStoreError) return mayBeNoSpace(error.cause);
  return typeof code === 'string' && (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR'));
}

function toEntry(row: OutboxRow): OutboxEntry {
  return {
    id: row.id,
    message: { data: row.data, topics: row.topics === '' ? [] : (JSON.parse(row.topics) as string[]) },
    bytes: row.bytes,
    acceptedAt: row.accepted_at,
  };
}

/** Creates the directory of the outbox file if missing; returns the path. */
function createDirectory(path: string): string {
  try {
    mkdirSync(dirname(path), { recursive: true });
    return path;
  } catch (error) {
    throw new OutboxStoreError(`Cannot create the directory of outbox ${path}: ${(error as Error).message}`, path, { cause: error });
  }
}

/**
 * Loads the engine only now, so users of the memory outbox never load SQLite. When it cannot load,
 * the error names what is missing and what to do about it.
 */
function loadEngine(path: string, requested: SqliteEngineName | undefined): SqliteEngine {
  if (requested !== undefined && !SQLITE_ENGINE_NAMES.includes(requested)) {
    throw new InvalidArgumentError('engine', `engine must be one of ${SQLITE_ENGINE_NAMES.join(', ')}, got ${JSON.stringify(requested)}`);
  }
  const name = requested ?? defaultSqliteEngine();
  const probe = probeSqliteEngine(name);
  if (probe.kind === 'loaded') return probe.engine;
  const remedy =
    name === 'better-sqlite3'
      ? `on Node ${process.versions.node} it needs the better-sqlite3 package: npm install better-sqlite3 (Node 24 and later need nothing: they have node:sqlite built in)`
      : 'use Node 24 or later, or engine better-sqlite3';
  throw new OutboxStoreError(`The durable outbox (${path}) cannot use ${name}: ${probe.reason}; ${remedy}`, path);
}
