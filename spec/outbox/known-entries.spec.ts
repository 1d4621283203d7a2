import { KnownEntries } from '../../lib/outbox/known-entries';
import type { OutboxEntry } from '../../lib/outbox/outbox-store';

const entry = (id: number): OutboxEntry => ({ id, message: { data: `m${id}`, topics: [] }, bytes: 2, acceptedAt: id * 10 });
const ids = (entries: readonly OutboxEntry[] | undefined): number[] | undefined => entries?.map((each) => each.id);

describe('KnownEntries', () => {
  it('knows an outbox opened empty, oldest first, as commits add and remove', () => {
    const known = new KnownEntries(10, 0);
    expect(ids(known.oldest(5))).toEqual([]);
    known.appended([entry(1), entry(2), null, entry(3)], [], 3);
    expect(ids(known.oldest(2))).toEqual([1, 2]);
    expect(ids(known.oldest(0))).toEqual([]);
    known.removed([2], 2);
    expect(ids(known.oldest(5))).toEqual([1, 3]);
  });

  it('follows evictions made by a commit', () => {
    const known = new KnownEntries(10, 0);
    known.appended([entry(1), entry(2)], [], 2);
    known.appended([entry(3)], [entry(1)], 2);
    expect(ids(known.oldest(5))).toEqual([2, 3]);
    // A batch that evicts its own first message.
    known.appended([entry(4), entry(5)], [entry(2), entry(4)], 2);
    expect(ids(known.oldest(5))).toEqual([3, 5]);
  });

  it('does not know an outbox opened with entries, until it is empty', () => {
    const known = new KnownEntries(10, 4);
    expect(known.oldest(1)).toBeUndefined();
    known.appended([entry(5)], [], 5);
    expect(known.oldest(1)).toBeUndefined();
    known.removed([1, 2, 3], 2);
    expect(known.oldest(1)).toBeUndefined();
    known.removed([4, 5], 0);
    expect(ids(known.oldest(1))).toEqual([]);
    known.appended([entry(6)], [], 1);
    expect(ids(known.oldest(3))).toEqual([6]);
  });

  it('lets go past its capacity, and knows again once the outbox is empty', () => {
    const known = new KnownEntries(3, 0);
    known.appended([entry(1), entry(2), entry(3)], [], 3);
    expect(ids(known.oldest(5))).toEqual([1, 2, 3]);
    known.appended([entry(4)], [], 4);
    expect(known.oldest(5)).toBeUndefined();
    known.removed([1, 2, 3], 1);
    expect(known.oldest(5)).toBeUndefined();
    known.removed([4], 0);
    expect(ids(known.oldest(5))).toEqual([]);
  });
});
