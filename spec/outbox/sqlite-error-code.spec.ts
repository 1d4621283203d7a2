import { sqliteErrorCode } from '../../lib/outbox/sqlite-error-code';

describe('sqliteErrorCode', () => {
  it.each([
    [13, 'SQLITE_FULL'],
    [11, 'SQLITE_CORRUPT'],
    [26, 'SQLITE_NOTADB'],
    [5, 'SQLITE_BUSY'],
    [778, 'SQLITE_IOERR_WRITE'], // 10 | 3 << 8
    [1034, 'SQLITE_IOERR_FSYNC'],
    [1811, 'SQLITE_CONSTRAINT_TRIGGER'], // 19 | 7 << 8, what node:sqlite reports for RAISE(ABORT)
    [267, 'SQLITE_CORRUPT_VTAB'],
    [10 | (99 << 8), 'SQLITE_IOERR'], // an extended code SQLite may add later: its primary name
    [99, 'SQLITE_99'],
  ])('%i is %s', (code, name) => {
    expect(sqliteErrorCode(code)).toBe(name);
  });
});
