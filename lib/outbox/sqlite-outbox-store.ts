import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { OutboundMessage } from '../cloud/outbound-message';
import { logger } from '../logging';
import { OutboxClosedError } from './outbox-closed-error';
import { admitBatch, resolveOutboxLimits, type OutboxLimits, type ResolvedOutboxLimits } from './outbox-limits';
import { OutboxStoreError } from './outbox-store-error';
import type { AppendOutcome, OutboxEntry, OutboxStore, OutboxStoreStats } from './outbox-store';
import { OutboxOverflowError } from '../operators/outbox-overflow-error';
import { placeWithinLimits } from '../operators/place-within-limits';

const log = logger('outbox');

export interface SqliteOutboxOptions extends OutboxLimits {
  /** File of the outbox database; its directory is created if missing. */
  readonly path: string;
}

/** A row as stored. Topics are a JSON array, or '' for none (the common case, parsed for free). */
interface Row {
  id: number;
  data: string;
  topics: string;
  bytes: number;
  accepted_at: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS outbox (
  id          INTEGER PRIMARY KEY AUTOINCREMENT, -- AUTOINCREMENT: ids are never reused, also after a restart
  data        TEXT    NOT NULL,
  topics      TEXT    NOT NULL,
  bytes       INTEGER NOT NULL,
  accepted_at INTEGER NOT NULL
);`;

/**
 * The durable outbox: waiting messages live in a SQLite file (through `better-sqlite3`, loaded
 * only when this store is opened), so they survive restarts and power cuts.
 *
 * - WAL journal with `synchronous = FULL`: when `append` returns, the batch is on disk.
 * - `remove` commits with `synchronous = NORMAL`: it survives a process crash, and a power cut
 *   can at worst bring back a message that was already delivered (sent twice, never lost). This
 *   saves one disk flush per delivered message, which would otherwise bound the drain rate.
 * - A batch is one transaction, so a burst costs one disk flush, not one per message.
 * - Statements are prepared once; pending count and bytes are kept in memory (counted once on
 *   open), so `stats()` does not scan.
 * - On open it simply finds what the previous run left: ids and order survive.
 */
export class SqliteOutboxStore implements OutboxStore {
  readonly limits: ResolvedOutboxLimits;
  readonly path: string;
  /** The open connection; released by `close()`. */
  private readonly db: BetterSqlite3.Database;
  /** Waiting messages and their bytes, kept in step with every write. */
  private pendingCount: number;
  private pendingBytes: number;
  private closed = false;
  private readonly insertStatement: BetterSqlite3.Statement<[string, string, number, number]>;
  private readonly pendingStatement: BetterSqlite3.Statement<[number], Row>;
  private readonly removeStatement: BetterSqlite3.Statement<[number], { bytes: number }>;
  private readonly oldestStatement: BetterSqlite3.Statement<[], { accepted_at: number }>;
  private readonly removeTransaction: (ids: readonly number[]) => { count: number; bytes: number };
  private readonly appendTransaction: (messages: readonly OutboundMessage[], sizes: readonly number[], acceptedAt: number, keep: ReadonlySet<number> | undefined) => AppendOutcome;

  constructor(options: SqliteOutboxOptions) {
    this.limits = resolveOutboxLimits(options);
    this.path = options.path;
    this.db = openDatabase(options.path);
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.exec(SCHEMA);
      const totals = this.db.prepare('SELECT count(*) AS count, coalesce(sum(bytes), 0) AS bytes FROM outbox').get() as {
        count: number;
        bytes: number;
      };
      this.pendingCount = totals.count;
      this.pendingBytes = totals.bytes;
      this.insertStatement = this.db.prepare('INSERT INTO outbox (data, topics, bytes, accepted_at) VALUES (?, ?, ?, ?)');
      this.pendingStatement = this.db.prepare('SELECT id, data, topics, bytes, accepted_at FROM outbox ORDER BY id LIMIT ?');
      this.removeStatement = this.db.prepare('DELETE FROM outbox WHERE id = ? RETURNING bytes');
      this.oldestStatement = this.db.prepare('SELECT accepted_at FROM outbox ORDER BY id LIMIT 1');
    } catch (error) {
      this.db.close();
      throw new OutboxStoreError(`Cannot open outbox ${options.path}: ${(error as Error).message}`, options.path, { cause: error });
    }
    this.appendTransaction = this.db.transaction(this.appendInTransaction.bind(this));
    this.removeTransaction = this.db.transaction((ids: readonly number[]) => {
      const removed = { count: 0, bytes: 0 };
      for (const id of ids) {
        // `.all()` runs the statement to its end, so a failing write surfaces here, not later.
        for (const row of this.removeStatement.all(id)) {
          removed.count++;
          removed.bytes += row.bytes;
        }
      }
      return removed;
    });
    log('opened %s: %d pending messages (%d bytes)', this.path, this.pendingCount, this.pendingBytes);
  }

  append(
    messages: readonly OutboundMessage[],
    options: { readonly acceptedAt: number; readonly keep?: ReadonlySet<number> },
  ): AppendOutcome {
    this.checkOpen('append');
    const sizes = admitBatch(messages);
    if (messages.length === 0) return { entries: [], evicted: [] };
    const before = { count: this.pendingCount, bytes: this.pendingBytes };
    try {
      return this.appendTransaction(messages, sizes, options.acceptedAt, options.keep);
    } catch (error) {
      // The transaction rolled back: so do the counters.
      this.pendingCount = before.count;
      this.pendingBytes = before.bytes;
      if (error instanceof OutboxOverflowError) throw error;
      throw new OutboxStoreError(`Cannot store messages in outbox ${this.path}: ${(error as Error).message}`, this.path, { cause: error });
    }
  }

  pending(limit: number): readonly OutboxEntry[] {
    this.checkOpen('read pending messages');
    if (limit <= 0) return [];
    return this.pendingStatement.all(Math.min(limit, Number.MAX_SAFE_INTEGER)).map(toEntry);
  }

  remove(ids: readonly number[]): number {
    this.checkOpen('remove messages');
    if (ids.length === 0) return 0;
    let removed: { count: number; bytes: number };
    this.db.pragma('synchronous = NORMAL');
    try {
      removed = this.removeTransaction(ids);
    } catch (error) {
      throw new OutboxStoreError(`Cannot remove messages from outbox ${this.path}: ${(error as Error).message}`, this.path, { cause: error });
    } finally {
      this.db.pragma('synchronous = FULL');
    }
    this.pendingCount -= removed.count;
    this.pendingBytes -= removed.bytes;
    return removed.count;
  }

  stats(): OutboxStoreStats {
    this.checkOpen('read stats');
    return {
      pendingCount: this.pendingCount,
      pendingBytes: this.pendingBytes,
      oldestAcceptedAt: this.pendingCount === 0 ? undefined : this.oldestStatement.get()?.accepted_at,
    };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
    log('closed %s', this.path);
  }

  /** Runs inside one transaction: stores the batch in order, applying the overflow policy. */
  private appendInTransaction(
    messages: readonly OutboundMessage[],
    sizes: readonly number[],
    acceptedAt: number,
    keep: ReadonlySet<number> | undefined,
  ): AppendOutcome {
    const { placed, evicted } = placeWithinLimits(this.limits, messages, sizes, {
      used: () => ({ count: this.pendingCount, bytes: this.pendingBytes }),
      oldestEvictable: () => this.oldestEvictable(keep),
      evict: (oldest) => {
        this.removeStatement.all(oldest.id);
        this.pendingCount--;
        this.pendingBytes -= oldest.bytes;
      },
      insert: (message, bytes) => {
        const topics = message.topics.length === 0 ? '' : JSON.stringify(message.topics);
        const id = Number(this.insertStatement.run(message.data, topics, bytes, acceptedAt).lastInsertRowid);
        this.pendingCount++;
        this.pendingBytes += bytes;
        return { id, message: { data: message.data, topics: [...message.topics] }, bytes, acceptedAt };
      },
    });
    return { entries: placed, evicted };
  }

  /** The oldest waiting entry not in `keep` (few ids: the ones being sent right now). */
  private oldestEvictable(keep: ReadonlySet<number> | undefined): OutboxEntry | undefined {
    const candidates = this.pendingStatement.all((keep?.size ?? 0) + 1);
    const row = candidates.find((candidate) => keep === undefined || !keep.has(candidate.id));
    return row === undefined ? undefined : toEntry(row);
  }

  private checkOpen(operation: string): void {
    if (this.closed) throw new OutboxClosedError(operation);
  }
}

function toEntry(row: Row): OutboxEntry {
  return {
    id: row.id,
    message: { data: row.data, topics: row.topics === '' ? [] : (JSON.parse(row.topics) as string[]) },
    bytes: row.bytes,
    acceptedAt: row.accepted_at,
  };
}

/** Loads `better-sqlite3` only now, so users of the memory outbox never load the native module. */
function openDatabase(path: string): BetterSqlite3.Database {
  let Database: typeof BetterSqlite3;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    Database = require('better-sqlite3') as typeof BetterSqlite3;
  } catch (error) {
    throw new OutboxStoreError(
      `The durable outbox (${path}) needs the better-sqlite3 package: npm install better-sqlite3`,
      path,
      { cause: error },
    );
  }
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    return new Database(path);
  } catch (error) {
    throw new OutboxStoreError(`Cannot open outbox ${path}: ${(error as Error).message}`, path, { cause: error });
  }
}
