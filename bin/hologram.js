#!/usr/bin/env node
'use strict';
/*
 * Runs the CLI bundle (`dist/hologram-cli.js`, made by `npm run build`, see scripts/bundle-cli.mjs).
 *
 * Start-up is measured (bench/startup-bench.ts): most of what is left after bundling is V8
 * compiling the bundle, so it is compiled with a code cache, as Node 22's `module.enableCompileCache()`
 * does, but on every supported Node. The cache lives in `$XDG_CACHE_HOME/hologram-rx` (default
 * `~/.cache/hologram-rx`), in a directory only this user can write; its file name holds the
 * bundle's content hash (first line of the bundle) and the Node version and architecture, so a
 * cache made for another build or another V8 is never used, and V8 itself rejects one that does
 * not fit. One cache per command (`send`, `modem`, ...), written after that command's first run,
 * holds the functions that command compiled. `NODE_DISABLE_COMPILE_CACHE=1` turns it off. Any
 * failure to read or write it only costs the start-up time it would save.
 */
const { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } = require('node:fs');
const Module = require('node:module');
const { homedir } = require('node:os');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const BUNDLE = join(__dirname, '..', 'dist', 'hologram-cli.js');

/** The private cache directory, or undefined when there is none to use. */
function cacheDirectory() {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  try {
    const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
    const dir = join(base, 'hologram-rx');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = statSync(dir);
    // Code from a cache file runs as this user: only a directory nobody else can write will do.
    if (typeof process.getuid === 'function' && (stat.uid !== process.getuid() || (stat.mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/** Writes the cache atomically (temporary file, then rename) and removes caches of other builds. */
function writeCache(dir, build, file, data) {
  try {
    const temporary = `${file}.${process.pid}.tmp`;
    const fd = openSync(temporary, 'w', 0o600);
    try {
      writeSync(fd, data);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
    for (const name of readdirSync(dir)) if (name.startsWith('cli-') && name.endsWith('.v8') && !name.startsWith(build)) unlinkSync(join(dir, name));
  } catch {
    // Read-only or full disk: the next run compiles again.
  }
}

function loadBundle() {
  const source = readFileSync(BUNDLE, 'utf8');
  const hash = /^\/\/ hologram-cli ([0-9a-f]+)/.exec(source);
  const dir = hash === null ? undefined : cacheDirectory();
  const build = hash === null ? '' : `cli-${hash[1]}-${process.version}-${process.arch}-`;
  const command = /^[a-z]+$/.test(process.argv[2] ?? '') ? process.argv[2] : 'other';
  const file = dir === undefined ? undefined : join(dir, `${build}${command}.v8`);
  let cachedData;
  if (file !== undefined) {
    try {
      cachedData = readFileSync(file);
    } catch {
      // Not written yet.
    }
  }
  const script = new Script(Module.wrap(source), { filename: BUNDLE, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  const needsCache = file !== undefined && (cachedData === undefined || script.cachedDataRejected === true);
  // After the run, so the functions it compiled are in the cache too.
  return { main: module.exports.main, saveCache: needsCache ? () => writeCache(dir, build, file, script.createCachedData()) : () => {} };
}

const { main, saveCache } = loadBundle();
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    saveCache();
  },
  (error) => {
    process.stderr.write(`hologram: ${error && error.message ? error.message : error}\n`);
    process.exitCode = 1;
  },
);
