import { closeSync, fsyncSync, openSync, statfsSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { logger } from '../logging';
import { checkCount } from '../validation/count';
import { OutboxStoreError } from './outbox-store-error';

const log = logger('outbox');

/** How much room a durable outbox keeps on its file system (see `OutboxSpace`). */
export interface OutboxSpaceOptions {
  /**
   * New messages are refused (`OutboxStoreError`, code `ENOSPC`) while fewer bytes than this are
   * free (default 384 KiB): the room the WAL and a checkpoint need to acknowledge what is stored.
   */
  readonly minFreeBytes?: number;
  /**
   * Size of `<path>.reserve` (default 256 KiB; 0 for none): room held back for when something else
   * fills the disk, released when a removal fails for want of space, made again when room returns.
   */
  readonly reserveBytes?: number;
}

export const DEFAULT_OUTBOX_SPACE: Required<OutboxSpaceOptions> = { minFreeBytes: 384 * 1024, reserveBytes: 256 * 1024 };

/** Free bytes on the file system holding `directory` (for unprivileged users). */
export type FreeSpaceReader = (directory: string) => number;

export const readFreeSpace: FreeSpaceReader = (directory) => {
  const stats = statfsSync(directory);
  return stats.bavail * stats.bsize;
};

/** Whether the reserve file holds its room. */
type ReserveState = { readonly kind: 'held' } | { readonly kind: 'released' };

/**
 * The room a durable outbox keeps so that it can always acknowledge: deleting a delivered message
 * and checkpointing the WAL need space (a WAL frame per changed page, then the pages copied into
 * the database), and on a disk the outbox filled itself there would be none.
 *
 * - **Headroom for its own writes**: an append is refused while free space (read with `statfs`,
 *   plus the pages free inside the database, which removals leave and appends reuse) would fall
 *   below `minFreeBytes`. `statfs` is not asked per message: each append spends an
 *   estimate of what it writes from a budget of half the room left, and only an empty budget (or
 *   a failure) reads it again.
 * - **A reserve for everybody else's**: `<path>.reserve` holds `reserveBytes`. When another
 *   program fills the disk and a removal fails for want of space, the store releases it, and the
 *   removal (with a checkpoint that shrinks the WAL) goes through; it is written again once there
 *   is room for it and the headroom both.
 */
export class OutboxSpace {
  readonly minFreeBytes: number;
  readonly reserveBytes: number;
  readonly #directory: string;
  readonly #reservePath: string;
  readonly #readFree: FreeSpaceReader;
  #reserve: ReserveState = { kind: 'released' };
  /** Bytes appends may still write before free space is read again. */
  #budget = 0;

  readonly #path: string;
  readonly #reusable: () => number;

  constructor(
    path: string,
    options: OutboxSpaceOptions,
    /** Bytes free inside the database file (pages freed by removals, reused before the file grows). */
    reusable: () => number,
    readFree: FreeSpaceReader = readFreeSpace,
  ) {
    this.#path = path;
    this.#reusable = reusable;
    this.minFreeBytes = checkCount('minFreeBytes', options.minFreeBytes ?? DEFAULT_OUTBOX_SPACE.minFreeBytes, { min: 0 });
    this.reserveBytes = checkCount('reserveBytes', options.reserveBytes ?? DEFAULT_OUTBOX_SPACE.reserveBytes, { min: 0 });
    this.#directory = dirname(path);
    this.#reservePath = `${path}.reserve`;
    this.#readFree = readFree;
    this.restore();
  }

  /** Whether the reserve file holds its room now. */
  get reserveHeld(): boolean {
    return this.#reserve.kind === 'held';
  }

  /** Free bytes on the file system now (a `statfs`). */
  free(): number {
    return this.#readFree(this.#directory);
  }

  /**
   * Throws `OutboxStoreError` (`ENOSPC`) when writing about `bytes` would leave less than
   * `minFreeBytes` free; else counts them against the budget.
   */
  admit(bytes: number): void {
    if (bytes <= this.#budget) {
      this.#budget -= bytes;
      return;
    }
    this.restore(); // space is read now anyway: the moment to take the reserve back if room returned
    const free = this.free();
    const room = free + this.#reusable() - this.minFreeBytes;
    if (bytes > room) {
      this.#budget = 0;
      throw new OutboxStoreError(
        `Outbox ${this.#path} refuses new messages: ${free} bytes free on its file system (and ${this.#reusable()} in its file), and it keeps ${this.minFreeBytes} free to acknowledge what it holds`,
        this.#path,
        { code: 'ENOSPC' },
      );
    }
    this.#budget = Math.floor((room - bytes) / 2);
  }

  /** A write failed: read free space again before the next one. */
  failed(): void {
    this.#budget = 0;
  }

  /** Releases the reserve file's room; false when there was none to release. */
  release(): boolean {
    if (this.#reserve.kind !== 'held') return false;
    try {
      unlinkSync(this.#reservePath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    this.#reserve = { kind: 'released' };
    this.#budget = 0;
    log('outbox %s released its %d byte reserve to acknowledge on a full disk', this.#path, this.reserveBytes);
    return true;
  }

  /** Writes the reserve file again if it is missing and there is room for it and the headroom both. */
  restore(): void {
    if (this.#reserve.kind === 'held' || this.reserveBytes === 0) return;
    let fd: number | undefined;
    try {
      if (this.free() < this.reserveBytes + this.minFreeBytes) return;
      fd = openSync(this.#reservePath, 'w');
      const chunk = Buffer.alloc(64 * 1024);
      for (let written = 0; written < this.reserveBytes; written += chunk.length) {
        writeSync(fd, chunk, 0, Math.min(chunk.length, this.reserveBytes - written));
      }
      fsyncSync(fd); // the blocks are the file's now, not a promise of them
      this.#reserve = { kind: 'held' };
      this.#budget = 0;
    } catch (error) {
      log('outbox %s could not write its reserve: %s', this.#path, (error as Error).message);
      if (fd !== undefined) {
        closeSync(fd);
        fd = undefined;
        try {
          unlinkSync(this.#reservePath);
        } catch {
          // nothing written, nothing to remove
        }
      }
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
}
