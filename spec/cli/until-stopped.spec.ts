import { marbles } from 'rxjs-marbles/jest';
import { untilStopped } from '../../lib/cli/until-stopped';
import { VirtualClock } from '../../lib/testing/virtual-clock';
import { MAX_TIMER_MS } from '../../lib/validation/duration';

describe('untilStopped', () => {
  it('resolves with "timeout" once timeoutMs has passed on the scheduler, and removes its signal handlers', marbles(async (m) => {
    const listeners = process.listenerCount('SIGINT');
    const stop = untilStopped(30, m.scheduler);
    expect(process.listenerCount('SIGINT')).toBe(listeners + 1);
    m.flush();
    expect(m.scheduler.now()).toBe(30);
    // Virtual time, not the wall clock: it has already resolved.
    expect(await Promise.race([stop.stopped, Promise.resolve('still waiting')])).toBe('timeout');
    expect(process.listenerCount('SIGINT')).toBe(listeners);
  }));

  it('cancel() drops the timer and the handlers: it never resolves', marbles(async (m) => {
    const listeners = process.listenerCount('SIGTERM');
    const stop = untilStopped(30, m.scheduler);
    stop.cancel();
    expect(process.listenerCount('SIGTERM')).toBe(listeners);
    m.flush();
    const outcome = await Promise.race([stop.stopped, Promise.resolve('still waiting')]);
    expect(outcome).toBe('still waiting');
  }));

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

  it('resolves with "signal" on SIGTERM', marbles(async (m) => {
    const stop = untilStopped(undefined, m.scheduler);
    process.emit('SIGTERM', 'SIGTERM');
    await expect(stop.stopped).resolves.toBe('signal');
  }));
});
