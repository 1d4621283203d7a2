import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The API report script (plain Node, so `npm run api:update` needs no build). */
interface ApiReport {
  publicEntries(): { importPath: string; source: string; report: string }[];
  buildReports(): Map<string, string>;
  committedReports(): Map<string, string>;
  compareReports(reports?: Map<string, string>, committed?: Map<string, string>): string[];
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const apiReport = require('../scripts/api-report.js') as ApiReport;

const ROOT = join(__dirname, '..');

/** The values a report lists: its `export class|function|const ... <Name>` lines not marked `// type only`. */
function reportedValues(report: string): string[] {
  const names = [...report.matchAll(/^(?<!\/\/ type only\n)export (?:abstract )?(?:class|function|const|let|enum) ([A-Za-z_$][\w$]*)/gm)];
  return [...new Set(names.map((m) => m[1]))].sort();
}

/** Every name a report lists, values and types. */
function reportedNames(report: string): string[] {
  return [...new Set([...report.matchAll(/^export (?:abstract )?(?:class|function|const|let|enum|interface|type) ([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]))];
}

describe('public API', () => {
  let reports: Map<string, string>;

  beforeAll(() => {
    reports = apiReport.buildReports();
  }, 60_000);

  it('matches the committed report of every entry (npm run api:update after a deliberate change)', () => {
    const problems = apiReport.compareReports(reports, apiReport.committedReports());
    if (problems.length > 0) throw new Error(`The public API changed:\n\n${problems.join('\n\n')}\n\nIf this is meant, run npm run api:update and commit api/.`);
  });

  it('reports a changed, missing or orphaned report with what differs', () => {
    const [first, second] = [...reports.keys()];
    const committed = new Map(reports);
    committed.set(first, reports.get(first)!.replace(/^export class Hologram \{$/m, 'export class Hologram {\n    extra(): void;'));
    committed.delete(second);
    committed.set(join(ROOT, 'api', 'gone.api.md'), '');

    const problems = apiReport.compareReports(reports, committed);

    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^api\/hologram-rx\.api\.md is out of date:\n@@ line \d+\n- {5}extra\(\): void;$/);
    expect(problems[1]).toBe(`${second.slice(ROOT.length + 1)} is missing`);
    expect(problems[2]).toBe('api/gone.api.md belongs to no entry in package.json exports');
  });

  it('has one report per package.json export, and every name a user meets is importable from some entry', () => {
    const entries = apiReport.publicEntries();
    expect(entries.map((e) => e.importPath).sort()).toEqual(
      [
        'hologram-rx',
        'hologram-rx/inbound',
        'hologram-rx/modem',
        'hologram-rx/network',
        'hologram-rx/operators',
        'hologram-rx/outbox',
        'hologram-rx/rest',
        'hologram-rx/sms',
        'hologram-rx/testing',
      ].sort(),
    );
    // Listed by the report under "exported by their module but by no entry": add each to the entry it belongs in.
    const unexported = entries.flatMap((entry) => {
      const section = reports.get(entry.report)!.split(/^## .*by no entry$/m)[1] ?? '';
      return [...section.matchAll(/^- (.+)$/gm)].map((m) => `${entry.importPath}: ${m[1]}`);
    });
    expect(unexported).toEqual([]);
  });

  it.each(apiReport.publicEntries().map((entry) => [entry.importPath, entry.source]))('%s exports at run time exactly the values its report lists', (importPath, source) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const runtime = Object.keys(require(source) as object).sort();
    const report = reports.get(join(ROOT, 'api', `${importPath.replace(/\//g, '-')}.api.md`))!;
    expect(runtime.length).toBeGreaterThan(0);
    expect(runtime).toEqual(reportedValues(report));
  });

  it('keeps the root entry to what an application reads in one sitting, each of its names at home there alone', () => {
    const root = join(ROOT, 'api', 'hologram-rx.api.md');
    const names = new Set(reportedNames(reports.get(root)!));
    expect(names.size).toBeLessThanOrEqual(80); // a layer's own names go to its entry (README, "API surface")
    const repeated = [...reports]
      .filter(([file]) => file !== root)
      .flatMap(([file, report]) => reportedNames(report).filter((name) => names.has(name)).map((name) => `${file.slice(ROOT.length + 1)}: ${name}`));
    expect(repeated).toEqual([]);
  });

  it('registers the cellular network from the root entry alone', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('../lib/index');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { networkNames } = require('../lib/network/create-network') as typeof import('../lib/network/create-network');
    expect(networkNames()).toContain('cellular');
  });

  it('examples import the SDK only through its public entries', () => {
    const entries = new Set(apiReport.publicEntries().map((e) => e.importPath));
    const dir = join(ROOT, 'examples');
    const offending: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      for (const [, specifier] of readFileSync(join(dir, file), 'utf8').matchAll(/\bfrom '([^']+)'/g)) {
        const allowed = entries.has(specifier) || specifier.startsWith('./') || specifier.startsWith('node:') || specifier === 'rxjs';
        if (!allowed) offending.push(`${file}: ${specifier}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
