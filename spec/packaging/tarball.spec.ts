import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { CloudEmulator } from '../../lib/testing/cloud-emulator';
import { ModemSimulator } from '../../lib/testing/modem-simulator/modem-simulator';
import { openPtyPair, type PtyPair } from '../../lib/testing/pty-pair';

/**
 * The package as a consumer gets it: `npm pack` of the built repository (`npm test` builds first;
 * run `npm run build` before running this spec alone), installed into a scratch project in a
 * temporary directory, then used from a CommonJS script, an ES module script, the `hologram` bin
 * and `tsc --strict` of TypeScript 5.9 and 7, with each one's defaults and under node16, nodenext
 * and bundler resolution.
 *
 * Nothing comes from the registry or the npm cache, so the spec passes on a fresh machine with an
 * empty cache: the scratch project's dependencies (the package's runtime dependencies, its peers
 * rxjs and better-sqlite3, and @types/node), with everything they depend on, are packed from this
 * repository's node_modules as they are installed (better-sqlite3 with the module this repository
 * built) into tarballs, listed in a lockfile that points at those files, and installed with
 * `npm ci --offline`; `npm install --offline <tarball>` then adds the package itself and finds every
 * dependency and peer already there. Install scripts are not run (the README's Quick start
 * describes npm's warnings for better-sqlite3 and @serialport/bindings-cpp).
 */

const ROOT = join(__dirname, '..', '..');
const KEY = 'pack1234';
/** Emulation (`npm run test:arm64` sets it) stretches the time limits: every process runs many times slower. */
const TIME_SCALE = Number(process.env.HOLOGRAM_TEST_TIME_SCALE ?? 1);
/**
 * The consumer's compilers: the TypeScript the repository builds with, and TypeScript 7. TypeScript
 * 7's compiler is a native program in a package per platform, which npm installs for the machine it
 * runs on; under emulation (`npm run test:arm64`) the one for this process's CPU is not there.
 */
const COMPILERS = [
  { name: 'TypeScript 5.9', tsc: join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), here: true },
  {
    name: 'TypeScript 7',
    tsc: join(ROOT, 'node_modules', 'typescript-7', 'bin', 'tsc'),
    here: existsSync(join(ROOT, 'node_modules', '@typescript', `typescript-${process.platform}-${process.arch}`, 'package.json')),
  },
] as const;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** `run` that fails the test, showing the output, unless the command exits 0. */
async function succeed(file: string, args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<Run> {
  const result = await run(file, args, cwd, env);
  if (result.code !== 0) throw new Error(`${file} ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  return result;
}

interface Manifest {
  version: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

/** Where Node would find `name` from the package (or project) in `dir`: its own node_modules, then each parent's. */
function locate(name: string, dir: string): string | undefined {
  for (let at = dir; at.startsWith(ROOT); at = dirname(at)) {
    const candidate = join(at, 'node_modules', name);
    if (basename(at) !== 'node_modules' && existsSync(join(candidate, 'package.json'))) return candidate;
    if (at === ROOT) break;
  }
  return undefined;
}

/**
 * Packs `name` as installed here, and all it depends on, into `project/deps/`: one tarball per
 * package (its nested node_modules left out: those are packages of their own), keyed in `packed`
 * by its place in the tree (`node_modules/a/node_modules/b`), which the scratch project keeps.
 * GNU tar, with hard links stored as files (npm skips link entries; node-gyp's output has them).
 */
async function packInstalled(name: string, dir: string, project: string, packed: Map<string, string>, optional = false): Promise<void> {
  const from = locate(name, dir);
  if (from === undefined) {
    if (optional) return;
    throw new Error(`${name} (needed by ${dir}) is not installed in ${ROOT}`);
  }
  const place = from.slice(ROOT.length + 1);
  if (packed.has(place)) return;
  const manifest = readManifest(from);
  const file = `deps/${place.replace(/^node_modules\//, '').replace(/\//g, '+')}-${manifest.version}.tgz`;
  packed.set(place, file);
  await succeed('tar', ['--create', '--gzip', '--hard-dereference', `--file=${join(project, file)}`, '--exclude=./node_modules', '--transform=s,^\\.,package,', '--directory', realpathSync(from), '.'], ROOT);
  for (const dependency of Object.keys(manifest.dependencies ?? {})) await packInstalled(dependency, from, project, packed);
  for (const dependency of Object.keys(manifest.optionalDependencies ?? {})) await packInstalled(dependency, from, project, packed, true);
}

/**
 * The scratch project's package.json and package-lock.json: `wanted` as its dependencies, each
 * package at the place it has in this repository's tree, with this repository's lockfile entry
 * for it, resolved to its tarball in `deps/`.
 */
function writeProject(project: string, wanted: readonly string[], packed: ReadonlyMap<string, string>): void {
  const dependencies = Object.fromEntries(wanted.map((name) => [name, `file:${packed.get(`node_modules/${name}`)}`]));
  const root = { name: 'scratch-app', version: '1.0.0', private: true, dependencies };
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, Record<string, unknown>> };
  const packages: Record<string, unknown> = { '': root };
  for (const [place, file] of packed) {
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = lock.packages[place] ?? {};
    const integrity = `sha512-${createHash('sha512').update(readFileSync(join(project, file))).digest('base64')}`;
    packages[place] = { ...entry, resolved: `file:${file}`, integrity };
  }
  writeFileSync(join(project, 'package.json'), JSON.stringify(root, null, 2));
  writeFileSync(join(project, 'package-lock.json'), JSON.stringify({ ...root, lockfileVersion: 3, requires: true, packages }, null, 2));
}

/**
 * Whether a package's `engines.node` (`20.x || 22.x`, `>=22`) admits the Node running this spec,
 * so npm installs it without an EBADENGINE warning. better-sqlite3 12 lists the majors it builds
 * for, and Node 26 is not one: a project on Node 26 goes without it.
 */
function admitsThisNode(range: string | undefined): boolean {
  if (range === undefined) return true;
  const major = Number(process.versions.node.split('.')[0]);
  return range.split('||').some((part) => {
    const bound = /^\s*(>=)?\s*(\d+)(?:\.x|\.\d+\.\d+)?\s*$/.exec(part);
    if (bound === null) throw new Error(`engines range ${JSON.stringify(range)}: a part this spec cannot read`);
    return bound[1] === '>=' ? major >= Number(bound[2]) : major === Number(bound[2]);
  });
}

/** What each consumer file checks; the same code in CommonJS and ES module form. */
const CONSUMER_BODY = `
const emulator = new CloudEmulator({ deviceKeys: ['${KEY}'] });
const port = await emulator.listen();
const hologram = new Hologram(Credentials.fromDeviceKey('${KEY}'), { sendHost: '127.0.0.1', sendPort: port });
const result = await hologram.sendMessage('from a consumer', ['pack']);
// RxJS is a peer: the application's rxjs is the library's, so its operators and classes mix.
const sameRx = hologram.results$ instanceof Observable;
await hologram.close();
await emulator.close();
console.log(JSON.stringify({ version: hologram.getSDKVersion(), ok: result.ok, received: emulator.messages.map((m) => m.data), sameRx }));
`;

const CJS = `'use strict';
const { Hologram, Credentials } = require('hologram-rx');
const { CloudEmulator } = require('hologram-rx/testing');
const { Observable } = require('rxjs');
(async () => {${CONSUMER_BODY}})().catch((error) => { console.error(error); process.exitCode = 1; });
`;

const ESM = `import { Hologram, Credentials } from 'hologram-rx';
import { CloudEmulator } from 'hologram-rx/testing';
import { Observable } from 'rxjs';
${CONSUMER_BODY}`;

/** The subpath entries of package.json `exports` (`hologram-rx/network`...), each as a consumer imports it. */
const SUBPATHS = Object.entries((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown> }).exports)
  .filter(([subpath, target]) => subpath !== '.' && typeof target === 'object')
  .map(([subpath]) => `hologram-rx${subpath.slice(1)}`);

/**
 * A typed consumer: it must compile, and the expected errors must be errors (the types are real,
 * not any). Every subpath entry is imported too: each must resolve to its declarations under every
 * setting (node10 finds them through `typesVersions`, the others through `exports`).
 */
const TYPED = `import { Hologram, Credentials, type MessageResult } from 'hologram-rx';
import { CloudEmulator } from 'hologram-rx/testing';
import { Observable } from 'rxjs';
${SUBPATHS.map((entry, i) => `import * as entry${i} from '${entry}';`).join('\n')}

export const entries = [${SUBPATHS.map((_entry, i) => `entry${i}`).join(', ')}];
// @ts-expect-error an entry is typed: a name it does not export is an error
${SUBPATHS.map((_entry, i) => `entry${i}.notExported`).join(';\n// @ts-expect-error an entry is typed\n')};

export async function send(): Promise<boolean> {
  const emulator = new CloudEmulator({ deviceKeys: ['${KEY}'] });
  const hologram = new Hologram(Credentials.fromDeviceKey('${KEY}'), { sendHost: '127.0.0.1', sendPort: await emulator.listen() });
  const results: Observable<MessageResult> = hologram.results$;
  // @ts-expect-error a device key is a string
  Credentials.fromDeviceKey(12345678);
  // @ts-expect-error the emulator's port is a number
  const port: string = emulator.port;
  const result = await hologram.sendMessage('typed', ['pack']);
  return result.ok && results !== undefined && port !== undefined;
}
`;

describe('the packed tarball, installed into a scratch project', () => {
  let scratch: string;
  let packed: string;
  let installOutput: Run;
  let emulatorForCli: CloudEmulator | undefined;
  let pty: PtyPair | undefined;
  let simulator: ModemSimulator | undefined;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'hologram-cli.js'))) throw new Error('build first: npm run build');
    scratch = mkdtempSync(join(tmpdir(), 'hologram-rx-pack-'));
    const pack = await succeed('npm', ['pack', '--json', '--pack-destination', scratch], ROOT);
    const [info] = JSON.parse(pack.stdout) as [{ filename: string; files: { path: string }[] }];
    packed = join(scratch, info.filename);
    writeFileSync(join(scratch, 'files.json'), JSON.stringify(info.files.map((file) => file.path)));

    const project = join(scratch, 'app');
    mkdirSync(join(project, 'deps'), { recursive: true });
    // The optional peer better-sqlite3 as a consumer on this Node would have it: where npm would install it.
    const sqlite = admitsThisNode(readManifest(join(ROOT, 'node_modules', 'better-sqlite3')).engines?.node) ? ['better-sqlite3'] : [];
    const wanted = ['@serialport/bindings-cpp', '@serialport/stream', 'debug', 'rxjs', ...sqlite, '@types/node'];
    const tarballs = new Map<string, string>();
    for (const name of wanted) await packInstalled(name, ROOT, project, tarballs);
    writeProject(project, wanted, tarballs);
    // A cache of its own: what is in the user's npm cache must not matter, and nothing is added to it.
    const env = { ...process.env, npm_config_cache: join(scratch, 'npm-cache') };
    await succeed('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], project, env);
    installOutput = await succeed('npm', ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', packed], project, env);
  }, 120_000 * TIME_SCALE);

  afterAll(async () => {
    await simulator?.close();
    await pty?.close();
    await emulatorForCli?.close();
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  const app = (): string => join(scratch, 'app');

  it('holds what a consumer runs: the library, its declarations, the CLI bundle; no bench, examples, maps or unbundled CLI', () => {
    const files = JSON.parse(readFileSync(join(scratch, 'files.json'), 'utf8')) as string[];
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'bin/hologram.js', 'dist/hologram-cli.js', 'dist/lib/index.js', 'dist/lib/index.d.ts', 'dist/lib/testing/index.d.ts']));
    expect(files.filter((file) => /^dist\/(bench|examples|lib\/cli)\/|\.map$|\.ts$(?<!\.d\.ts)/.test(file))).toEqual([]);
    const declarations = files.filter((file) => file.endsWith('.d.ts')).map((file) => readFileSync(join(app(), 'node_modules', 'hologram-rx', file), 'utf8'));
    expect(declarations.filter((text) => /#private|rxjs\/internal/.test(text))).toEqual([]);
  });

  it('installs without a warning (peer dependencies met, nothing deprecated or conflicting)', () => {
    expect(installOutput.stderr.split('\n').filter((line) => /warn|ERR/i.test(line))).toEqual([]);
    expect(installOutput.stdout).toMatch(/added 1 package/);
  });

  it('depends at run time on what the runtime loads: the @serialport pieces and debug; rxjs and better-sqlite3 are peers', () => {
    const manifest = readManifest(join(app(), 'node_modules', 'hologram-rx'));
    expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual(['@serialport/bindings-cpp', '@serialport/stream', 'debug']);
    expect(Object.keys(manifest.peerDependencies ?? {}).sort()).toEqual(['better-sqlite3', 'rxjs']);
  });

  it.each([
    ['a CommonJS', 'consumer.cjs', CJS],
    ['an ES module', 'consumer.mjs', ESM],
  ])('runs %s script that sends through the emulator from hologram-rx/testing', async (_kind, name, source) => {
    writeFileSync(join(app(), name), source);
    const result = await succeed(process.execPath, [name], app());
    const version = readManifest(ROOT).version;
    expect(JSON.parse(result.stdout)).toEqual({ version, ok: true, received: ['from a consumer'], sameRx: true });
  });

  it('loads every subpath entry from a CommonJS and an ES module script, with the same named exports', async () => {
    // Node adds `default` (and from 23 on `module.exports`) to an ES module's view of CommonJS code.
    const load = `${SUBPATHS.map((entry) => `'${entry}'`).join(', ')}`;
    writeFileSync(join(app(), 'entries.cjs'), `console.log(JSON.stringify([${load}].map((entry) => Object.keys(require(entry)).sort())));\n`);
    writeFileSync(join(app(), 'entries.mjs'), `const loaded = await Promise.all([${load}].map((entry) => import(entry)));\nconsole.log(JSON.stringify(loaded.map((entry) => Object.keys(entry).filter((name) => !['default', 'module.exports', '__esModule'].includes(name)).sort())));\n`);
    const cjs = JSON.parse((await succeed(process.execPath, ['entries.cjs'], app())).stdout) as string[][];
    const esm = JSON.parse((await succeed(process.execPath, ['entries.mjs'], app())).stdout) as string[][];
    expect(cjs.map((names) => names.length > 0)).toEqual(SUBPATHS.map(() => true));
    expect(esm).toEqual(cjs);
  });

  it('keeps messages across a restart in a durable outbox', async () => {
    // Port 1 refuses: the message stays in the outbox file, and the next process finds it there.
    const source = `'use strict';
const { Hologram, Credentials } = require('hologram-rx');
const hologram = new Hologram(Credentials.fromDeviceKey('${KEY}'), { sendHost: '127.0.0.1', sendPort: 1, outbox: { path: 'outbox.db' } });
const before = hologram.outbox.stats().pendingCount;
if (process.argv[2] === 'add') hologram.send$.next({ data: 'kept', topics: [] });
console.log(before);
Promise.resolve(hologram.close()).then(() => process.exit(0));
`;
    writeFileSync(join(app(), 'durable.cjs'), source);
    expect((await succeed(process.execPath, ['durable.cjs', 'add'], app())).stdout).toBe('0\n');
    expect((await succeed(process.execPath, ['durable.cjs'], app())).stdout).toBe('1\n');
  });

  it('runs the hologram bin: hologram send to an emulator and hologram modem info against the simulator', async () => {
    emulatorForCli = new CloudEmulator({ deviceKeys: [KEY] });
    const port = await emulatorForCli.listen();
    const bin = join(app(), 'node_modules', '.bin', 'hologram');
    const sent = await run(bin, ['send', 'from the bin', '--devicekey', KEY, '--host', '127.0.0.1', '-p', String(port)], app());
    expect(sent).toMatchObject({ code: 0, stderr: '' });
    expect(emulatorForCli.messages.map((message) => message.data)).toEqual(['from the bin']);

    pty = await openPtyPair();
    simulator = new ModemSimulator({ vendor: 'u-blox', latencyMs: 0 });
    simulator.attach(pty.stream);
    const info = await run(bin, ['modem', 'info', '--device', pty.path], app());
    expect(info).toMatchObject({ code: 0, stderr: '' });
    expect(info.stdout).toMatch(/Model: +SARA-U201/);
  });

  // Each version's defaults (plain `tsc --strict`): TypeScript 5.9 targets ES5 with module commonjs
  // and node10 resolution and loads every @types package; TypeScript 7 has no node10 and loads no
  // @types package unless asked, so the declarations must bring Node's types in themselves.
  const settings = [
    ['its defaults (plain tsc --strict)', ['typed.ts'], []],
    ['node16, a CommonJS and an ES module file', ['typed.ts', 'typed.mts'], ['--module', 'node16', '--moduleResolution', 'node16']],
    ['nodenext, a CommonJS and an ES module file', ['typed.ts', 'typed.mts'], ['--module', 'nodenext', '--moduleResolution', 'nodenext']],
    ['bundler resolution', ['typed.ts'], ['--module', 'esnext', '--moduleResolution', 'bundler']],
  ] as const;
  // tsc takes seconds per run, and many more on a loaded machine: each run gets its own minute.
  for (const { name: compiler, tsc, here } of COMPILERS) {
    (here ? it.each(settings) : it.skip.each(settings))(
      `type-checks a consumer with ${compiler}: tsc --strict with %s`,
      async (_name, files, options) => {
        for (const file of files) writeFileSync(join(app(), file), TYPED);
        const result = await run(process.execPath, [tsc, '--strict', '--noEmit', ...options, ...files], app());
        expect(`${result.stdout}${result.stderr}`).toBe('');
        expect(result.code).toBe(0);
      },
      60_000 * TIME_SCALE,
    );
  }
});
