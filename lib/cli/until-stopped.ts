import { longTimer } from '../operators/long-timer';
import { asyncScheduler, type SchedulerLike } from '../rx';

/**
 * Resolves on Ctrl-C (SIGINT) or SIGTERM, or after `timeoutMs` (on `scheduler`) when given, with
 * what stopped it; `cancel()` removes the handlers and the timer (call it when the command ends
 * another way). Any `timeoutMs` works: a long one is a chain of timers (`longTimer`).
 */
export function untilStopped(
  timeoutMs?: number,
  scheduler: SchedulerLike = asyncScheduler,
): { readonly stopped: Promise<'signal' | 'timeout'>; cancel(): void } {
  let cancel = (): void => undefined;
  const stopped = new Promise<'signal' | 'timeout'>((resolve) => {
    const onSignal = (): void => finish('signal');
    const timeout = timeoutMs === undefined ? undefined : longTimer(timeoutMs, undefined, scheduler).subscribe(() => finish('timeout'));
    function finish(reason: 'signal' | 'timeout'): void {
      cancel();
      resolve(reason);
    }
    cancel = () => {
      timeout?.unsubscribe();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  return { stopped, cancel: () => cancel() };
}
