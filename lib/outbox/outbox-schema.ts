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

/** WAL frames past which a commit checkpoints (SQLite's default is 1,000: 4 MB of WAL). */
export const WAL_AUTOCHECKPOINT_PAGES = 32;

/** Bytes a reset WAL is truncated to: the WAL stays near 140 KB with 4 KiB pages, not 4 MB. */
export const WAL_SIZE_LIMIT = 128 * 1024;

/**
 * Sets an outbox connection up: WAL journal, every commit synced (`synchronous = FULL`, see
 * `SqliteOutboxStore` for why every statement uses it), a small WAL, and the table. The WAL is
 * checkpointed every `WAL_AUTOCHECKPOINT_PAGES` frames and cut back to `WAL_SIZE_LIMIT` when it
 * starts over, so on a small disk it never holds the room that acknowledging needs.
 */
export function prepareOutboxDatabase(db: SqliteConnection): void {
  pragma(db, 'journal_mode = WAL');
  pragma(db, 'synchronous = FULL');
  pragma(db, `wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  pragma(db, `journal_size_limit = ${WAL_SIZE_LIMIT}`);
  db.exec(SCHEMA);
}
