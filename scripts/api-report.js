#!/usr/bin/env node
// The API report: the declared surface of every public entry (each subpath in package.json
// `exports`), one file per entry under api/. The declarations come from the compiler's own
// declaration emit, done in memory from lib/ (no build needed, nothing stale), with comments and
// private members left out, so a report changes only when what a user can import changes.
//
//   node scripts/api-report.js           write api/*.api.md (npm run api:update)
//   node scripts/api-report.js --check   exit 1 with a diff when a committed report is out of date
//   (spec/public-api.spec.ts runs the same comparison)
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.join(__dirname, '..');
const REPORT_DIR = path.join(ROOT, 'api');

/** Every public entry: subpath, its source file, and its report file, read from package.json `exports`. */
function publicEntries() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const entries = [];
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    const types = typeof target === 'object' && target !== null ? target.types : undefined;
    if (typeof types !== 'string') continue; // ./package.json and other non-code entries
    const match = /^\.\/dist\/(.+)\.d\.ts$/.exec(types);
    if (!match) throw new Error(`package.json exports["${subpath}"].types is not under ./dist: ${types}`);
    const importPath = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
    entries.push({
      importPath,
      source: path.join(ROOT, `${match[1]}.ts`),
      report: path.join(REPORT_DIR, `${importPath.replace(/\//g, '-')}.api.md`),
    });
  }
  return entries;
}

function compilerOptions() {
  const configPath = path.join(ROOT, 'tsconfig.build.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  return parsed.options;
}

/** The `.d.ts` text of every file the entries reach, keyed by the `.d.ts` path the source would emit. */
function emitDeclarations(entries, options) {
  const program = ts.createProgram(
    entries.map((e) => e.source),
    { ...options, declaration: true, emitDeclarationOnly: true, noEmit: false, sourceMap: false, declarationMap: false, removeComments: true },
  );
  const files = new Map();
  const result = program.emit(undefined, (fileName, text) => files.set(path.resolve(ROOT, fileName), text), undefined, true);
  const errors = result.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    throw new Error(ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' }));
  }
  return files;
}

/** A second program over the in-memory declarations, falling back to disk for node_modules. */
function declarationProgram(dtsFiles, entryDts, options) {
  const host = ts.createCompilerHost({ ...options, noEmit: true });
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  const directories = new Set([...dtsFiles.keys()].flatMap((f) => ancestors(path.dirname(f))));
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (d) => directories.has(path.resolve(d)) || (!isOwnSource(d) && (directoryExists?.(d) ?? true));
  host.fileExists = (f) => dtsFiles.has(path.resolve(f)) || (!isOwnSource(f) && fileExists(f));
  host.readFile = (f) => dtsFiles.get(path.resolve(f)) ?? (isOwnSource(f) ? undefined : readFile(f));
  host.getSourceFile = (f, languageVersion, onError, shouldCreate) => {
    const text = dtsFiles.get(path.resolve(f));
    if (text !== undefined) return ts.createSourceFile(f, text, languageVersion, true);
    return isOwnSource(f) ? undefined : getSourceFile(f, languageVersion, onError, shouldCreate);
  };
  return ts.createProgram(entryDts, { ...options, noEmit: true, declaration: false, rootDir: undefined, outDir: undefined }, host);
}

function ancestors(dir) {
  const list = [];
  for (let d = dir; d.startsWith(ROOT); d = path.dirname(d)) list.push(d);
  return list;
}

/** A file of this package outside dist's in-memory declarations: never read, so lib/*.ts cannot leak in. */
function isOwnSource(f) {
  const rel = path.relative(ROOT, path.resolve(f));
  return !rel.startsWith('..') && !rel.startsWith('node_modules');
}

function declarationPath(source, options) {
  const rel = path.relative(options.rootDir ?? ROOT, source).replace(/\.ts$/, '.d.ts');
  return path.resolve(options.outDir ?? ROOT, rel);
}

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

function isPrivateMember(member) {
  if (member.name && ts.isPrivateIdentifier(member.name)) return true;
  const modifiers = ts.canHaveModifiers(member) ? ts.getModifiers(member) ?? [] : [];
  return modifiers.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword);
}

/** Exported with `export type { ... }`: a class or value a user can name as a type but not use as a value. */
function isTypeOnlyExport(symbol) {
  return (symbol.getDeclarations() ?? []).some((d) => ts.isExportSpecifier(d) && (d.isTypeOnly || d.parent.parent.isTypeOnly));
}

const VALUE_FLAGS = ts.SymbolFlags.Class | ts.SymbolFlags.Function | ts.SymbolFlags.Variable | ts.SymbolFlags.Enum;

/** One declaration as a user sees it: no comments, no private members, exported under `name`. */
function printDeclaration(declaration, name, typeOnly) {
  let node = declaration;
  if (ts.isClassDeclaration(node)) {
    node = ts.factory.updateClassDeclaration(
      node,
      node.modifiers,
      node.name,
      node.typeParameters,
      node.heritageClauses,
      node.members.filter((m) => !isPrivateMember(m)),
    );
  }
  if (ts.isVariableDeclaration(node)) node = node.parent.parent; // the whole `declare const x: T;`
  let text = printer.printNode(ts.EmitHint.Unspecified, node, declaration.getSourceFile());
  text = text.replace(/^(export\s+)?(default\s+)?(declare\s+)?/, '');
  const declaredName = declaration.name && ts.isIdentifier(declaration.name) ? declaration.name.text : undefined;
  const renamed = declaredName !== undefined && declaredName !== name ? `// exported as ${name}\n` : '';
  const typeOnlyNote = typeOnly ? '// type only\n' : '';
  return `${renamed}${typeOnlyNote}export ${text}`;
}

/** Types from this package that a declaration names but no entry exports: a user meets them but cannot import them. */
function collectReferences(node, checker, found) {
  const visit = (n) => {
    let target;
    if (ts.isTypeReferenceNode(n)) target = n.typeName;
    else if (ts.isExpressionWithTypeArguments(n)) target = n.expression;
    else if (ts.isTypeQueryNode(n)) target = n.exprName;
    else if (ts.isImportTypeNode(n)) target = n.qualifier;
    if (target !== undefined) {
      let symbol = checker.getSymbolAtLocation(target);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      if (symbol) found.add(symbol);
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
}

/** Exported from its own module (a file-local helper type is not something a user could import). */
function isExported(declaration) {
  return (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Export) !== 0;
}

/** The report text of every entry, keyed by report path. */
function buildReports() {
  const entries = publicEntries();
  const options = compilerOptions();
  const dtsFiles = emitDeclarations(entries, options);
  const entryDts = entries.map((e) => declarationPath(e.source, options));
  const program = declarationProgram(dtsFiles, entryDts, options);
  const checker = program.getTypeChecker();

  const surfaces = entries.map((entry, i) => {
    const file = program.getSourceFile(entryDts[i]);
    if (!file) throw new Error(`no declarations for ${entry.importPath} (${path.relative(ROOT, entry.source)})`);
    const moduleSymbol = checker.getSymbolAtLocation(file);
    const exports = moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : [];
    const items = exports.map((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const typeOnly = (target.flags & VALUE_FLAGS) !== 0 && isTypeOnlyExport(symbol);
      return { name: symbol.getName(), target, typeOnly, declarations: target.getDeclarations() ?? [] };
    });
    items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return { entry, items };
  });

  const exported = new Set(surfaces.flatMap((s) => s.items.map((item) => item.target)));
  const reports = new Map();
  for (const { entry, items } of surfaces) {
    const referenced = new Set();
    const blocks = items.map(({ name, typeOnly, declarations }) => {
      for (const d of declarations) collectReferences(d, checker, referenced);
      return declarations.map((d) => printDeclaration(d, name, typeOnly)).join('\n');
    });
    const forgotten = [...referenced]
      .filter((symbol) => !exported.has(symbol) && !(symbol.flags & ts.SymbolFlags.TypeParameter))
      .flatMap((symbol) => (symbol.getDeclarations() ?? []).slice(0, 1).filter(isExported).map((d) => ({ symbol, file: d.getSourceFile().fileName })))
      .filter(({ file }) => dtsFiles.has(path.resolve(file)))
      .map(({ symbol, file }) => `${symbol.getName()} (${path.relative(options.outDir ?? ROOT, file).replace(/\.d\.ts$/, '.ts')})`)
      .sort();
    const lines = [
      `# API report: ${entry.importPath}`,
      '',
      `Generated by \`npm run api:update\` from \`${path.relative(ROOT, entry.source)}\`; do not edit by hand.`,
      `${items.length} exported names.`,
      '',
      '```ts',
      blocks.join('\n\n'),
      '```',
      '',
    ];
    if (forgotten.length > 0) {
      lines.push('## Named in these declarations, exported by their module but by no entry', '', ...[...new Set(forgotten)].map((f) => `- ${f}`), '');
    }
    reports.set(entry.report, lines.join('\n'));
  }
  return reports;
}

/** A line diff of two texts, enough to see what changed (common prefix and suffix trimmed). */
function lineDiff(expected, actual) {
  const a = expected.split('\n');
  const b = actual.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const removed = a.slice(start, endA).map((l) => `- ${l}`);
  const added = b.slice(start, endB).map((l) => `+ ${l}`);
  return [`@@ line ${start + 1}`, ...removed, ...added].join('\n');
}

/** The committed reports: api/*.api.md, keyed by path. */
function committedReports() {
  const names = fs.existsSync(REPORT_DIR) ? fs.readdirSync(REPORT_DIR).filter((n) => n.endsWith('.api.md')) : [];
  return new Map(names.map((n) => [path.join(REPORT_DIR, n), fs.readFileSync(path.join(REPORT_DIR, n), 'utf8')]));
}

/** Differences between committed reports and the surface now, each with a diff; empty when they agree. */
function compareReports(reports = buildReports(), committed = committedReports()) {
  const problems = [];
  for (const [file, text] of reports) {
    const rel = path.relative(ROOT, file);
    const old = committed.get(file);
    if (old === undefined) problems.push(`${rel} is missing`);
    else if (old !== text) problems.push(`${rel} is out of date:\n${lineDiff(old, text)}`);
  }
  for (const file of committed.keys()) {
    if (!reports.has(file)) problems.push(`${path.relative(ROOT, file)} belongs to no entry in package.json exports`);
  }
  return problems;
}

function writeReports() {
  const reports = buildReports();
  fs.mkdirSync(path.join(ROOT, 'api'), { recursive: true });
  for (const name of fs.readdirSync(path.join(ROOT, 'api'))) {
    if (name.endsWith('.api.md') && !reports.has(path.join(ROOT, 'api', name))) fs.rmSync(path.join(ROOT, 'api', name));
  }
  for (const [file, text] of reports) fs.writeFileSync(file, text);
  return reports;
}

module.exports = { publicEntries, buildReports, committedReports, compareReports, writeReports };

if (require.main === module) {
  if (process.argv.includes('--check')) {
    const problems = compareReports();
    if (problems.length > 0) {
      console.error(`${problems.join('\n\n')}\n\nIf the change is meant, run npm run api:update and commit api/.`);
      process.exit(1);
    }
    console.log('API reports are up to date.');
  } else {
    for (const [file, text] of writeReports()) {
      const count = /^(\d+) exported names\.$/m.exec(text)?.[1];
      console.log(`${path.relative(ROOT, file)}: ${count} names`);
    }
  }
}
