import { Subject } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import { holdUntilConnected } from '../../lib/operators/hold-until-connected';

const connectedValues = { t: true, f: false };

describe('holdUntilConnected', () => {
  it('holds while disconnected and releases in order on reconnect (doc diagram)', marbles((m) => {
    const connected$ = m.hot('f---t-------f-----t---|', connectedValues);
    const source = m.hot('    -a-b----c------d-e-----|');
    const expected = '      ----(ab)c---------(de)-|';
    m.expect(source.pipe(holdUntilConnected(connected$))).toBeObservable(expected);
  }));

  it('holds everything until connected$ first says anything', marbles((m) => {
    const connected$ = m.hot('----t-|', connectedValues);
    const source = m.hot('    ab--------|');
    m.expect(source.pipe(holdUntilConnected(connected$))).toBeObservable('----(ab)--|');
  }));

  it('passes values straight through while connected', marbles((m) => {
    const connected$ = m.hot('t-----', connectedValues);
    const source = m.hot('    -a-b-|');
    m.expect(source.pipe(holdUntilConnected(connected$))).toBeObservable('-a-b-|');
  }));

  it('never emits for a never source', marbles((m) => {
    const connected$ = m.hot('t-f-t-', connectedValues);
    m.expect(m.cold('-').pipe(holdUntilConnected(connected$))).toBeObservable('-');
  }));

  it('completes at once for an empty source', marbles((m) => {
    const connected$ = m.hot('f---', connectedValues);
    m.expect(m.cold('|').pipe(holdUntilConnected(connected$))).toBeObservable('|');
  }));

  it('waits with completion until held values are released', marbles((m) => {
    const connected$ = m.hot('f---t-', connectedValues);
    m.expect(m.cold('a|').pipe(holdUntilConnected(connected$))).toBeObservable('----(a|)');
  }));

  it('completes and drops held values when connected$ completes disconnected', marbles((m) => {
    const connected$ = m.hot('f--|', connectedValues);
    m.expect(m.cold('a|').pipe(holdUntilConnected(connected$))).toBeObservable('---|');
  }));

  it('forwards a source error at once', marbles((m) => {
    const connected$ = m.hot('f-----t', connectedValues);
    const source = m.hot('    -a-#');
    m.expect(source.pipe(holdUntilConnected(connected$))).toBeObservable('---#');
  }));

  it('forwards a connected$ error', marbles((m) => {
    const connected$ = m.hot('f--#', connectedValues);
    const source = m.hot('    -a----');
    m.expect(source.pipe(holdUntilConnected(connected$))).toBeObservable('---#');
    m.expect(source).toHaveSubscriptions('^--!');
  }));

  it('unsubscribes from both inputs on early unsubscribe', marbles((m) => {
    const connected$ = m.hot('f-------t', connectedValues);
    const source = m.hot('    -a-b-----c');
    m.expect(source.pipe(holdUntilConnected(connected$)), '^---!').toBeObservable('-----');
    m.expect(source).toHaveSubscriptions('^---!');
    m.expect(connected$).toHaveSubscriptions('^---!');
  }));

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
