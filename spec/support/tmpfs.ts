import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real small file system for disk-full tests, or why there is none here. */
export type Tmpfs = { readonly kind: 'mounted'; readonly directory: string; unmount(): void } | { readonly kind: 'unavailable'; readonly reason: string };

/**
 * Mounts a tmpfs of `size` (`4m`) on a fresh directory. Mounting needs root (CI runs as root);
 * elsewhere the answer says why, for the test to skip with that reason.
 */
export function mountTmpfs(size: string, prefix = 'hologram-tmpfs-'): Tmpfs {
  if (process.getuid?.() !== 0) return { kind: 'unavailable', reason: `mounting a ${size} tmpfs needs root` };
  const directory = mkdtempSync(join(tmpdir(), prefix));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', directory], { stdio: 'pipe' });
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    return { kind: 'unavailable', reason: `cannot mount a ${size} tmpfs: ${String((error as Error).message).split('\n')[0]}` };
  }
  return {
    kind: 'mounted',
    directory,
    unmount: () => {
      execFileSync('umount', ['--lazy', directory]);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Fills what is left of the file system with `path`, to the last byte; returns the function that deletes it. */
export function fillDisk(path: string): () => void {
  const fd = openSync(path, 'w');
  try {
    for (const size of [65536, 4096, 512, 1]) {
      const chunk = Buffer.alloc(size, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
  return () => unlinkSync(path);
}
