export type { OutboxStore, OutboxEntry, AppendOutcome, OutboxStoreStats } from './outbox-store';
export { MemoryOutboxStore } from './memory-outbox-store';
export { SqliteOutboxStore, type SqliteOutboxOptions } from './sqlite-outbox-store';
export { createOutboxStore, type OutboxOptions } from './create-outbox-store';
export { DEFAULT_OUTBOX_LIMITS, messageBytes, type OutboxLimits } from './outbox-limits';
export { OutboxStoreError } from './outbox-store-error';
export { OutboxLockedError } from './outbox-locked-error';
export type { OutboxRecovery } from './outbox-recovery';
