import { Subject } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { holdUntilConnected } from '../../lib/operators/hold-until-connected';

const connectedValues = { t: true, f: false };

describe('holdUntilConnected', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('holds while disconnected and releases in order on reconnect (doc diagram)', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const connected$ = hot('f---t-------f-----t---|', connectedValues);
      const source = hot('    -a-b----c------d-e-----|');
      const expected = '      ----(ab)c---------(de)-|';
      expectObservable(source.pipe(holdUntilConnected(connected$))).toBe(expected);
    });
  });

  it('holds everything until connected$ first says anything', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const connected$ = hot('----t-|', connectedValues);
      const source = hot('    ab--------|');
      expectObservable(source.pipe(holdUntilConnected(connected$))).toBe('----(ab)--|');
    });
  });

  it('passes values straight through while connected', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const connected$ = hot('t-----', connectedValues);
      const source = hot('    -a-b-|');
      expectObservable(source.pipe(holdUntilConnected(connected$))).toBe('-a-b-|');
    });
  });

  it('never emits for a never source', () => {
    scheduler.run(({ hot, cold, expectObservable }) => {
      const connected$ = hot('t-f-t-', connectedValues);
      expectObservable(cold('-').pipe(holdUntilConnected(connected$))).toBe('-');
    });
  });

  it('completes at once for an empty source', () => {
    scheduler.run(({ hot, cold, expectObservable }) => {
      const connected$ = hot('f---', connectedValues);
      expectObservable(cold('|').pipe(holdUntilConnected(connected$))).toBe('|');
    });
  });

  it('waits with completion until held values are released', () => {
    scheduler.run(({ hot, cold, expectObservable }) => {
      const connected$ = hot('f---t-', connectedValues);
      expectObservable(cold('a|').pipe(holdUntilConnected(connected$))).toBe('----(a|)');
    });
  });

  it('completes and drops held values when connected$ completes disconnected', () => {
    scheduler.run(({ hot, cold, expectObservable }) => {
      const connected$ = hot('f--|', connectedValues);
      expectObservable(cold('a|').pipe(holdUntilConnected(connected$))).toBe('---|');
    });
  });

  it('forwards a source error at once', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const connected$ = hot('f-----t', connectedValues);
      const source = hot('    -a-#');
      expectObservable(source.pipe(holdUntilConnected(connected$))).toBe('---#');
    });
  });

  it('forwards a connected$ error', () => {
    scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const connected$ = hot('f--#', connectedValues);
      const source = hot('    -a----');
      expectObservable(source.pipe(holdUntilConnected(connected$))).toBe('---#');
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('unsubscribes from both inputs on early unsubscribe', () => {
    scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const connected$ = hot('f-------t', connectedValues);
      const source = hot('    -a-b-----c');
      expectObservable(source.pipe(holdUntilConnected(connected$)), '^---!').toBe('-----');
      expectSubscriptions(source.subscriptions).toBe('^---!');
      expectSubscriptions(connected$.subscriptions).toBe('^---!');
    });
  });

  it('never releases a value twice, also when a consumer disconnects while it is being released', () => {
    const connected$ = new Subject<boolean>();
    const source = new Subject<string>();
    const seen: string[] = [];
    source.pipe(holdUntilConnected(connected$)).subscribe((value) => {
      seen.push(value);
      if (value === 'b') connected$.next(false); // re-entrant disconnect mid-release
    });
    connected$.next(false);
    ['a', 'b', 'c', 'd'].forEach((value) => source.next(value));
    connected$.next(true);
    expect(seen).toEqual(['a', 'b']);
    source.next('e'); // arrives while c, d are still held: keeps its place behind them
    connected$.next(true);
    connected$.next(true); // a repeated true releases nothing again
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('keeps order when a value arrives re-entrantly during a release', () => {
    const connected$ = new Subject<boolean>();
    const source = new Subject<string>();
    const seen: string[] = [];
    source.pipe(holdUntilConnected(connected$)).subscribe((value) => {
      seen.push(value);
      if (value === 'a') source.next('z');
    });
    connected$.next(false);
    source.next('a');
    source.next('b');
    connected$.next(true);
    expect(seen).toEqual(['a', 'b', 'z']);
  });
});
