import type { DeliveryWaiter } from '../../lib/delivery/delivery-waiter';
import { Waiters } from '../../lib/delivery/waiters';

const waiter = (name: string): DeliveryWaiter & { name: string } => ({ name, delivered: () => undefined, failed: () => undefined, gaveUp: () => undefined });

describe('Waiters', () => {
  it('keeps one waiter or many by id, whichever place each went to', () => {
    const waiters = new Waiters();
    const [a, b, c] = [waiter('a'), waiter('b'), waiter('c')];
    waiters.set(1, a);
    waiters.set(2, b);
    waiters.set(3, c);
    expect([waiters.get(1), waiters.get(2), waiters.get(3), waiters.get(4)]).toEqual([a, b, c, undefined]);
    expect(waiters.take(1)).toBe(a);
    expect(waiters.take(1)).toBeUndefined();
    waiters.set(4, a); // the slot is free again
    expect(waiters.take(3)).toBe(c);
    expect(waiters.get(4)).toBe(a);
    expect(waiters.get(2)).toBe(b);
  });

  it('a second waiter for the same id replaces the first', () => {
    const waiters = new Waiters();
    waiters.set(5, waiter('first'));
    const second = waiter('second');
    waiters.set(5, second);
    expect(waiters.take(5)).toBe(second);
    expect(waiters.get(5)).toBeUndefined();
  });

  it('takeAll gives every waiter oldest first and keeps none', () => {
    const waiters = new Waiters();
    const [a, b, c] = [waiter('a'), waiter('b'), waiter('c')];
    waiters.set(7, b);
    waiters.set(3, a);
    waiters.set(9, c);
    expect(waiters.takeAll()).toEqual([
      [3, a],
      [7, b],
      [9, c],
    ]);
    expect(waiters.takeAll()).toEqual([]);
    expect(waiters.get(7)).toBeUndefined();
  });
});
