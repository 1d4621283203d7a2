import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { CloudEmulator } from '../../lib/testing/cloud-emulator';
import { ModemSimulator } from '../../lib/testing/modem-simulator/modem-simulator';
import { openPtyPair, type PtyPair } from '../../lib/testing/pty-pair';

/**
 * The package as a consumer gets it: `npm pack` of the built repository (`npm test` builds first;
 * run `npm run build` before running this spec alone), installed into a scratch project in a
 * temporary directory, then used from a CommonJS script, an ES module script, the `hologram` bin
 * and `tsc --strict` under node10, node16, nodenext and bundler resolution.
 *
 * The install is offline: the scratch project's dependencies (the package's runtime dependencies,
 * its peers rxjs and better-sqlite3, and @types/node) are copied from this repository's
 * node_modules, with everything they depend on, and listed in its package.json as a consumer's
 * project would; `npm install --offline --ignore-scripts <tarball>` then adds the package itself
 * and finds every dependency already there. So better-sqlite3 is the module this repository built
 * (not recompiled), and npm's install-script warnings for better-sqlite3 and
 * @serialport/bindings-cpp are not exercised here (the README's Quick start describes them).
 */

const ROOT = join(__dirname, '..', '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const KEY = 'pack1234';

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
async function succeed(file: string, args: readonly string[], cwd: string): Promise<Run> {
  const result = await run(file, args, cwd);
  if (result.code !== 0) throw new Error(`${file} ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  return result;
}

interface Manifest {
  version: string;
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

/** Copies `name` as installed here, and all it depends on, into `target` at the same places in the tree. */
function copyInstalled(name: string, dir: string, target: string, seen: Set<string>, optional = false): void {
  const from = locate(name, dir);
  if (from === undefined) {
    if (optional) return;
    throw new Error(`${name} (needed by ${dir}) is not installed in ${ROOT}`);
  }
  const relative = from.slice(ROOT.length + 1);
  if (seen.has(relative)) return;
  seen.add(relative);
  const nested = join(from, 'node_modules');
  cpSync(from, join(target, relative), { recursive: true, dereference: true, filter: (path) => path !== nested && !path.startsWith(`${nested}/`) });
  const manifest = readManifest(from);
  for (const dependency of Object.keys(manifest.dependencies ?? {})) copyInstalled(dependency, from, target, seen);
  for (const dependency of Object.keys(manifest.optionalDependencies ?? {})) copyInstalled(dependency, from, target, seen, true);
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

/** A typed consumer: it must compile, and the expected errors must be errors (the types are real, not any). */
const TYPED = `import { Hologram, Credentials, type MessageResult } from 'hologram-rx';
import { CloudEmulator } from 'hologram-rx/testing';
import { Observable } from 'rxjs';

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
    mkdirSync(project);
    const wanted = ['@serialport/bindings-cpp', '@serialport/stream', 'debug', 'rxjs', 'better-sqlite3', '@types/node'];
    const seen = new Set<string>();
    for (const name of wanted) copyInstalled(name, ROOT, project, seen);
    const dependencies = Object.fromEntries(wanted.map((name) => [name, readManifest(join(ROOT, 'node_modules', name)).version]));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch-app', version: '1.0.0', private: true, dependencies }, null, 2));
    installOutput = await succeed('npm', ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', packed], project);
  }, 120_000);

  afterAll(async () => {
    await simulator?.close();
    await pty?.close();
    await emulatorForCli?.close();
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  const app = (): string => join(scratch, 'app');

  it('holds what a consumer runs: the library, its declarations, the CLI bundle; no bench, examples, maps or unbundled CLI', () => {
    const files = JSON.parse(readFileSync(join(scratch, 'files.json'), 'utf8')) as string[];
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'bin/hologram.js', 'dist/hologram-cli.js', 'dist/lib/index.js', 'dist/lib/index.d.ts', 'dist/lib/testing/index.d.ts']));
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

  it('keeps messages across a restart in a durable outbox, with the optional better-sqlite3 peer', async () => {
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

  // tsc takes seconds per run, and many more on a loaded machine: each run gets its own minute.
  it.each([
    // Plain `tsc --strict`: TypeScript's defaults (target ES5, module commonjs, node10 resolution).
    ['node10 (plain tsc --strict)', ['typed.ts'], []],
    ['node16, a CommonJS and an ES module file', ['typed.ts', 'typed.mts'], ['--module', 'node16', '--moduleResolution', 'node16']],
    ['nodenext, a CommonJS and an ES module file', ['typed.ts', 'typed.mts'], ['--module', 'nodenext', '--moduleResolution', 'nodenext']],
    ['bundler', ['typed.ts'], ['--module', 'esnext', '--moduleResolution', 'bundler']],
  ])(
    'type-checks a consumer with tsc --strict under %s resolution',
    async (_name, files, options) => {
      for (const file of files) writeFileSync(join(app(), file), TYPED);
      const result = await run(process.execPath, [TSC, '--strict', '--noEmit', ...options, ...files], app());
      expect(`${result.stdout}${result.stderr}`).toBe('');
      expect(result.code).toBe(0);
    },
    60_000,
  );
});
