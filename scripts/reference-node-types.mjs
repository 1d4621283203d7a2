/**
 * Puts `/// <reference types="node" />` at the top of each declaration file a consumer's compiler
 * starts from (the `types` of every entry in package.json's `exports`, and `types`). The
 * declarations name Node's types (`Buffer`, `NodeJS.Timeout`, `node:stream`), which TypeScript 5
 * found because it loads every `@types/*` package by default; TypeScript 7 loads none unless the
 * project asks (`types: []` is its default), so without the reference a consumer's `tsc` fails
 * inside this package. tsc itself no longer writes such a reference into declarations it emits.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const REFERENCE = '/// <reference types="node" />\n';

const entries = new Set([manifest.types, ...Object.values(manifest.exports).map((target) => target.types)].filter((file) => file !== undefined));
for (const entry of entries) {
  const file = join(root, entry);
  const text = readFileSync(file, 'utf8');
  if (!text.startsWith(REFERENCE)) writeFileSync(file, REFERENCE + text);
}
process.stdout.write(`declarations: referenced Node's types from ${entries.size} entry file(s)\n`);
