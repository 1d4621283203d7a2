import { pragma, type SqliteConnection } from './sqlite-engine';

/** A row as stored. Topics are a JSON array, or '' for none (the common case, parsed for free). */
export interface OutboxRow {
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
 * Sets an outbox connection up: WAL journal, every commit synced (`synchronous = FULL`, see
 * `SqliteOutboxStore` for why every statement uses it), and the table.
 */
export function prepareOutboxDatabase(db: SqliteConnection): void {
  pragma(db, 'journal_mode = WAL');
  pragma(db, 'synchronous = FULL');
  db.exec(SCHEMA);
}
