/**
 * Bundles the CLI (`lib/cli/main.ts` and everything it imports, RxJS, debug and hjson included)
 * into one file, `dist/hologram-cli.js`, which `bin/hologram.js` runs. Node then reads and
 * compiles one file instead of resolving and loading a few hundred modules, which is most of
 * `hologram send`'s start-up time. Commands stay lazily evaluated (esbuild keeps each dynamic
 * `import()` as a wrapper that runs on first use). The native bindings (better-sqlite3 and the
 * `@serialport/*` packages) stay outside the bundle and are required only when a command uses them.
 * The library itself (`dist/lib`) is not bundled: applications import it with their own RxJS.
 * The first line names the bundle's content hash, which keys `bin/hologram.js`'s compile cache.
 * The licences of the bundled packages are copied next to it (`dist/hologram-cli.LICENSES.txt`).
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** RxJS's `node` export condition is its CommonJS build: its ES build lets esbuild drop unused modules and evaluate the rest lazily. */
const rxjsEsm = {
  name: 'rxjs-esm',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^rxjs$/ }, () => ({ path: join(root, 'node_modules', 'rxjs', 'dist', 'esm', 'index.js') }));
  },
};

const outfile = join(root, 'dist', 'hologram-cli.js');
const result = await build({
  entryPoints: [join(root, 'lib', 'cli', 'main.ts')],
  outfile,
  write: false,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['better-sqlite3', '@serialport/*', 'serialport'],
  plugins: [rxjsEsm],
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});
const code = result.outputFiles[0].contents;
const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
mkdirSync(dirname(outfile), { recursive: true });
writeFileSync(outfile, Buffer.concat([Buffer.from(`// hologram-cli ${hash}\n`), code]));

/** Each bundled package's licence file, as its licence asks for copies to carry it. */
const packages = new Set(
  Object.keys(result.metafile.inputs)
    .map((input) => /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1])
    .filter((name) => name !== undefined),
);
const notices = [...packages].sort().map((name) => {
  const dir = join(root, 'node_modules', name);
  const licence = readdirSync(dir).find((file) => /^licen[cs]e/i.test(file));
  if (licence === undefined) throw new Error(`${name} is bundled into the CLI but has no licence file`);
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return `${name}@${version}\n\n${readFileSync(join(dir, licence), 'utf8').trim()}\n`;
});
writeFileSync(join(root, 'dist', 'hologram-cli.LICENSES.txt'), `Packages bundled into hologram-cli.js\n\n${notices.join(`\n${'-'.repeat(72)}\n\n`)}`);
