/**
 * `npm run bench`: runs every benchmark script (`dist/bench/*-bench.js`) one after another, each in
 * its own process so one's heap and timers cannot skew another's figures. Every script measures its
 * own baseline in the same run and prints ratios against it.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv.slice(2);
const scripts = readdirSync(__dirname)
  .filter((file) => file.endsWith('-bench.js'))
  .filter((file) => only.length === 0 || only.some((name) => file.startsWith(name)))
  .sort();

let failed = 0;
for (const script of scripts) {
  process.stdout.write(`\n=== ${script.replace(/\.js$/, '')} ===\n`);
  // The cloud benchmark measures allocation per message in rounds with no collection: a young
  // generation large enough for a round.
  const flags = script.startsWith('cloud') ? ['--expose-gc', '--min-semi-space-size=64', '--max-semi-space-size=64'] : ['--expose-gc'];
  const run = spawnSync(process.execPath, [...flags, join(__dirname, script)], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed += 1;
    process.stdout.write(`${script} exited with ${run.status ?? run.signal}\n`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
