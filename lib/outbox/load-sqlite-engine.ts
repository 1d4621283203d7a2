import type BetterSqlite3 from 'better-sqlite3';
import { betterSqlite3Engine } from './better-sqlite3-engine';
import { nodeSqliteEngine, type NodeSqliteModule } from './node-sqlite-engine';
import type { SqliteEngine, SqliteEngineName } from './sqlite-engine';

/** An engine that loads here, or why it does not. */
export type EngineProbe = { readonly kind: 'loaded'; readonly engine: SqliteEngine } | { readonly kind: 'absent'; readonly reason: string };

/** First Node major whose `node:sqlite` loads without an `ExperimentalWarning`. */
const NODE_SQLITE_WITHOUT_WARNING = 24;

const nodeMajor = (): number => Number(process.versions.node.split('.')[0]);

/**
 * The engine the durable outbox uses when none is asked for: `node:sqlite` from Node 24 (built
 * in, nothing to install), `better-sqlite3` before (Node 22's `node:sqlite` prints an
 * `ExperimentalWarning` on every start, and Node 20 has none).
 */
export function defaultSqliteEngine(): SqliteEngineName {
  return nodeMajor() >= NODE_SQLITE_WITHOUT_WARNING ? 'node:sqlite' : 'better-sqlite3';
}

const probes = new Map<SqliteEngineName, EngineProbe>();

/**
 * Loads an engine once per process (later calls answer from memory). `better-sqlite3` counts as
 * loaded only once its native part has opened a database: an addon built for another Node
 * version is found by `require` and fails only then.
 */
export function probeSqliteEngine(name: SqliteEngineName): EngineProbe {
  let probe = probes.get(name);
  if (probe === undefined) {
    probe = name === 'node:sqlite' ? probeNodeSqlite() : probeBetterSqlite3();
    probes.set(name, probe);
  }
  return probe;
}

function probeNodeSqlite(): EngineProbe {
  if (nodeMajor() < 22) return { kind: 'absent', reason: `node:sqlite is not part of Node ${process.versions.node} (Node 24 and later have it)` };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return { kind: 'loaded', engine: nodeSqliteEngine(require('node:sqlite') as NodeSqliteModule) };
  } catch (error) {
    return { kind: 'absent', reason: `node:sqlite cannot be loaded in Node ${process.versions.node}: ${firstLine(error)}` };
  }
}

function probeBetterSqlite3(): EngineProbe {
  let Database: typeof BetterSqlite3;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    Database = require('better-sqlite3') as typeof BetterSqlite3;
  } catch (error) {
    return { kind: 'absent', reason: `better-sqlite3 is not installed (${firstLine(error)})` };
  }
  try {
    new Database(':memory:').close();
  } catch (error) {
    return { kind: 'absent', reason: `better-sqlite3 is installed but its native part does not load in Node ${process.versions.node}: ${firstLine(error)}` };
  }
  return { kind: 'loaded', engine: betterSqlite3Engine(Database) };
}

/** The error's message on one line (a native module's spans several: which ABI it was built for). */
function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).replace(/\s+/g, ' ').trim();
}
