import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

/**
 * The README's TypeScript blocks, compiled against the package (its entries through the
 * repository's `paths`, as a consumer imports them), so a name the README uses and the package
 * does not have (an export, a method, an option, an event) fails here.
 *
 * The blocks are excerpts, so each is completed the way a reader completes it: the package's
 * exports it uses without importing them are imported, the objects earlier sections made (a
 * `hologram`, a `modem`, ...) are declared with their types, and a `...` standing for the reader's
 * own code becomes a value of any type. Nothing else is changed: a block must type-check, with
 * `strict`, as written.
 */

const ROOT = join(__dirname, '..', '..');
const README = join(ROOT, 'README.md');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const apiReport = require('../../scripts/api-report.js') as { publicEntries(): { importPath: string; source: string }[] };

/** Every entry a consumer imports (package.json `exports`, the root first), and its source here. */
const ENTRIES: Record<string, string> = Object.fromEntries(apiReport.publicEntries().map((entry) => [entry.importPath, relative(ROOT, entry.source)]));

/** What earlier sections of the README made, by the names the blocks use for them. */
const CONTEXT: Record<string, string> = {
  hologram: `import('hologram-rx').Hologram`,
  credentials: `import('hologram-rx').Credentials`,
  modem: `import('hologram-rx').Modem`,
  emulator: `import('hologram-rx/testing').CloudEmulator`,
  simulator: `import('hologram-rx/testing').ModemSimulator`,
  reading: 'string',
  alarm: `(area: string, error: unknown) => void`,
  log: `(...args: unknown[]) => void`,
  readings$: `import('rxjs').Observable<number>`,
  toMessage: `(reading: number) => string`,
  map: `typeof import('rxjs').map`,
  fn: `(...args: any[]) => void`,
  pduHex: 'string',
  password: 'string',
};

interface Block {
  readonly line: number;
  readonly code: string;
}

function readmeBlocks(): Block[] {
  const blocks: Block[] = [];
  const lines = readFileSync(README, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    if (lines[i] !== '```ts') continue;
    const start = i + 1;
    while (i + 1 < lines.length && lines[i + 1] !== '```') i += 1;
    blocks.push({ line: start + 1, code: lines.slice(start, i + 1).join('\n') });
    i += 1;
  }
  return blocks;
}

/** `...` where code stands for the reader's own (`(x) => ...`, `subscribe(...)`), not a spread. */
const withPlaceholders = (code: string): string => code.replace(/\.\.\.(?![\w$[{(])/g, '(undefined as any)');

/** The names a block binds at its top level (imports and declarations). */
function boundNames(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const bind = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name) names.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) names.add(element.name.text);
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) bind(declaration.name);
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
      names.add(statement.name.text);
    }
  }
  return names;
}

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  // Each block is an ES module (`.mts`, top-level await), resolved as Node resolves it.
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2022.d.ts'],
  types: ['node'],
  skipLibCheck: true,
  baseUrl: ROOT,
  paths: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, [file]])),
};

/** Each entry's exported names (the first entry that exports a name is where a block imports it from). */
function entryExports(): Map<string, string> {
  const program = ts.createProgram(
    Object.values(ENTRIES).map((file) => join(ROOT, file)),
    OPTIONS,
  );
  const checker = program.getTypeChecker();
  const from = new Map<string, string>();
  for (const [entry, file] of Object.entries(ENTRIES)) {
    const source = program.getSourceFile(join(ROOT, file));
    const symbol = source === undefined ? undefined : checker.getSymbolAtLocation(source);
    if (symbol === undefined) throw new Error(`${file} is not a module`);
    for (const exported of checker.getExportsOfModule(symbol)) if (!from.has(exported.name)) from.set(exported.name, entry);
  }
  return from;
}

/** A block completed as the module comment describes, as a file of its own. */
function completed(block: Block, exports: ReadonlyMap<string, string>): string {
  const code = withPlaceholders(block.code);
  const bound = boundNames(ts.createSourceFile('block.ts', code, ts.ScriptTarget.ES2022));
  const used = new Set(code.match(/[A-Za-z_$][\w$]*/g) ?? []);
  const imports = new Map<string, string[]>();
  for (const name of used) {
    const entry = exports.get(name);
    if (entry === undefined || bound.has(name)) continue;
    imports.set(entry, [...(imports.get(entry) ?? []), name]);
  }
  const header = [
    ...[...imports].map(([entry, names]) => `import { ${names.join(', ')} } from '${entry}';`),
    ...Object.entries(CONTEXT)
      .filter(([name]) => used.has(name) && !bound.has(name) && !exports.has(name))
      .map(([name, type]) => `declare const ${name}: ${type};`),
  ];
  // One line of header, so the block's line numbers are the README's less a fixed offset.
  return `${header.join(' ')}\n${code}\nexport {};\n`;
}

describe("the README's TypeScript blocks", () => {
  it('compile against the package with strict, each name they use existing', () => {
    const blocks = readmeBlocks();
    expect(blocks.length).toBeGreaterThan(10);
    const exports = entryExports();
    const files = new Map(blocks.map((block) => [join(ROOT, 'readme-blocks', `line-${block.line}.mts`), { block, text: completed(block, exports) }]));
    const host = ts.createCompilerHost(OPTIONS);
    const { fileExists, readFile, getSourceFile } = host;
    host.fileExists = (file) => files.has(file) || fileExists(file);
    host.readFile = (file) => files.get(file)?.text ?? readFile(file);
    host.getSourceFile = (file, language, ...rest) => {
      const virtual = files.get(file);
      return virtual === undefined ? getSourceFile(file, language, ...rest) : ts.createSourceFile(file, virtual.text, language);
    };
    const program = ts.createProgram([...files.keys()], OPTIONS, host);
    // The blocks' own diagnostics: the library's are the repository's typecheck's.
    const diagnostics = [...files.keys()].flatMap((file) => {
      const source = program.getSourceFile(file);
      return source === undefined ? [] : [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    });
    const problems = [...program.getOptionsDiagnostics(), ...diagnostics].map((diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      const virtual = diagnostic.file === undefined ? undefined : files.get(diagnostic.file.fileName);
      if (virtual === undefined || diagnostic.start === undefined) return message;
      const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start);
      // Line 0 is the header; line 1 is the block's first line.
      return `README.md:${virtual.block.line + line - 1}: ${message}`;
    });
    expect(problems).toEqual([]);
  }, 120_000);
});
