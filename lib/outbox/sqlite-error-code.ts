/**
 * SQLite's names for its result codes, as `better-sqlite3` spells them in `error.code`
 * (`SQLITE_FULL`, `SQLITE_IOERR_WRITE`); `node:sqlite` gives only the number (`errcode`), so its
 * adapter names it here and the outbox reads one set of names whichever engine it runs on.
 * From sqlite3.h: an extended code is its primary code plus `n << 8`.
 */
const PRIMARY: Readonly<Record<number, string>> = {
  1: 'ERROR', 2: 'INTERNAL', 3: 'PERM', 4: 'ABORT', 5: 'BUSY', 6: 'LOCKED', 7: 'NOMEM', 8: 'READONLY',
  9: 'INTERRUPT', 10: 'IOERR', 11: 'CORRUPT', 12: 'NOTFOUND', 13: 'FULL', 14: 'CANTOPEN', 15: 'PROTOCOL',
  16: 'EMPTY', 17: 'SCHEMA', 18: 'TOOBIG', 19: 'CONSTRAINT', 20: 'MISMATCH', 21: 'MISUSE', 22: 'NOLFS',
  23: 'AUTH', 24: 'FORMAT', 25: 'RANGE', 26: 'NOTADB', 27: 'NOTICE', 28: 'WARNING',
};

/** Extended codes by primary code: index n names `primary | (n << 8)`. */
const EXTENDED: Readonly<Record<number, readonly string[]>> = {
  4: ['', '', 'ROLLBACK'],
  5: ['', 'RECOVERY', 'SNAPSHOT', 'TIMEOUT'],
  6: ['', 'SHAREDCACHE', 'VTAB'],
  8: ['', 'RECOVERY', 'CANTLOCK', 'ROLLBACK', 'DBMOVED', 'CANTINIT', 'DIRECTORY'],
  10: [
    '', 'READ', 'SHORT_READ', 'WRITE', 'FSYNC', 'DIR_FSYNC', 'TRUNCATE', 'FSTAT', 'UNLOCK', 'RDLOCK', 'DELETE',
    'BLOCKED', 'NOMEM', 'ACCESS', 'CHECKRESERVEDLOCK', 'LOCK', 'CLOSE', 'DIR_CLOSE', 'SHMOPEN', 'SHMSIZE',
    'SHMLOCK', 'SHMMAP', 'SEEK', 'DELETE_NOENT', 'MMAP', 'GETTEMPPATH', 'CONVPATH', 'VNODE', 'AUTH',
    'BEGIN_ATOMIC', 'COMMIT_ATOMIC', 'ROLLBACK_ATOMIC', 'DATA', 'CORRUPTFS', 'IN_PAGE',
  ],
  11: ['', 'VTAB', 'SEQUENCE', 'INDEX'],
  14: ['', 'NOTEMPDIR', 'ISDIR', 'FULLPATH', 'CONVPATH', 'DIRTYWAL', 'SYMLINK'],
  19: ['', 'CHECK', 'COMMITHOOK', 'FOREIGNKEY', 'FUNCTION', 'NOTNULL', 'PRIMARYKEY', 'TRIGGER', 'UNIQUE', 'VTAB', 'ROWID', 'PINNED', 'DATATYPE'],
};

/** `SQLITE_<NAME>` for a result code; an extended code SQLite may add later gets its primary name. */
export function sqliteErrorCode(code: number): string {
  const primary = code & 0xff;
  const name = PRIMARY[primary];
  if (name === undefined) return `SQLITE_${code}`;
  const extended = EXTENDED[primary]?.[code >> 8];
  return extended === undefined || extended === '' ? `SQLITE_${name}` : `SQLITE_${name}_${extended}`;
}
