import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli-harness';

/**
 * bin/hologram.js compiles the CLI bundle with a V8 code cache in `$XDG_CACHE_HOME/hologram-rx`
 * (run against the built bundle: `npm test` builds first). These runs use a cache directory of their own.
 */
describe('hologram CLI compile cache', () => {
  let home: string;
  let dir: string;

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'hologram-cache-'));
    dir = join(home, 'hologram-rx');
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const version = (extra: NodeJS.ProcessEnv = {}) => runCli(['version'], { env: { ...process.env, XDG_CACHE_HOME: home, ...extra } });
  const caches = (): string[] => readdirSync(dir).filter((name) => name.endsWith('.v8'));

  it('writes a cache for this build, Node and command on its first run, private to the user, and uses it after', async () => {
    const first = await version();
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const [name] = caches();
    expect(caches()).toEqual([expect.stringMatching(new RegExp(`^cli-[0-9a-f]{16}-${process.version}-${process.arch}-version\\.v8$`))]);
    const file = join(dir, name as string);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const written = statSync(file).mtimeMs;

    const second = await version();
    expect(second).toEqual(first);
    expect(statSync(file).mtimeMs).toBe(written);
  });

  it('runs correctly from a corrupt cache, which V8 rejects, and replaces it', async () => {
    await version();
    const file = join(dir, caches()[0] as string);
    const garbage = Buffer.alloc(statSync(file).size, 0x5a);
    writeFileSync(file, garbage);
    const run = await version();
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(readFileSync(file).equals(garbage)).toBe(false);
  });

  it('keeps one cache per command, and removes the caches of other builds when it writes one', async () => {
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(join(dir, `cli-0000000000000000-${process.version}-${process.arch}-version.v8`), 'old build');
    writeFileSync(join(dir, 'unrelated.txt'), 'kept');
    await version();
    expect(caches()).toEqual([expect.stringMatching(/^cli-(?!0{16})[0-9a-f]{16}-.*-version\.v8$/)]);
    expect(await runCli(['--help'], { env: { ...process.env, XDG_CACHE_HOME: home } })).toMatchObject({ code: 0, stderr: '' });
    expect(caches().sort()).toEqual([expect.stringMatching(/-other\.v8$/), expect.stringMatching(/-version\.v8$/)]);
    expect(readdirSync(dir)).toContain('unrelated.txt');
  });

  it('neither reads nor writes a cache in a directory others can write, nor when NODE_DISABLE_COMPILE_CACHE is set', async () => {
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    expect(await version()).toMatchObject({ code: 0, stderr: '' });
    expect(caches()).toEqual([]);

    chmodSync(dir, 0o700);
    expect(await version({ NODE_DISABLE_COMPILE_CACHE: '1' })).toMatchObject({ code: 0, stderr: '' });
    expect(caches()).toEqual([]);
  });
});
