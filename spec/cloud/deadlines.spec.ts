import { VirtualTimeScheduler } from 'rxjs';
import { Deadlines } from '../../lib/cloud/deadlines';

describe('Deadlines', () => {
  it('watches many deadlines on one timer, fires each at its time, and leaves no action once none is watched', () => {
    const scheduler = new VirtualTimeScheduler(undefined, 100_000);
    const deadlines = new Deadlines(scheduler);
    const fired: Array<[string, number]> = [];
    const fire = (name: string) => () => fired.push([name, scheduler.now()]);
    const a = deadlines.watch(5000, fire('a'));
    deadlines.watch(5010, fire('b'));
    const c = deadlines.watch(5020, fire('c'));
    expect(scheduler.actions).toHaveLength(1); // one timer for all three
    deadlines.cancel(c);
    deadlines.move(a, 7000); // later: no re-arm, the timer fires at 5000 and re-arms for what is left
    expect(scheduler.actions).toHaveLength(1);
    const d = deadlines.watch(100, fire('d')); // sooner: re-armed
    expect(scheduler.actions).toHaveLength(1);
    scheduler.flush();
    expect(fired).toEqual([
      ['d', 100],
      ['b', 5010],
      ['a', 7000],
    ]);
    deadlines.cancel(d);
    expect(scheduler.actions).toHaveLength(0);
  });

  it('cancels the timer when the last deadline is cancelled (on an injected clock)', () => {
    const scheduler = new VirtualTimeScheduler();
    const deadlines = new Deadlines(scheduler);
    const fired: string[] = [];
    const a = deadlines.watch(10, () => fired.push('a'));
    deadlines.cancel(a);
    expect(scheduler.actions).toHaveLength(0);
    scheduler.flush();
    expect(fired).toEqual([]);
  });
});
