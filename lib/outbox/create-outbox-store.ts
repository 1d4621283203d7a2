import { InvalidArgumentError } from '../errors';
import { checkOptions, type OptionKeys } from '../options/check-options';
import { describeValue } from '../options/describe-value';
import { MemoryOutboxStore } from './memory-outbox-store';
import type { OutboxLimits } from './outbox-limits';
import type { OutboxSpaceOptions } from './outbox-space';
import type { OutboxStore } from './outbox-store';
import type { SqliteOutboxStore } from './sqlite-outbox-store';

/** The `outbox` option of the SDK: limits, plus `path` (and the room it keeps free) for a durable outbox. */
export interface OutboxOptions extends OutboxLimits, OutboxSpaceOptions {
  /** A SQLite file: messages survive restarts and power cuts. Without it they live in memory. */
  readonly path?: string;
}

const OUTBOX_OPTION_KEYS: OptionKeys<OutboxOptions> = { path: true, maxMessages: true, maxBytes: true, overflow: true, minFreeBytes: true, reserveBytes: true };

/**
 * Checks the `outbox` option's shape (an object of known keys: `{ pth }` is not silently in
 * memory) and its `path`; the stores check the limits.
 */
export function checkOutboxOptions(options: OutboxOptions | undefined): OutboxOptions {
  const checked = checkOptions('outbox', options, OUTBOX_OPTION_KEYS);
  if (checked.path !== undefined && (typeof checked.path !== 'string' || checked.path.trim() === '' || checked.path.includes('\0'))) {
    throw new InvalidArgumentError('path', `outbox path must be a file path such as /var/lib/app/outbox.db, got ${describeValue(checked.path)}`);
  }
  return checked;
}

/**
 * A `SqliteOutboxStore` when a `path` is given, else a `MemoryOutboxStore`. The SQLite store's
 * module is loaded only then, so memory users (and `hologram send`'s start-up) never pay for it.
 */
export function createOutboxStore(options?: OutboxOptions): OutboxStore {
  const { path, minFreeBytes, reserveBytes, ...limits } = checkOutboxOptions(options);
  if (path === undefined) return new MemoryOutboxStore(limits);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sqlite = require('./sqlite-outbox-store') as { SqliteOutboxStore: typeof SqliteOutboxStore };
  return new sqlite.SqliteOutboxStore({ path, minFreeBytes, reserveBytes, ...limits });
}
