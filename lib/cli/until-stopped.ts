/**
 * Resolves on Ctrl-C (SIGINT) or SIGTERM, or after `timeoutMs` when given, with what stopped it;
 * `cancel()` removes the handlers (call it when the command ends another way).
 */
export function untilStopped(timeoutMs?: number): { readonly stopped: Promise<'signal' | 'timeout'>; cancel(): void } {
  let cancel = (): void => undefined;
  const stopped = new Promise<'signal' | 'timeout'>((resolve) => {
    const onSignal = (): void => finish('signal');
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => finish('timeout'), timeoutMs);
    function finish(reason: 'signal' | 'timeout'): void {
      cancel();
      resolve(reason);
    }
    cancel = () => {
      if (timer !== undefined) clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  return { stopped, cancel: () => cancel() };
}
