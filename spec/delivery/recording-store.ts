import { MemoryOutboxStore } from '../../lib/outbox/memory-outbox-store';

/** An outbox in memory that records how many messages each append took (one transaction each in a durable one). */
export function recordingStore(): { readonly store: MemoryOutboxStore; readonly appends: number[] } {
  const store = new MemoryOutboxStore();
  const appends: number[] = [];
  const append = store.append.bind(store);
  store.append = (messages, options) => {
    appends.push(messages.length);
    return append(messages, options);
  };
  return { store, appends };
}
