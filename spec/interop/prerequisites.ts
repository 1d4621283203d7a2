import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * What the interop tests need from the machine, and what is missing in words a user can act on.
 * `npm run test:interop` (spec/interop/run.sh) installs the Debian packages when it can; the
 * Python SDK's source comes from `HOLOGRAM_PYTHON_SDK` or a cached copy (see the README).
 */
const PYTHON = '/usr/bin/python3';
const PYTHON_MODULES = ['serial', 'psutil', 'requests', 'pyudev', 'usb', 'pyroute2'];

function runs(file: string, args: string[]): boolean {
  try {
    execFileSync(file, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Where the Python SDK's source is: `HOLOGRAM_PYTHON_SDK`, else `~/.cache/hologram-rx/hologram-python`. */
export function pythonSdkPath(): string {
  return process.env.HOLOGRAM_PYTHON_SDK ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'hologram-rx', 'hologram-python');
}

/** Why a client cannot run here, or `undefined` when it can. */
export function missing(client: 'gammu' | 'python-sdk'): string | undefined {
  if (client === 'gammu') return runs('gammu', ['--version']) ? undefined : 'gammu is not installed (Debian package "gammu")';
  if (!existsSync(PYTHON)) return `${PYTHON} is missing (Debian package "python3")`;
  const absent = PYTHON_MODULES.filter((module) => !runs(PYTHON, ['-c', `import ${module}`]));
  if (absent.length > 0) return `${PYTHON} lacks ${absent.join(', ')} (Debian packages ${absent.map((module) => `python3-${module}`).join(', ')})`;
  const sdk = pythonSdkPath();
  if (!existsSync(join(sdk, 'Hologram', 'HologramCloud.py'))) {
    return `no copy of github.com/hologram-io/hologram-python at ${sdk} (set HOLOGRAM_PYTHON_SDK to a checkout)`;
  }
  return undefined;
}
