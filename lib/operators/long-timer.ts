import { asyncScheduler, Observable, type SchedulerLike } from '../rx';
import type { SchedulerAction } from 'rxjs';
import { MAX_TIMER_MS } from '../validation/duration';

/**
 * Like RxJS `timer(dueMs, periodMs, scheduler)`, for any duration: emits 0 after `dueMs`, then
 * 1, 2, ... every `periodMs` when given (else completes). A wait longer than `MAX_TIMER_MS` is
 * made of several timers, each at most that long, checked against `scheduler.now()`, so a
 * 30-day period stays 30 days (a single Node timer would fire after 1 ms). A tick that comes
 * later than a whole period (a blocked loop, a suspended device) emits once and the schedule
 * restarts from then: no burst of catch-up ticks.
 *
 * ```
 * longTimer(30 days, 30 days):  ^ (24.8 d: re-armed) 30d 0 (24.8 d: re-armed) 30d 1 ...
 * longTimer(3, 5):              ---0----1----2--
 * longTimer(3):                 ---(0|)
 * ```
 */
export function longTimer(dueMs: number, periodMs?: number, scheduler: SchedulerLike = asyncScheduler): Observable<number> {
  return new Observable<number>((subscriber) => {
    let count = 0;
    let dueAt = scheduler.now() + Math.max(0, dueMs);
    const wait = (): number => Math.min(Math.max(0, dueAt - scheduler.now()), MAX_TIMER_MS);
    return scheduler.schedule(function (this: SchedulerAction<undefined>) {
      if (dueAt > scheduler.now()) {
        this.schedule(undefined, wait()); // a chained part of a long wait
        return;
      }
      subscriber.next(count++);
      if (periodMs === undefined) {
        subscriber.complete();
        return;
      }
      dueAt += Math.max(0, periodMs);
      if (dueAt <= scheduler.now()) dueAt = scheduler.now() + Math.max(0, periodMs);
      this.schedule(undefined, wait());
    }, wait());
  });
}
