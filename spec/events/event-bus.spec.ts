import { firstValueFrom, toArray } from 'rxjs';
import { InvalidArgumentError } from '../../lib/errors';
import { EventBus } from '../../lib/events/event-bus';

interface Events {
  ping: number;
  pong: string;
  bare: void;
}

describe('EventBus', () => {
  const make = () => new EventBus<Events>(['ping', 'pong', 'bare']);

  it('delivers broadcasts to callbacks and Observables of that name only', async () => {
    const bus = make();
    const pings: number[] = [];
    bus.subscribe('ping', (value) => pings.push(value));
    const pongs = firstValueFrom(bus.on$('pong'));
    bus.broadcast('ping', 1);
    bus.broadcast('pong', 'a');
    bus.broadcast('ping', 2);
    expect(pings).toEqual([1, 2]);
    expect(await pongs).toBe('a');
  });

  it('broadcasts without a payload', () => {
    const bus = make();
    const calls: unknown[] = [];
    bus.subscribe('bare', (payload) => calls.push(payload));
    bus.broadcast('bare');
    expect(calls).toEqual([undefined]);
  });

  it('unsubscribes a callback by name and function, or through its Subscription', () => {
    const bus = make();
    const seen: string[] = [];
    const first = (value: number) => seen.push(`first ${value}`);
    const second = (value: number) => seen.push(`second ${value}`);
    bus.subscribe('ping', first);
    const subscription = bus.subscribe('ping', second);
    bus.broadcast('ping', 1);
    bus.unsubscribe('ping', first);
    bus.broadcast('ping', 2);
    subscription.unsubscribe();
    bus.broadcast('ping', 3);
    bus.unsubscribe('ping', first);
    expect(seen).toEqual(['first 1', 'second 1', 'second 2']);
  });

  it('isolates a throwing callback from the others and from the broadcaster', () => {
    const bus = make();
    const seen: number[] = [];
    bus.subscribe('ping', () => {
      throw new Error('bug');
    });
    bus.subscribe('ping', (value) => seen.push(value));
    expect(() => bus.broadcast('ping', 1)).not.toThrow();
    bus.broadcast('ping', 2);
    expect(seen).toEqual([1, 2]);
  });

  it('refuses unknown names and non-function callbacks with clear errors', () => {
    const bus = make();
    expect(() => bus.subscribe('nope' as 'ping', () => undefined)).toThrow(/unknown event "nope": use one of ping, pong, bare/);
    expect(() => bus.broadcast('nope' as 'ping', 1)).toThrow(InvalidArgumentError);
    expect(() => bus.subscribe('ping', 'x' as never)).toThrow(/must be a function/);
  });

  it('keeps instances apart', () => {
    const one = make();
    const two = make();
    const seen: number[] = [];
    two.subscribe('ping', (value) => seen.push(value));
    one.broadcast('ping', 1);
    expect(seen).toEqual([]);
  });

  it('completes every stream on close', async () => {
    const bus = make();
    const all = firstValueFrom(bus.on$('ping').pipe(toArray()));
    bus.broadcast('ping', 1);
    bus.close();
    expect(await all).toEqual([1]);
    expect(await firstValueFrom(bus.on$('pong').pipe(toArray()))).toEqual([]);
  });

  it('says with listened() whether anything listens to a name right now', () => {
    const bus = make();
    expect(bus.listened('ping')).toBe(false);
    const callback = (): void => undefined;
    bus.subscribe('ping', callback);
    expect([bus.listened('ping'), bus.listened('pong')]).toEqual([true, false]);
    bus.unsubscribe('ping', callback);
    const observer = bus.on$('ping').subscribe();
    expect(bus.listened('ping')).toBe(true);
    observer.unsubscribe();
    expect(bus.listened('ping')).toBe(false);
    expect(() => bus.listened('nope' as 'ping')).toThrow(InvalidArgumentError);
    bus.close();
    expect(bus.listened('ping')).toBe(false);
  });

  it('says on listened$ whether a callback or an on$() observer listens to a name, and completes on close', () => {
    const bus = make();
    const seen: boolean[] = [];
    let completed = false;
    bus.listened$('ping').subscribe({ next: (listened) => seen.push(listened), complete: () => (completed = true) });
    const callback = (): void => undefined;
    bus.subscribe('ping', callback);
    bus.subscribe('ping', callback);
    const observer = bus.on$('ping').subscribe();
    bus.subscribe('pong', () => undefined);
    expect(seen).toEqual([false, true]);
    bus.unsubscribe('ping', callback);
    expect(seen).toEqual([false, true]);
    observer.unsubscribe();
    expect(seen).toEqual([false, true, false]);
    const again = bus.subscribe('ping', () => undefined);
    again.unsubscribe();
    expect(seen).toEqual([false, true, false, true, false]);
    expect(() => bus.listened$('nope' as 'ping')).toThrow(InvalidArgumentError);
    bus.close();
    expect(completed).toBe(true);
    let lateCompleted = false;
    bus.listened$('pong').subscribe({ complete: () => (lateCompleted = true) });
    expect(lateCompleted).toBe(true);
  });

  it('counts a listener in place before announcing it, so a source started by listened$ reaches it', () => {
    const bus = make();
    const got: number[] = [];
    bus.listened$('ping').subscribe((listened) => {
      if (listened) bus.broadcast('ping', 7);
    });
    bus.subscribe('ping', (value) => got.push(value));
    expect(got).toEqual([7]);
  });
});
