import { asyncScheduler, catchError, defer, EMPTY, Observable, takeUntil, throwError, timer, type SchedulerLike } from '../rx';
import { exhaustMap, from, takeWhile, type ObservableInput } from '../rx-extra';
import { InvalidArgumentError } from '../errors';
import { checkMilliseconds, describeValue, readOptions } from './api-arguments';
import { APIError } from './api-error';
import type { SIMState } from './sim-state';

export interface PollSIMStateOptions {
  /** Between reads (default 5000 ms, as the Python CLI). */
  readonly intervalMs?: number;
  /** Stop reading after this long (default 120 000 ms, as the Python CLI). */
  readonly waitMs?: number;
  readonly scheduler?: SchedulerLike;
}

/**
 * Reads a just-claimed SIM's state (`read`: a Promise or an Observable) at once and every `intervalMs` until it is `LIVE` (emitted,
 * then complete) or `waitMs` has passed (complete: the last state emitted says how far it got).
 * A read that is still running when the next is due is not doubled; a `not-found` answer (the
 * claim not yet visible) counts as no news; any other error ends the poll with it.
 *
 * ```
 * read:    PENDING (at 0)  PENDING (at 5)  LIVE (at 10)
 * result:  a----b----(c|)          intervalMs 5
 * ```
 */
export function pollSIMState(read: () => ObservableInput<SIMState>, options: PollSIMStateOptions = {}): Observable<SIMState> {
  if (typeof read !== 'function') throw new InvalidArgumentError('read', `read must be a function returning the SIM state, got ${describeValue(read)}`);
  const given = readOptions('options', options, ['intervalMs', 'waitMs', 'scheduler']);
  const intervalMs = checkMilliseconds('intervalMs', given.intervalMs, 5000);
  const waitMs = checkMilliseconds('waitMs', given.waitMs, 120_000);
  const scheduler = given.scheduler ?? asyncScheduler;
  if (typeof (scheduler as Partial<SchedulerLike>).schedule !== 'function' || typeof (scheduler as Partial<SchedulerLike>).now !== 'function') {
    throw new InvalidArgumentError('scheduler', `scheduler must be an RxJS scheduler, got ${describeValue(scheduler)}`);
  }
  return timer(0, intervalMs, scheduler as SchedulerLike).pipe(
    exhaustMap(() => defer(() => readOnce(read)).pipe(catchError((error: unknown) => (error instanceof APIError && error.kind === 'not-found' ? EMPTY : throwError(() => error))))),
    takeWhile((state) => state !== 'LIVE', true),
    takeUntil(timer(waitMs, scheduler as SchedulerLike)),
  );
}

/** One read: what `read` returns must be a Promise or an Observable; anything else is named, not a TypeError deep in RxJS. */
function readOnce(read: () => ObservableInput<SIMState>): Observable<SIMState> {
  const result: unknown = read();
  try {
    return from(result as ObservableInput<SIMState>);
  } catch {
    throw new InvalidArgumentError('read', `read must return a Promise or an Observable of the SIM state, got ${describeValue(result)}`);
  }
}
