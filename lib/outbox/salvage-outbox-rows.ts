import type { OutboxRow } from './outbox-schema';
import type { SqliteConnection, SqliteEngine } from './sqlite-engine';

/** The rows read back from a damaged outbox, and whether that was all of them. */
export interface SalvagedRows {
  /** In id order, no duplicates. */
  readonly rows: readonly OutboxRow[];
  /** Highest id ever handed out, as far as can be read (ids must never be reused). */
  readonly lastId: number;
  /** False if some read failed, so rows may be missing. */
  readonly complete: boolean;
}

const COLUMNS = 'id, data, topics, bytes, accepted_at';

/**
 * Reads every row it can from a damaged outbox file, read-only (the file is kept as it is for
 * inspection). A damaged page stops a table scan where it lies, so the table is read from both
 * ends: what lies before and after the damage is kept.
 */
export function salvageOutboxRows(engine: SqliteEngine, path: string): SalvagedRows {
  let db: SqliteConnection;
  try {
    db = engine.open(path, { readOnly: true });
  } catch {
    return { rows: [], lastId: 0, complete: false };
  }
  try {
    const byId = new Map<number, OutboxRow>();
    const forward = scan(db, 'ASC', byId);
    const backward = forward ? true : scan(db, 'DESC', byId);
    const rows = [...byId.values()].sort((a, b) => a.id - b.id);
    const lastId = Math.max(rows.at(-1)?.id ?? 0, readSequence(db));
    return { rows, lastId, complete: forward && backward };
  } finally {
    db.close();
  }
}

/** Adds the rows of one scan to `into` until the end or the first error; true if it reached the end. */
function scan(db: SqliteConnection, order: 'ASC' | 'DESC', into: Map<number, OutboxRow>): boolean {
  try {
    for (const row of db.prepare<[], OutboxRow>(`SELECT ${COLUMNS} FROM outbox ORDER BY id ${order}`).iterate()) {
      if (isOutboxRow(row)) into.set(row.id, row);
    }
    return true;
  } catch {
    return false;
  }
}

function readSequence(db: SqliteConnection): number {
  try {
    const row = db.prepare<[], { seq?: unknown }>("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get();
    return typeof row?.seq === 'number' ? row.seq : 0;
  } catch {
    return 0;
  }
}

/** A damaged page can yield rows of the wrong shape: only well-formed ones are carried over. */
function isOutboxRow(row: OutboxRow): boolean {
  return (
    Number.isSafeInteger(row.id) &&
    typeof row.data === 'string' &&
    typeof row.topics === 'string' &&
    (row.topics === '' || isStringArray(row.topics)) &&
    Number.isSafeInteger(row.bytes) &&
    typeof row.accepted_at === 'number'
  );
}

function isStringArray(json: string): boolean {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) && value.every((item) => typeof item === 'string');
  } catch {
    return false;
  }
}
