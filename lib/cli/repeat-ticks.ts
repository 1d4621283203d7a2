import { checkCount } from '../validation/count';
import { checkLongDuration } from '../validation/duration';
import { longTimer } from '../operators/long-timer';
import { asyncScheduler, defer, map, startWith, take, takeUntil, type Observable, type SchedulerLike } from '../rx';

/** One round of a repeating command: its number (from 1) and the time since the first. */
export interface RepeatTick {
  readonly sequence: number;
  readonly elapsedMs: number;
}

export interface RepeatTicksOptions {
  /** Time between rounds. */
  readonly periodMs: number;
  /** Stop after this many rounds. */
  readonly count?: number;
  /** Stop once this long has passed since the first round; a round due exactly then is not run. */
  readonly durationMs?: number;
  readonly scheduler?: SchedulerLike;
}

/**
 * When a repeating command (`hologram heartbeat`, `hologram send --repeat`) runs a round: one at
 * once (on subscribe, synchronously), then one every `periodMs`; completes after `count` rounds or
 * when `durationMs` has passed, whichever comes first, and runs until unsubscribed otherwise.
 * Kept apart from the sending so the timing is on a scheduler and can be tested in virtual time.
 * Any period and duration work (long ones are chained timers, see `longTimer`).
 */
export function repeatTicks(options: RepeatTicksOptions): Observable<RepeatTick> {
  const { periodMs, count, durationMs } = options;
  checkLongDuration('periodMs', periodMs);
  if (count !== undefined) checkCount('count', count);
  if (durationMs !== undefined) checkLongDuration('durationMs', durationMs);
  const scheduler = options.scheduler ?? asyncScheduler;
  return defer(() => {
    const start = scheduler.now();
    let ticks = longTimer(periodMs, periodMs, scheduler).pipe(
      map((index) => index + 2),
      startWith(1),
      map((sequence): RepeatTick => ({ sequence, elapsedMs: scheduler.now() - start })),
    );
    if (count !== undefined) ticks = ticks.pipe(take(count));
    if (durationMs !== undefined) ticks = ticks.pipe(takeUntil(longTimer(durationMs, undefined, scheduler)));
    return ticks;
  });
}
