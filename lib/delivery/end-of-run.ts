import { asyncScheduler, type SchedulerLike, type Unsubscribable } from '../rx';

/** Runs `work` once the current synchronous run is over; the returned handle cancels it. */
export type EndOfRun = (work: () => void) => Unsubscribable;

/**
 * "When this synchronous run ends" for a scheduler: a microtask on the real clock (so an awaited
 * send is not held up by a timer), a zero-delay action on an injected scheduler (so virtual time
 * sees the same order). On the real clock it is a bare `queueMicrotask` rather than
 * `asapScheduler`: the delivery pipeline asks once per settled message, and an action object and a
 * promise each time are garbage the sockets then pay for in collection time.
 */
export function endOfRun(scheduler: SchedulerLike): EndOfRun {
  if (scheduler !== asyncScheduler) return (work) => scheduler.schedule(work);
  return (work) => {
    let cancelled = false;
    queueMicrotask(() => {
      if (!cancelled) work();
    });
    return {
      unsubscribe: () => {
        cancelled = true;
      },
    };
  };
}
