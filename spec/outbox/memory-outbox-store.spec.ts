import { MemoryOutboxStore } from '../../lib/outbox/memory-outbox-store';
import { outboxStoreContract } from './outbox-store.contract';

outboxStoreContract('MemoryOutboxStore', (limits) => new MemoryOutboxStore(limits));

describe('MemoryOutboxStore', () => {
  it('is not changed by later changes to the message a caller handed in', () => {
    const store = new MemoryOutboxStore();
    const topics = ['a'];
    store.append([{ data: 'x', topics }], { acceptedAt: 0 });
    topics.push('b');
    expect(store.pending(1)[0].message.topics).toEqual(['a']);
  });
});
