import { Subject } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { InvalidArgumentError } from '../../lib/errors';
import { boundedHold, type HoldDropReason } from '../../lib/operators/bounded-hold';
import { OutboxOverflowError } from '../../lib/operators/outbox-overflow-error';

const connectedValues = { t: true, f: false };

describe('boundedHold', () => {
  let scheduler: TestScheduler;
  let drops: Array<[string, HoldDropReason, number]>;
  const onDrop = (value: string, reason: HoldDropReason) => drops.push([value, reason, scheduler.now()]);
  beforeEach(() => {
    drops = [];
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('drops the oldest held value when full (doc diagram)', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const connected$ = hot('f-------t------|', connectedValues);
      const source = hot('    -a-b-c------d-|');
      const expected = '      --------(bc)d-|';
      expectObservable(source.pipe(boundedHold(connected$, { maxMessages: 2, overflow: 'drop-oldest', onDrop }))).toBe(expected);
    });
    expect(drops).toEqual([['a', 'drop-oldest', 5]]);
  });

  it('maxMessages 1, drop-newest: one held signal stands for many (how the delivery pipeline holds its wake-ups)', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const connected$ = hot('t--f-----t--f--t', connectedValues);
      const wake$ = hot('     w----www-----w---');
      expectObservable(wake$.pipe(boundedHold(connected$, { maxMessages: 1, overflow: 'drop-newest', onDrop }))).toBe('w--------w-----w');
    });
    expect(drops.map(([, reason, at]) => [reason, at])).toEqual([
      ['drop-newest', 6],
      ['drop-newest', 7],
    ]);
  });

  it('drops the newcomer with drop-newest', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const connected$ = hot('f-------t------|', connectedValues);
      const source = hot('    -a-b-c------d-|');
      expectObservable(source.pipe(boundedHold(connected$, { maxMessages: 2, overflow: 'drop-newest', onDrop }))).toBe('--------(ab)d-|');
    });
    expect(drops).toEqual([['c', 'drop-newest', 5]]);
  });

  it('errors with an OutboxOverflowError naming the limit, reporting the refused and held values', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const connected$ = hot('f-------t', connectedValues);
      const source = hot('    -a-b-c---');
      expectObservable(source.pipe(boundedHold(connected$, { maxMessages: 2, overflow: 'error', onDrop }))).toBe(
        '-----#',
        undefined,
        new OutboxOverflowError('maxMessages', 2),
      );
    });
    expect(drops).toEqual([
      ['c', 'refused', 5],
      ['a', 'discarded', 5],
      ['b', 'discarded', 5],
    ]);
    expect(new OutboxOverflowError('maxBytes', 10).message).toContain('maxBytes limit of 10');
  });

  it('bounds by bytes with sizeOf', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const connected$ = hot('f-------t--', connectedValues);
      const source = hot('    -a-b-c-----', { a: 'aaaa', b: 'bb', c: 'ccc' });
      expectObservable(
        source.pipe(boundedHold(connected$, { maxBytes: 6, sizeOf: (v) => v.length, onDrop })),
      ).toBe('--------(bc)', { b: 'bb', c: 'ccc' });
    });
    expect(drops).toEqual([['aaaa', 'drop-oldest', 5]]);
  });

  it('drops a value too big to ever fit, whatever the policy allows', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const connected$ = hot('f---t--', connectedValues);
      const source = hot('    -a-b---', { a: 'a', b: 'bbbbbbbbbb' });
      expectObservable(source.pipe(boundedHold(connected$, { maxBytes: 5, sizeOf: (v) => v.length, onDrop }))).toBe('----a', { a: 'a' });
    });
    expect(drops).toEqual([['bbbbbbbbbb', 'drop-newest', 3]]);
  });

  it('never, empty, one value', () => {
    scheduler.run(({ hot, cold, expectObservable }) => {
      const connected$ = hot('t---', connectedValues);
      expectObservable(cold('-').pipe(boundedHold(connected$, { maxMessages: 1 }))).toBe('-');
      expectObservable(cold('|').pipe(boundedHold(connected$, { maxMessages: 1 }))).toBe('|');
      expectObservable(cold('-a|').pipe(boundedHold(connected$, { maxMessages: 1 }))).toBe('-a|');
    });
  });

  it('reports held values as discarded on a source error', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const connected$ = hot('f-----', connectedValues);
      const source = hot('    -a-#');
      expectObservable(source.pipe(boundedHold(connected$, { maxMessages: 5, onDrop }))).toBe('---#');
    });
    expect(drops).toEqual([['a', 'discarded', 3]]);
  });

  it('reports held values as discarded on early unsubscribe and unsubscribes its inputs', () => {
    scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const connected$ = hot('f-------t', connectedValues);
      const source = hot('    -a-b-----');
      expectObservable(source.pipe(boundedHold(connected$, { maxMessages: 5, onDrop })), '^---!').toBe('-----');
      expectSubscriptions(source.subscriptions).toBe('^---!');
      expectSubscriptions(connected$.subscriptions).toBe('^---!');
    });
    expect(drops).toEqual([
      ['a', 'discarded', 4],
      ['b', 'discarded', 4],
    ]);
  });

  it('errors with what onDrop throws', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const connected$ = hot('f-----', connectedValues);
      const source = hot('    -a-b--');
      const throwing = () => {
        throw new Error('boom');
      };
      expectObservable(source.pipe(boundedHold(connected$, { maxMessages: 1, onDrop: throwing }))).toBe(
        '---#',
        undefined,
        new Error('boom'),
      );
    });
  });

  it('errors with what sizeOf throws', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const connected$ = hot('f-----', connectedValues);
      const source = hot('    -a----');
      const sizeOf = (): number => {
        throw new Error('no size');
      };
      expectObservable(source.pipe(boundedHold(connected$, { maxBytes: 10, sizeOf }))).toBe('-#', undefined, new Error('no size'));
    });
  });

  it('drops oldest across many values in bounded memory and keeps order', () => {
    const connected$ = new Subject<boolean>();
    const source = new Subject<number>();
    const seen: number[] = [];
    let dropped = 0;
    source
      .pipe(boundedHold(connected$, { maxMessages: 100, onDrop: () => dropped++ }))
      .subscribe((value) => seen.push(value));
    connected$.next(false);
    for (let i = 0; i < 10_000; i++) source.next(i);
    connected$.next(true);
    expect(dropped).toBe(9_900);
    expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => 9_900 + i));
  });

  it('rejects bad limits and policies with a typed error naming the value', () => {
    const connected$ = new Subject<boolean>();
    expect(() => boundedHold(connected$, { maxMessages: -1 })).toThrow(InvalidArgumentError);
    expect(() => boundedHold(connected$, { maxBytes: 1.5 })).toThrow(/maxBytes.*1\.5/);
    expect(() => boundedHold(connected$, { overflow: 'drop-all' as never })).toThrow(/drop-all/);
  });
});
