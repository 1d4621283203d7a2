import { probeSqliteEngine } from '../../lib/outbox/load-sqlite-engine';
import { SQLITE_ENGINE_NAMES, type SqliteConnection, type SqliteEngine, type SqliteEngineName, type SqliteStatement } from '../../lib/outbox/sqlite-engine';

/**
 * Runs `define` once per SQLite engine that loads in this Node, and names every one that does not
 * with why (a skipped describe and a warning): on Node 20 `node:sqlite` does not exist, and under
 * Node 24 the `better-sqlite3` built for Node 20 does not load. Run the specs with both Nodes to
 * cover both engines (see `.ci/run`).
 */
export function forEachEngine(define: (engine: SqliteEngineName, load: () => SqliteEngine) => void): void {
  for (const name of SQLITE_ENGINE_NAMES) {
    const probe = probeSqliteEngine(name);
    if (probe.kind === 'loaded') {
      define(name, () => probe.engine);
    } else {
      describe.skip(`${name} (skipped: ${probe.reason})`, () => it('is not available here', () => undefined));
      console.warn(`${name} specs skipped: ${probe.reason}`);
    }
  }
}

/** The first engine that loads here (every Node the project supports has one). */
export function anyEngine(): SqliteEngine {
  for (const name of SQLITE_ENGINE_NAMES) {
    const probe = probeSqliteEngine(name);
    if (probe.kind === 'loaded') return probe.engine;
  }
  throw new Error('no SQLite engine loads in this Node');
}

/** What a store did with its file, seen from the engine: its connections and the reads they ran. */
export interface WatchedConnections {
  /** The connections opened on the path, in order. */
  readonly opened: SqliteConnection[];
  /** Each read of a row (`get`, `all`, `iterate`) as `<method> <sql>`, in order. */
  readonly reads: string[];
  restore(): void;
}

/**
 * Watches the connections `engine` opens on `path` until `restore()`: how a spec sees what an
 * outbox store does with its file without reaching into the store.
 */
export function watchConnections(engine: SqliteEngine, path: string): WatchedConnections {
  const opened: SqliteConnection[] = [];
  const reads: string[] = [];
  const open = engine.open.bind(engine);
  const spy = jest.spyOn(engine, 'open').mockImplementation((where, options) => {
    const connection = open(where, options);
    if (where !== path) return connection;
    const watched: SqliteConnection = {
      prepare: <P extends unknown[], R>(sql: string) => watchStatement(connection.prepare<P, R>(sql), sql, reads),
      exec: (sql) => connection.exec(sql),
      close: () => connection.close(),
    };
    opened.push(watched);
    return watched;
  });
  return { opened, reads, restore: () => spy.mockRestore() };
}

function watchStatement<P extends unknown[], R>(statement: SqliteStatement<P, R>, sql: string, reads: string[]): SqliteStatement<P, R> {
  return {
    run: (...params) => statement.run(...params),
    all: (...params) => (reads.push(`all ${sql}`), statement.all(...params)),
    get: (...params) => (reads.push(`get ${sql}`), statement.get(...params)),
    iterate: (...params) => (reads.push(`iterate ${sql}`), statement.iterate(...params)),
  };
}
