import { TestScheduler } from 'rxjs/testing';
import { untilStopped } from '../../lib/cli/until-stopped';
import { VirtualClock } from '../../lib/testing/virtual-clock';
import { MAX_TIMER_MS } from '../../lib/validation/duration';

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

  it('runs a timeoutMs far beyond one Node timer (1e12 ms) to its end, in virtual time', async () => {
    const clock = new VirtualClock();
    const stop = untilStopped(1e12, clock);
    const state = (): Promise<string> => Promise.race([stop.stopped, new Promise<string>((resolve) => setImmediate(() => resolve('still waiting')))]);
    // A single timer of more than 2^31 - 1 ms would fire after 1 ms: it is still waiting past that.
    await clock.advance(MAX_TIMER_MS + 1);
    expect(await state()).toBe('still waiting');
    await clock.advance(1e12 - MAX_TIMER_MS - 2);
    expect(await state()).toBe('still waiting');
    await clock.advance(1);
    expect(await state()).toBe('timeout');
  });

  it('resolves with "signal" on SIGTERM', async () => {
    const stop = untilStopped(undefined, scheduler);
    process.emit('SIGTERM', 'SIGTERM');
    await expect(stop.stopped).resolves.toBe('signal');
  });
});
