import type { OutboxStoreError } from '../outbox/outbox-store-error';

/**
 * Whether the outbox can store and forget messages. `failing` after a store operation failed
 * (a full disk, an unwritable file), with that error; `ok` again after the next write that
 * works. While failing, new messages are refused (and reported), delivered messages whose
 * removal failed are remembered and not sent again, and the failed operations are retried with
 * backoff, so sending and accepting resume on their own once the cause is gone.
 */
export type OutboxHealth = { readonly kind: 'ok' } | { readonly kind: 'failing'; readonly error: OutboxStoreError };

export const OUTBOX_OK: OutboxHealth = Object.freeze({ kind: 'ok' });
