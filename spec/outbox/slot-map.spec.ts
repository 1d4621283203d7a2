import { SlotMap } from '../../lib/outbox/slot-map';

describe('SlotMap', () => {
  it('behaves as a Map by id: get, has, size, replace, delete, clear', () => {
    const map = new SlotMap<string>();
    expect([map.size, map.get(1), map.has(1), map.find()]).toEqual([0, undefined, false, undefined]);
    map.set(1, 'a');
    map.set(2, 'b');
    map.set(3, 'c');
    map.set(2, 'B');
    expect([map.size, map.get(1), map.get(2), map.get(3), map.has(3), map.has(4)]).toEqual([3, 'a', 'B', 'c', true, false]);
    expect(map.delete(1)).toBe(true);
    expect(map.delete(1)).toBe(false);
    expect([map.size, map.get(1), map.has(1)]).toEqual([2, undefined, false]);
    map.clear();
    expect([map.size, map.values(), map.keys()]).toEqual([0, [], []]);
  });

  it('iterates in insertion order whichever entry went to the slot, also after the slot empties', () => {
    const map = new SlotMap<string>();
    map.set(1, 'a'); // the slot (everything was empty)
    map.set(2, 'b');
    map.set(3, 'c');
    expect(map.values()).toEqual(['a', 'b', 'c']);
    map.delete(1);
    map.set(4, 'd'); // not the slot: older entries are waiting
    expect(map.values()).toEqual(['b', 'c', 'd']);
    expect(map.keys()).toEqual([2, 3, 4]);
    map.delete(2);
    map.delete(3);
    map.delete(4);
    map.set(5, 'e'); // empty again: the slot
    map.set(6, 'f');
    expect(map.values()).toEqual(['e', 'f']);
    map.set(5, 'E'); // replaced in place, keeps its place
    expect(map.values()).toEqual(['E', 'f']);
  });

  it('values(limit) gives the oldest; find gives the oldest that matches', () => {
    const map = new SlotMap<number>();
    for (const id of [10, 11, 12, 13]) map.set(id, id * 10);
    expect(map.values(2)).toEqual([100, 110]);
    expect(map.values(0)).toEqual([]);
    expect(map.values(1)).toEqual([100]);
    expect(map.find()).toBe(100);
    expect(map.find((value) => value > 105)).toBe(110);
    expect(map.find((value) => value > 1000)).toBeUndefined();
  });
});
