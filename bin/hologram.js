#!/usr/bin/env node
'use strict';
/*
 * Runs the CLI bundle (`dist/hologram-cli.js`, made by `npm run build`, see scripts/bundle-cli.mjs).
 *
 * Start-up is measured (bench/startup-bench.ts): most of what is left after bundling is V8
 * compiling the bundle, so it is compiled with a code cache, as Node 22's `module.enableCompileCache()`
 * does, but on every supported Node. The cache lives in `$XDG_CACHE_HOME/hologram-rx` (default
 * `~/.cache/hologram-rx`), in a directory only this user can write, in ONE file: its name holds the
 * bundle's content hash (first line of the bundle), the Node version and the architecture, so a
 * cache made for another build or another V8 is never used (and is removed when this one is
 * written), and V8 itself rejects one that does not fit. Each command's first run adds the
 * functions it compiled to that file: its header lists the commands it covers, names the bundle
 * knows (`COMMAND_NAMES`), or `other` for anything else, never a word from the command line. The
 * cache therefore grows to what the commands in use compile, and then is only read.
 * `NODE_DISABLE_COMPILE_CACHE=1` turns it off. Any failure to read or write it only costs the
 * start-up time it would save.
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

/**
 * The cache file: a header line `hologram-cli-cache <commands,...>`, padded with spaces to a
 * multiple of 8 bytes (so the V8 data after it stays aligned), then V8's cached data.
 */
const HEADER = /^hologram-cli-cache ([a-z,]*) *$/;

/** The commands a cache covers and its V8 data, or undefined for a missing or foreign file. */
function readCache(file) {
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined; // Not written yet.
  }
  const end = bytes.indexOf(10);
  const header = end < 0 ? null : HEADER.exec(bytes.toString('latin1', 0, end));
  if (header === null) return undefined;
  return { covered: header[1] === '' ? [] : header[1].split(','), data: bytes.subarray(end + 1) };
}

/** Writes the cache atomically (temporary file, then rename) and removes every other cache file. */
function writeCache(dir, file, covered, data) {
  try {
    const header = `hologram-cli-cache ${covered.join(',')}`;
    const padded = `${header.padEnd(Math.ceil((header.length + 1) / 8) * 8 - 1)}\n`;
    const temporary = `${file}.${process.pid}.tmp`;
    const fd = openSync(temporary, 'w', 0o600);
    try {
      writeSync(fd, padded);
      writeSync(fd, data);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
    for (const name of readdirSync(dir)) if (name.startsWith('cli-') && name.endsWith('.v8') && join(dir, name) !== file) unlinkSync(join(dir, name));
  } catch {
    // Read-only or full disk: the next run compiles again.
  }
}

function loadBundle() {
  const source = readFileSync(BUNDLE, 'utf8');
  const hash = /^\/\/ hologram-cli ([0-9a-f]+)/.exec(source);
  const dir = hash === null ? undefined : cacheDirectory();
  const file = dir === undefined ? undefined : join(dir, `cli-${hash[1]}-${process.version}-${process.arch}.v8`);
  const cache = file === undefined ? undefined : readCache(file);
  const script = new Script(Module.wrap(source), { filename: BUNDLE, cachedData: cache?.data });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  const { main, COMMAND_NAMES: names = [] } = module.exports;
  const word = process.argv[2];
  const command = names.includes(word) && /^[a-z]+$/.test(word) ? word : 'other';
  const fresh = cache === undefined || script.cachedDataRejected === true;
  const covered = fresh ? [] : cache.covered;
  const needsCache = file !== undefined && !covered.includes(command);
  // After the run, so the functions it compiled are in the cache too (with those read from it).
  return { main, saveCache: needsCache ? () => writeCache(dir, file, [...covered, command], script.createCachedData()) : () => {} };
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
