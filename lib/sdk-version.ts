/**
 * The SDK's version, read from its package.json. The file sits one level up from `lib/` in the
 * sources and two levels up from `dist/lib/` once built, so both places are tried.
 */
function readVersion(): string {
  for (const candidate of ['../../package.json', '../package.json']) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const pkg = require(candidate) as { name?: string; version?: string };
      if (pkg.name === 'hologram-rx' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not at this level
    }
  }
  return '0.0.0';
}

export const SDK_VERSION: string = readVersion();
