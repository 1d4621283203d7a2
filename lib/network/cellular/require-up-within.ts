import { Observable, timer, type SchedulerLike } from '../../rx';
import { type MonoTypeOperatorFunction } from '../../rx-extra';
import type { LinkInput } from './cellular-input';

/**
 * Errors with `error()` unless the link reports `up` within `timeoutMs` of subscribing; once up,
 * the deadline is gone and the source runs on.
 *
 * ```
 * (timeoutMs 5)
 * source:  -s-------u-    s starting, u up
 * result:  -s---#         (no up within 5 frames)
 * source:  -s-u------
 * result:  -s-u------
 * ```
 */
export function requireUpWithin(timeoutMs: number, error: () => unknown, scheduler: SchedulerLike): MonoTypeOperatorFunction<LinkInput> {
  return (source) =>
    new Observable<LinkInput>((subscriber) => {
      let up = false;
      const deadline = timer(timeoutMs, scheduler).subscribe(() => {
        if (!up) subscriber.error(error());
      });
      const subscription = source.subscribe({
        next: (input) => {
          if (input.link === 'up') {
            up = true;
            deadline.unsubscribe();
          }
          subscriber.next(input);
        },
        error: (e: unknown) => subscriber.error(e),
        complete: () => subscriber.complete(),
      });
      return () => {
        deadline.unsubscribe();
        subscription.unsubscribe();
      };
    });
}
