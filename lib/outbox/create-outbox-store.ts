import { MemoryOutboxStore } from './memory-outbox-store';
import type { OutboxLimits } from './outbox-limits';
import type { OutboxStore } from './outbox-store';
import { SqliteOutboxStore } from './sqlite-outbox-store';

/** The `outbox` option of the SDK: limits, plus `path` for a durable outbox. */
export interface OutboxOptions extends OutboxLimits {
  /** A SQLite file: messages survive restarts and power cuts. Without it they live in memory. */
  readonly path?: string;
}

/** A `SqliteOutboxStore` when a `path` is given, else a `MemoryOutboxStore`. */
export function createOutboxStore(options: OutboxOptions = {}): OutboxStore {
  const { path, ...limits } = options;
  return path === undefined ? new MemoryOutboxStore(limits) : new SqliteOutboxStore({ path, ...limits });
}
