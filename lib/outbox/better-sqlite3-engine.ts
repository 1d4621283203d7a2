import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteConnection, SqliteEngine, SqliteStatement } from './sqlite-engine';

/**
 * The `SqliteEngine` on `better-sqlite3`, the native addon the durable outbox needs on Node 20 and
 * 22. Its statements that return rows already keep the engine's rules (errors carry `SQLITE_*`
 * codes), so they are handed out as they are: nothing added per call. The others (`INSERT`, most
 * `PRAGMA x = y`) refuse `all`/`get` there; as `node:sqlite` does, they run and return no row.
 */
export function betterSqlite3Engine(Database: typeof BetterSqlite3): SqliteEngine {
  return {
    name: 'better-sqlite3',
    open(path, options = {}): SqliteConnection {
      const db = new Database(path, { timeout: 0, readonly: options.readOnly === true, fileMustExist: options.readOnly === true });
      return {
        prepare: <P extends unknown[], R>(sql: string) => {
          const statement = db.prepare(sql);
          return (statement.reader ? statement : rowless(statement)) as unknown as SqliteStatement<P, R>;
        },
        exec: (sql) => void db.exec(sql),
        close: () => void db.close(),
      };
    },
  };
}

/** A statement that returns no rows, with `all`/`get`/`iterate` that run it and return none. */
function rowless(statement: BetterSqlite3.Statement): SqliteStatement<unknown[], never> {
  return {
    run: (...params) => statement.run(...params),
    all: (...params) => (statement.run(...params), []),
    get: (...params) => void statement.run(...params),
    iterate: (...params) => (statement.run(...params), [][Symbol.iterator]()),
  };
}
