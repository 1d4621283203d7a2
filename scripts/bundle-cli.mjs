/**
 * Bundles the CLI (`lib/cli/main.ts` and everything it imports, RxJS, debug and hjson included)
 * into one file, `dist/hologram-cli.js`, which `bin/hologram.js` runs. Node then reads and
 * compiles one file instead of resolving and loading a few hundred modules, which is most of
 * `hologram send`'s start-up time. Commands stay lazily evaluated (esbuild keeps each dynamic
 * `import()` as a wrapper that runs on first use). Native code stays outside: better-sqlite3 is
 * required from the installed package when a command uses it, and so is the serial port's compiled
 * binding, while the JavaScript of `@serialport/stream` and `@serialport/bindings-cpp` is bundled
 * (loading those packages module by module was most of `hologram modem info`'s start-up).
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
/**
 * `@serialport/bindings-cpp` finds its compiled binding next to its own files (`__dirname`), which
 * in the bundle is `dist/`: look for it in the installed package instead (a dependency, pinned to
 * the version bundled here), with the same node-gyp-build lookup. Loaded when a port is opened.
 */
const serialportBinding = {
  name: 'serialport-binding',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /[\\/]@serialport[\\/]bindings-cpp[\\/]dist[\\/]serialport-bindings\.js$/ }, () => ({
      contents: `'use strict';
const { dirname } = require('node:path');
exports.binding = require('node-gyp-build')(dirname(require.resolve('@serialport/bindings-cpp/package.json')));
`,
      loader: 'js',
      resolveDir: join(root, 'node_modules', '@serialport', 'bindings-cpp', 'dist'),
    }));
  },
};

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const bindings = JSON.parse(readFileSync(join(root, 'node_modules', '@serialport', 'bindings-cpp', 'package.json'), 'utf8'));
if (bindings.version !== manifest.dependencies['@serialport/bindings-cpp']) {
  throw new Error(`@serialport/bindings-cpp ${bindings.version} is installed, the package depends on ${manifest.dependencies['@serialport/bindings-cpp']}: the bundle must match the binding it loads`);
}

/** The SDK's version, fixed at build time: `lib/sdk-version.ts` otherwise looks for package.json at run time. */
const sdkVersion = {
  name: 'sdk-version',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /[\\/]lib[\\/]sdk-version\.ts$/ }, () => ({
      contents: `export const SDK_VERSION: string = ${JSON.stringify(manifest.version)};\n`,
      loader: 'ts',
    }));
  },
};

/**
 * Every `debug` import (lib/logging.ts and the serial port packages') goes to scripts/cli-debug.cjs,
 * which loads the real package, one copy of it, only when logging is turned on.
 */
const debugOnDemand = {
  name: 'debug-on-demand',
  setup(pluginBuild) {
    const shim = join(root, 'scripts', 'cli-debug.cjs');
    pluginBuild.onResolve({ filter: /^debug$/ }, (args) => ({ path: args.importer === shim ? join(root, 'node_modules', 'debug', 'src', 'index.js') : shim }));
  },
};

const result = await build({
  entryPoints: [join(root, 'lib', 'cli', 'main.ts')],
  outfile,
  write: false,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['better-sqlite3', '@serialport/bindings-cpp/package.json'],
  plugins: [rxjsEsm, serialportBinding, sdkVersion, debugOnDemand],
  // Identifiers are kept, so a stack trace from the field still names its functions.
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
    .map((input) => /^(?:.*\/)?node_modules\/(?:@[^/]+\/)?[^/]+(?=\/)/.exec(input)?.[0])
    .filter((dir) => dir !== undefined),
);
const notices = [...packages].sort().map((packageDir) => {
  const dir = join(root, packageDir);
  const licence = readdirSync(dir).find((file) => /^licen[cs]e/i.test(file));
  if (licence === undefined) throw new Error(`${packageDir} is bundled into the CLI but has no licence file`);
  const { name, version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return `${name}@${version}\n\n${readFileSync(join(dir, licence), 'utf8').trim()}\n`;
});
writeFileSync(join(root, 'dist', 'hologram-cli.LICENSES.txt'), `Packages bundled into hologram-cli.js\n\n${notices.join(`\n${'-'.repeat(72)}\n\n`)}`);
