import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from '../../lib/errors';
import { OutboxStoreError } from '../../lib/outbox/outbox-store-error';

/**
 * What a user sees when the engine cannot load. `better-sqlite3` is made absent the way a missing
 * package is (its `require` fails); each case loads the store afresh, so nothing is remembered
 * from another.
 */
const directory = mkdtempSync(join(tmpdir(), 'hologram-engine-missing-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const major = Number(process.versions.node.split('.')[0]);

function freshStore(): typeof import('../../lib/outbox/sqlite-outbox-store') {
  jest.resetModules();
  jest.doMock('better-sqlite3', () => {
    throw Object.assign(new Error("Cannot find module 'better-sqlite3'"), { code: 'MODULE_NOT_FOUND' });
  });
  return require('../../lib/outbox/sqlite-outbox-store') as typeof import('../../lib/outbox/sqlite-outbox-store');
}
afterEach(() => jest.dontMock('better-sqlite3'));

describe('SqliteOutboxStore without better-sqlite3', () => {
  (major < 24 ? it : it.skip)('on Node before 24 fails with an OutboxStoreError that names the package and the way out', () => {
    const { SqliteOutboxStore } = freshStore();
    const path = join(directory, 'missing.db');
    let thrown: unknown;
    try {
      new SqliteOutboxStore({ path });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).name).toBe(OutboxStoreError.name);
    expect((thrown as Error).message).toBe(
      `The durable outbox (${path}) cannot use better-sqlite3: better-sqlite3 is not installed (Cannot find module 'better-sqlite3'); ` +
        `on Node ${process.versions.node} it needs the better-sqlite3 package: npm install better-sqlite3 (Node 24 and later need nothing: they have node:sqlite built in)`,
    );
  });

  (major >= 24 ? it : it.skip)('on Node 24 and later opens with node:sqlite and never asks for it', () => {
    const { SqliteOutboxStore } = freshStore();
    const store = new SqliteOutboxStore({ path: join(directory, 'built-in.db') });
    expect(store.engine).toBe('node:sqlite');
    store.append([{ data: 'x', topics: [] }], { acceptedAt: 1 });
    void store.close();
  });

  (major < 22 ? it : it.skip)('names the Node version when node:sqlite is asked for where Node has none', () => {
    const { SqliteOutboxStore } = freshStore();
    expect(() => new SqliteOutboxStore({ path: join(directory, 'none.db'), engine: 'node:sqlite' })).toThrow(
      new RegExp(`cannot use node:sqlite: node:sqlite is not part of Node ${process.versions.node.replace(/\./g, '\\.')} \\(Node 24 and later have it\\); use Node 24 or later, or engine better-sqlite3$`),
    );
  });

  it('rejects an unknown engine name with a typed error naming it', () => {
    const { SqliteOutboxStore } = freshStore();
    let thrown: unknown;
    try {
      new SqliteOutboxStore({ path: join(directory, 'bad.db'), engine: 'sqlite4' as never });
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Error).name).toBe(InvalidArgumentError.name);
    expect((thrown as Error).message).toBe('engine must be one of node:sqlite, better-sqlite3, got "sqlite4"');
  });
});
