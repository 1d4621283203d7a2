/**
 * What a WAL file holds, read the way SQLite reads it (https://sqlite.org/fileformat2.html#walformat)
 * but telling apart the two things SQLite treats alike. SQLite replays the frames from the start
 * whose checksums chain, up to the last commit frame, and silently ignores everything after the
 * first frame that fails. That is right for a torn last transaction, and a silent loss when the
 * break sits further back: every later commit is dropped with it.
 *
 * Every commit is synced before it returns (`synchronous = FULL`), so only the last transaction
 * can be torn by a power cut, and its frames may reach the disk in any order: its commit frame
 * whole while an earlier frame of it is not. So a break is a torn tail when at most one commit
 * frame of the current generation lies at or beyond it (the last transaction's own), and damage
 * when two or more do (a transaction that returned lies beyond the break).
 *
 * - `ok`: no WAL, an empty one, a chain that ends where the current frames end, or a torn last
 *   transaction (nothing that returned is lost; `frames` counts the frames SQLite replays).
 * - `damaged`: the header cannot be read, or a break with committed transactions beyond it.
 */
export type WalCheck =
  | { readonly state: 'ok'; readonly frames: number }
  | { readonly state: 'damaged'; readonly reason: string; readonly frames: number };

const HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;
const MAGIC_LITTLE_ENDIAN = 0x377f0682;
const MAGIC_BIG_ENDIAN = 0x377f0683;
const VERSION = 3007000;

/** Checks the bytes of a WAL file (pure: the caller reads the file). */
export function checkWal(wal: Uint8Array): WalCheck {
  if (wal.length === 0) return { state: 'ok', frames: 0 };
  if (wal.length < HEADER_BYTES) return { state: 'damaged', reason: `WAL header truncated (${wal.length} bytes)`, frames: 0 };
  const view = new DataView(wal.buffer, wal.byteOffset, wal.byteLength);
  const magic = view.getUint32(0);
  const pageSize = view.getUint32(8);
  if ((magic !== MAGIC_LITTLE_ENDIAN && magic !== MAGIC_BIG_ENDIAN) || view.getUint32(4) !== VERSION || !validPageSize(pageSize)) {
    return { state: 'damaged', reason: 'WAL header unreadable', frames: 0 };
  }
  const bigEndian = magic === MAGIC_BIG_ENDIAN;
  let sum = walChecksum(view, 0, 24, [0, 0], bigEndian);
  if (sum[0] !== view.getUint32(24) || sum[1] !== view.getUint32(28)) {
    return { state: 'damaged', reason: 'WAL header checksum fails', frames: 0 };
  }
  const salt1 = view.getUint32(16);
  const salt2 = view.getUint32(20);
  const frameBytes = FRAME_HEADER_BYTES + pageSize;
  const current = (offset: number) => view.getUint32(offset + 8) === salt1 && view.getUint32(offset + 12) === salt2;

  let frames = 0;
  let offset = HEADER_BYTES;
  for (; offset + frameBytes <= wal.length; offset += frameBytes) {
    if (!current(offset)) return { state: 'ok', frames }; // an older generation's frames: ignored by design
    const next = walChecksum(view, offset + FRAME_HEADER_BYTES, pageSize, walChecksum(view, offset, 8, sum, bigEndian), bigEndian);
    if (next[0] !== view.getUint32(offset + 16) || next[1] !== view.getUint32(offset + 20)) break;
    sum = next;
    frames++;
  }
  if (offset + frameBytes > wal.length) return { state: 'ok', frames }; // the chain reaches the end (a torn tail at most)
  // A current frame failed: damage only if more than the last transaction lies at or beyond it.
  let commits = 0;
  for (let later = offset; later + FRAME_HEADER_BYTES <= wal.length; later += frameBytes) {
    // Bytes 4-7 of a frame header: the database size after a commit, 0 for other frames.
    if (current(later) && view.getUint32(later + 4) !== 0) commits++;
  }
  if (commits <= 1) return { state: 'ok', frames }; // a torn last transaction: it never returned
  return { state: 'damaged', reason: `WAL frame ${frames + 1} fails its checksum with ${commits} commits at or after it`, frames };
}

function validPageSize(size: number): boolean {
  return size >= 512 && size <= 65536 && (size & (size - 1)) === 0;
}

/** SQLite's WAL checksum over `length` bytes (a multiple of 8), continuing from `[s0, s1]`. */
function walChecksum(view: DataView, start: number, length: number, [s0, s1]: readonly number[], bigEndian: boolean): [number, number] {
  let a = s0;
  let b = s1;
  for (let i = start; i < start + length; i += 8) {
    a = (a + view.getUint32(i, !bigEndian) + b) >>> 0;
    b = (b + view.getUint32(i + 4, !bigEndian) + a) >>> 0;
  }
  return [a, b];
}
