import type { SqliteConnection, SqliteEngine, SqliteStatement } from './sqlite-engine';
import { sqliteErrorCode } from './sqlite-error-code';

/** The part of `node:sqlite` used here (Node 22.13+; without a warning from Node 24). */
export interface NodeSqliteModule {
  DatabaseSync: new (path: string, options?: { readonly readOnly?: boolean; readonly timeout?: number }) => NodeSqliteDatabase;
}

interface NodeSqliteDatabase {
  prepare(sql: string): NodeSqliteStatement;
  exec(sql: string): void;
  close(): void;
}

interface NodeSqliteStatement {
  run(...params: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  iterate(...params: unknown[]): IterableIterator<unknown>;
}

/**
 * The `SqliteEngine` on `node:sqlite`, built into Node: on Node 24 and later the durable outbox
 * needs nothing installed. Its errors carry only SQLite's number (`errcode`); they are rethrown
 * with the `SQLITE_*` name in `code`, as the engine's rules ask.
 */
export function nodeSqliteEngine(sqlite: NodeSqliteModule): SqliteEngine {
  return {
    name: 'node:sqlite',
    open(path, options = {}): SqliteConnection {
      const db = named(() => new sqlite.DatabaseSync(path, { readOnly: options.readOnly === true, timeout: 0 }));
      return {
        prepare: <P extends unknown[], R>(sql: string) => statement<P, R>(named(() => db.prepare(sql))),
        exec: (sql) => named(() => db.exec(sql)),
        close: () => named(() => db.close()),
      };
    },
  };
}

function statement<P extends unknown[], R>(native: NodeSqliteStatement): SqliteStatement<P, R> {
  return {
    run: (...params) => named(() => native.run(...params)),
    all: (...params) => named(() => native.all(...params) as R[]),
    get: (...params) => named(() => native.get(...params) as R | undefined),
    iterate: (...params) => rows(named(() => native.iterate(...params) as IterableIterator<R>)),
  };
}

/** The rows of an iterator, each step's error named too (a damaged page fails mid-scan). */
function* rows<R>(iterator: IterableIterator<R>): IterableIterator<R> {
  for (;;) {
    const step = named(() => iterator.next());
    if (step.done === true) return;
    yield step.value;
  }
}

/** Runs `operation`; an error with SQLite's `errcode` is rethrown with its `SQLITE_*` name as `code`. */
function named<T>(operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    const errcode = (error as { errcode?: unknown } | null)?.errcode;
    if (typeof errcode !== 'number') throw error;
    throw Object.assign(new Error((error as Error).message, { cause: error }), { code: sqliteErrorCode(errcode), errcode });
  }
}
