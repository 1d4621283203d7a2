// hologram-rx/outbox: the outbox stores and the pipeline that drains one, for people who write a
// store of their own or deliver through their own sender. Every name is listed on purpose;
// api/hologram-rx-outbox.api.md records them.

export type { OutboxStore, OutboxEntry, AppendOutcome, OutboxStoreStats, KeptIds } from '../outbox/outbox-store';
export { MemoryOutboxStore } from '../outbox/memory-outbox-store';
export { SqliteOutboxStore, type SqliteOutboxOptions } from '../outbox/sqlite-outbox-store';
export type { SqliteEngineName } from '../outbox/sqlite-engine';
export type { OutboxSpaceOptions } from '../outbox/outbox-space';
export { createOutboxStore } from '../outbox/create-outbox-store';
export { DEFAULT_OUTBOX_LIMITS, messageBytes, type OutboxLimits, type ResolvedOutboxLimits } from '../outbox/outbox-limits';
export type { OutboxRecovery } from '../outbox/outbox-recovery';
export { DeliveryPipeline, type DeliveryPipelineOptions, type SubmitOptions } from '../delivery/delivery-pipeline';
export type { DeliveryEvent, DeliveryResult } from '../delivery/delivery-event';
// What a sender of your own answers with: the cloud's result codes.
export { RESULT_CODES, ERR_UNKNOWN, type ResultCode, type ResultCodeKind } from '../cloud/result-codes';
