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

function runs(file: string, args: readonly string[]): boolean {
  try {
    execFileSync(file, [...args], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Clients from Debian packages: the program, arguments that only print its version, its package. */
const DEBIAN_CLIENTS = {
  gammu: { program: 'gammu', probe: ['--version'], pkg: 'gammu' },
  // chat has no version option and fails without a line to talk to: ask the shell whether it is there.
  chat: { program: '/bin/sh', probe: ['-c', 'command -v chat'], pkg: 'ppp' },
  wvdial: { program: 'wvdial', probe: ['--version'], pkg: 'wvdial' },
  gnokii: { program: 'gnokii', probe: ['--version'], pkg: 'gnokii-cli' },
  gsmctl: { program: 'gsmctl', probe: ['--version'], pkg: 'gsm-utils' },
  gcc: { program: 'gcc', probe: ['--version'], pkg: 'gcc' },
} as const;
type DebianClient = keyof typeof DEBIAN_CLIENTS;

/** Where the Python SDK's source is: `HOLOGRAM_PYTHON_SDK`, else `~/.cache/hologram-rx/hologram-python`. */
export function pythonSdkPath(): string {
  return process.env.HOLOGRAM_PYTHON_SDK ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'hologram-rx', 'hologram-python');
}

/** Why a client cannot run here, or `undefined` when it can. */
export function missing(client: DebianClient | 'python-sdk'): string | undefined {
  if (client !== 'python-sdk') {
    const { program, probe, pkg } = DEBIAN_CLIENTS[client];
    return runs(program, probe) ? undefined : `${client} is not installed (Debian package "${pkg}")`;
  }
  if (!existsSync(PYTHON)) return `${PYTHON} is missing (Debian package "python3")`;
  const absent = PYTHON_MODULES.filter((module) => !runs(PYTHON, ['-c', `import ${module}`]));
  if (absent.length > 0) return `${PYTHON} lacks ${absent.join(', ')} (Debian packages ${absent.map((module) => `python3-${module}`).join(', ')})`;
  const sdk = pythonSdkPath();
  if (!existsSync(join(sdk, 'Hologram', 'HologramCloud.py'))) {
    return `no copy of github.com/hologram-io/hologram-python at ${sdk} (set HOLOGRAM_PYTHON_SDK to a checkout)`;
  }
  return undefined;
}
