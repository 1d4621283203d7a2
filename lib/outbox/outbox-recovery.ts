/**
 * What opening a durable outbox found and did when its file failed the check on open: the file
 * (with its `-wal` and `-shm`) was moved aside and the rows that could still be read were carried
 * into a fresh outbox. Reported by the SDK as the `outbox.recovered` event.
 */
export interface OutboxRecovery {
  /** The outbox file (a fresh one now). */
  readonly path: string;
  /** What the check found, e.g. `quick_check: ...`, `WAL frame 3 fails its checksum ...`. */
  readonly reason: string;
  /** Where the damaged file now lies: `<path>.corrupt-<timestamp>`, kept for inspection. */
  readonly movedTo: string;
  /** Waiting messages carried into the fresh outbox, ids and order kept. */
  readonly salvaged: number;
  /**
   * True when every row SQLite could see was read back and the WAL was whole, so nothing waiting
   * was lost. False when part of the table could not be read or a damaged WAL hid commits after
   * the break: some waiting messages are lost and how many cannot be known.
   */
  readonly complete: boolean;
}
