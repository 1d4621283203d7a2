/**
 * The little of SQLite the durable outbox uses, behind one interface with two adapters:
 * `node:sqlite` (built into Node 24 and later, nothing to install) and `better-sqlite3` (a native
 * addon, for Node 20 and 22). Both are the same SQLite file format, so a file written through one
 * opens through the other.
 *
 * Rules every adapter keeps:
 * - Synchronous, one connection per `open`, busy timeout 0 (the outbox has one owner; waiting
 *   would only hide a second one).
 * - A failure throws an error whose `code` is SQLite's own name for it (`SQLITE_FULL`,
 *   `SQLITE_IOERR_WRITE`, `SQLITE_CORRUPT`...), whichever engine raised it, so the outbox decides
 *   on one set of names.
 * - Rows are plain objects keyed by column name; integers come back as numbers.
 */
export type SqliteEngineName = 'node:sqlite' | 'better-sqlite3';

export const SQLITE_ENGINE_NAMES: readonly SqliteEngineName[] = Object.freeze(['node:sqlite', 'better-sqlite3']);

export interface SqliteEngine {
  readonly name: SqliteEngineName;
  /** Opens (creating, unless `readOnly`) the database file; `:memory:` for one in memory. */
  open(path: string, options?: { readonly readOnly?: boolean }): SqliteConnection;
}

export interface SqliteConnection {
  /** Compiles one statement, to run any number of times. */
  prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): SqliteStatement<P, R>;
  /** Runs one or more statements that return nothing. */
  exec(sql: string): void;
  close(): void;
}

export interface SqliteStatement<P extends unknown[], R> {
  run(...params: P): { readonly changes: number | bigint; readonly lastInsertRowid: number | bigint };
  /** Every row; runs the statement to its end, so an error is thrown, never taken for a row. */
  all(...params: P): R[];
  get(...params: P): R | undefined;
  iterate(...params: P): IterableIterator<R>;
}

/** The rows of `PRAGMA <source>` (e.g. `quick_check(5)`, `journal_mode = WAL`). */
export function pragma<R = Record<string, unknown>>(connection: SqliteConnection, source: string): R[] {
  return connection.prepare<[], R>(`PRAGMA ${source}`).all();
}

/** The first column of the first row of `PRAGMA <source>`, e.g. `wal` for `journal_mode`. */
export function pragmaValue(connection: SqliteConnection, source: string): unknown {
  const [row] = pragma(connection, source);
  return row === undefined ? undefined : Object.values(row)[0];
}

/**
 * Wraps `body` in BEGIN / COMMIT: all of its writes or none. When the body or the COMMIT throws
 * (a full disk fails the COMMIT itself), the transaction is rolled back before the error goes on.
 */
export function transaction<A extends unknown[], T>(connection: SqliteConnection, body: (...args: A) => T): (...args: A) => T {
  const begin = connection.prepare<[], unknown>('BEGIN');
  const commit = connection.prepare<[], unknown>('COMMIT');
  const rollback = connection.prepare<[], unknown>('ROLLBACK');
  return (...args: A): T => {
    begin.run();
    try {
      const result = body(...args);
      commit.run();
      return result;
    } catch (error) {
      try {
        rollback.run();
      } catch {
        // SQLite already rolled it back (it does after some I/O errors): nothing left to undo.
      }
      throw error;
    }
  };
}
