import { asyncScheduler, catchError, defer, EMPTY, Observable, takeUntil, throwError, timer, type SchedulerLike } from '../rx';
import { exhaustMap, takeWhile, type ObservableInput } from '../rx-extra';
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
  const scheduler = options.scheduler ?? asyncScheduler;
  return timer(0, options.intervalMs ?? 5000, scheduler).pipe(
    exhaustMap(() => defer(read).pipe(catchError((error: unknown) => (error instanceof APIError && error.kind === 'not-found' ? EMPTY : throwError(() => error))))),
    takeWhile((state) => state !== 'LIVE', true),
    takeUntil(timer(options.waitMs ?? 120_000, scheduler)),
  );
}
