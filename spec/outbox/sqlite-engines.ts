import { probeSqliteEngine } from '../../lib/outbox/load-sqlite-engine';
import { SQLITE_ENGINE_NAMES, type SqliteEngine, type SqliteEngineName } from '../../lib/outbox/sqlite-engine';

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
