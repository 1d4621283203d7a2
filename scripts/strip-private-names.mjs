/**
 * Removes the `#private;` marker that tsc writes into the declaration of every class with ES
 * private fields (`dist/lib/**\/*.d.ts`). The marker only makes such a class nominal, but a
 * consumer whose compiler targets ES5 (plain `tsc`, TypeScript's default target) cannot read it
 * (TS18028), so the package's own types would fail to compile in that project. Without it the
 * classes compare structurally like any other; nothing else in the declarations changes.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'lib');
let changed = 0;
for (const entry of readdirSync(root, { recursive: true })) {
  if (!entry.endsWith('.d.ts')) continue;
  const file = join(root, entry);
  const text = readFileSync(file, 'utf8');
  const stripped = text.replace(/^[ \t]*#private;\r?\n/gm, '');
  if (/^[ \t]*#\w/m.test(stripped)) throw new Error(`${file}: an ES private name is left in the declarations`);
  if (stripped !== text) {
    writeFileSync(file, stripped);
    changed += 1;
  }
}
process.stdout.write(`declarations: removed #private from ${changed} file(s)\n`);
