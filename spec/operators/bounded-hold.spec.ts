import { Subject, type SchedulerLike } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import { InvalidArgumentError } from '../../lib/errors';
import { boundedHold, type HoldDropReason } from '../../lib/operators/bounded-hold';
import { OutboxOverflowError } from '../../lib/operators/outbox-overflow-error';

const connectedValues = { t: true, f: false };

describe('boundedHold', () => {
  let drops: Array<[string, HoldDropReason, number]>;
  /** Records each drop with the virtual time it happened at. */
  const dropsOn = (scheduler: SchedulerLike) => (value: string, reason: HoldDropReason) => drops.push([value, reason, scheduler.now()]);
  beforeEach(() => {
    drops = [];
  });

  it('drops the oldest held value when full (doc diagram)', marbles((m) => {
    const connected$ = m.hot('f-------t------|', connectedValues);
    const source = m.hot('    -a-b-c------d-|');
    const expected = '      --------(bc)d-|';
    m.expect(source.pipe(boundedHold(connected$, { maxMessages: 2, overflow: 'drop-oldest', onDrop: dropsOn(m.scheduler) }))).toBeObservable(expected);
    m.flush();
    expect(drops).toEqual([['a', 'drop-oldest', 5]]);
  }));

  it('maxMessages 1, drop-newest: one held signal stands for many (how the delivery pipeline holds its wake-ups)', marbles((m) => {
    const connected$ = m.hot('t--f-----t--f--t', connectedValues);
    const wake$ = m.hot('     w----www-----w---');
    m.expect(wake$.pipe(boundedHold(connected$, { maxMessages: 1, overflow: 'drop-newest', onDrop: dropsOn(m.scheduler) }))).toBeObservable('w--------w-----w');
    m.flush();
    expect(drops.map(([, reason, at]) => [reason, at])).toEqual([
      ['drop-newest', 6],
      ['drop-newest', 7],
    ]);
  }));

  it('drops the newcomer with drop-newest', marbles((m) => {
    const connected$ = m.hot('f-------t------|', connectedValues);
    const source = m.hot('    -a-b-c------d-|');
    m.expect(source.pipe(boundedHold(connected$, { maxMessages: 2, overflow: 'drop-newest', onDrop: dropsOn(m.scheduler) }))).toBeObservable('--------(ab)d-|');
    m.flush();
    expect(drops).toEqual([['c', 'drop-newest', 5]]);
  }));

  it('errors with an OutboxOverflowError naming the limit, reporting the refused and held values', marbles((m) => {
    const connected$ = m.hot('f-------t', connectedValues);
    const source = m.hot('    -a-b-c---');
    m.expect(source.pipe(boundedHold(connected$, { maxMessages: 2, overflow: 'error', onDrop: dropsOn(m.scheduler) }))).toBeObservable(
      '-----#',
      undefined,
      new OutboxOverflowError('maxMessages', 2),
    );
    m.flush();
    expect(drops).toEqual([
      ['c', 'refused', 5],
      ['a', 'discarded', 5],
      ['b', 'discarded', 5],
    ]);
    expect(new OutboxOverflowError('maxBytes', 10).message).toContain('maxBytes limit of 10');
  }));

  it('bounds by bytes with sizeOf', marbles((m) => {
    const connected$ = m.hot('f-------t--', connectedValues);
    const source = m.hot('    -a-b-c-----', { a: 'aaaa', b: 'bb', c: 'ccc' });
    m.expect(
      source.pipe(boundedHold(connected$, { maxBytes: 6, sizeOf: (v) => v.length, onDrop: dropsOn(m.scheduler) })),
    ).toBeObservable('--------(bc)', { b: 'bb', c: 'ccc' });
    m.flush();
    expect(drops).toEqual([['aaaa', 'drop-oldest', 5]]);
  }));

  it('drops a value too big to ever fit, whatever the policy allows', marbles((m) => {
    const connected$ = m.hot('f---t--', connectedValues);
    const source = m.hot('    -a-b---', { a: 'a', b: 'bbbbbbbbbb' });
    m.expect(source.pipe(boundedHold(connected$, { maxBytes: 5, sizeOf: (v) => v.length, onDrop: dropsOn(m.scheduler) }))).toBeObservable('----a', { a: 'a' });
    m.flush();
    expect(drops).toEqual([['bbbbbbbbbb', 'drop-newest', 3]]);
  }));

  it('never, empty, one value', marbles((m) => {
    const connected$ = m.hot('t---', connectedValues);
    m.expect(m.cold('-').pipe(boundedHold(connected$, { maxMessages: 1 }))).toBeObservable('-');
    m.expect(m.cold('|').pipe(boundedHold(connected$, { maxMessages: 1 }))).toBeObservable('|');
    m.expect(m.cold('-a|').pipe(boundedHold(connected$, { maxMessages: 1 }))).toBeObservable('-a|');
  }));

  it('reports held values as discarded on a source error', marbles((m) => {
    const connected$ = m.hot('f-----', connectedValues);
    const source = m.hot('    -a-#');
    m.expect(source.pipe(boundedHold(connected$, { maxMessages: 5, onDrop: dropsOn(m.scheduler) }))).toBeObservable('---#');
    m.flush();
    expect(drops).toEqual([['a', 'discarded', 3]]);
  }));

  it('reports held values as discarded on early unsubscribe and unsubscribes its inputs', marbles((m) => {
    const connected$ = m.hot('f-------t', connectedValues);
    const source = m.hot('    -a-b-----');
    m.expect(source.pipe(boundedHold(connected$, { maxMessages: 5, onDrop: dropsOn(m.scheduler) })), '^---!').toBeObservable('-----');
    m.expect(source).toHaveSubscriptions('^---!');
    m.expect(connected$).toHaveSubscriptions('^---!');
    m.flush();
    expect(drops).toEqual([
      ['a', 'discarded', 4],
      ['b', 'discarded', 4],
    ]);
  }));

  it('errors with what onDrop throws', marbles((m) => {
    const connected$ = m.hot('f-----', connectedValues);
    const source = m.hot('    -a-b--');
    const throwing = () => {
      throw new Error('boom');
    };
    m.expect(source.pipe(boundedHold(connected$, { maxMessages: 1, onDrop: throwing }))).toBeObservable(
      '---#',
      undefined,
      new Error('boom'),
    );
  }));

  it('errors with what sizeOf throws', marbles((m) => {
    const connected$ = m.hot('f-----', connectedValues);
    const source = m.hot('    -a----');
    const sizeOf = (): number => {
      throw new Error('no size');
    };
    m.expect(source.pipe(boundedHold(connected$, { maxBytes: 10, sizeOf }))).toBeObservable('-#', undefined, new Error('no size'));
  }));

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
