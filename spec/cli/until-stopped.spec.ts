import { TestScheduler } from 'rxjs/testing';
import { untilStopped } from '../../lib/cli/until-stopped';

describe('untilStopped', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('resolves with "timeout" once timeoutMs has passed on the scheduler, and removes its signal handlers', async () => {
    const listeners = process.listenerCount('SIGINT');
    const stop = untilStopped(30, scheduler);
    expect(process.listenerCount('SIGINT')).toBe(listeners + 1);
    scheduler.flush();
    expect(scheduler.now()).toBe(30);
    // Virtual time, not the wall clock: it has already resolved.
    expect(await Promise.race([stop.stopped, Promise.resolve('still waiting')])).toBe('timeout');
    expect(process.listenerCount('SIGINT')).toBe(listeners);
  });

  it('cancel() drops the timer and the handlers: it never resolves', async () => {
    const listeners = process.listenerCount('SIGTERM');
    const stop = untilStopped(30, scheduler);
    stop.cancel();
    expect(process.listenerCount('SIGTERM')).toBe(listeners);
    scheduler.flush();
    const outcome = await Promise.race([stop.stopped, Promise.resolve('still waiting')]);
    expect(outcome).toBe('still waiting');
  });

  it('resolves with "signal" on SIGTERM', async () => {
    const stop = untilStopped(undefined, scheduler);
    process.emit('SIGTERM', 'SIGTERM');
    await expect(stop.stopped).resolves.toBe('signal');
  });
});
