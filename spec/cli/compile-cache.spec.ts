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

  const cli = (args: string[], extra: NodeJS.ProcessEnv = {}) => runCli(args, { env: { ...process.env, XDG_CACHE_HOME: home, ...extra } });
  const version = (extra: NodeJS.ProcessEnv = {}) => cli(['version'], extra);
  const caches = (): string[] => readdirSync(dir).filter((name) => name.endsWith('.v8'));
  /** The commands the one cache file says it covers (its header line). */
  const covered = (): string[] => {
    const header = /^hologram-cli-cache ([a-z,]*) *\n/.exec(readFileSync(join(dir, caches()[0] as string), 'latin1'));
    return header === null ? [] : (header[1] as string).split(',');
  };

  it('writes a cache for this build and Node on its first run, private to the user, and uses it after', async () => {
    const first = await version();
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const [name] = caches();
    expect(caches()).toEqual([expect.stringMatching(new RegExp(`^cli-[0-9a-f]{16}-${process.version}-${process.arch}\\.v8$`))]);
    expect(covered()).toEqual(['version']);
    const file = join(dir, name as string);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const written = statSync(file).mtimeMs;

    const second = await version();
    expect(second).toEqual(first);
    expect(statSync(file).mtimeMs).toBe(written);
  });

  it.each([
    ['whose V8 data V8 rejects', (cache: Buffer) => Buffer.concat([cache.subarray(0, cache.indexOf(10) + 1), Buffer.alloc(cache.length, 0x5a)])],
    ['that is not a cache file at all', (cache: Buffer) => Buffer.alloc(cache.length, 0x5a)],
  ])('runs correctly from a corrupt cache %s, and replaces it', async (_case, corrupt) => {
    await version();
    const file = join(dir, caches()[0] as string);
    const garbage = corrupt(readFileSync(file));
    writeFileSync(file, garbage);
    const run = await version();
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(readFileSync(file).equals(garbage)).toBe(false);
    expect(covered()).toEqual(['version']);
  });

  it('keeps one file, which each command adds what it compiled to once; removes the caches of other builds and of the per-command layout', async () => {
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(join(dir, `cli-0000000000000000-${process.version}-${process.arch}.v8`), 'old build');
    writeFileSync(join(dir, `cli-0000000000000000-${process.version}-${process.arch}-sned.v8`), 'a mistyped word, per-command layout');
    writeFileSync(join(dir, 'unrelated.txt'), 'kept');
    await version();
    expect(caches()).toEqual([expect.stringMatching(new RegExp(`^cli-(?!0{16})[0-9a-f]{16}-${process.version}-${process.arch}\\.v8$`))]);
    const file = join(dir, caches()[0] as string);
    const versionOnly = statSync(file).size;

    expect(await cli(['modem', '--help'])).toMatchObject({ code: 0, stderr: '' });
    expect(covered()).toEqual(['version', 'modem']);
    // The functions `version` compiled are still in it, with those `modem` added.
    expect(statSync(file).size).toBeGreaterThan(versionOnly);

    // Mistyped command words, help and anything else share one entry: no file, no entry per word.
    for (const word of ['sned', 'snd', 'recieve', 'Send', '--help', 'x'.repeat(40)]) {
      expect((await cli([word])).code).toBe(word === '--help' ? 0 : 2);
    }
    expect(caches()).toHaveLength(1);
    expect(covered()).toEqual(['version', 'modem', 'other']);
    const written = statSync(file).mtimeMs;
    await version();
    expect(await cli(['modem', '--help'])).toMatchObject({ code: 0, stderr: '' });
    expect(statSync(file).mtimeMs).toBe(written);
    expect(readdirSync(dir).sort()).toEqual([caches()[0], 'unrelated.txt'].sort());
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
