import { VirtualAction, VirtualTimeScheduler } from 'rxjs';
import { Credentials } from '../lib/cloud/credentials';
import { InvalidArgumentError } from '../lib/errors';
import { Hologram } from '../lib/hologram';
import { ManualNetwork } from '../lib/network/manual-network';

/**
 * Long durations through the public API: a periodic message of 30 days keeps its schedule (a
 * single Node timer over 2^31-1 ms fires after 1 ms: 831 messages in a second before), and
 * durations one timer must cover are refused with a typed error naming the value and the limit.
 */
const DAY = 24 * 60 * 60 * 1000;
const credentials = () => Credentials.fromDeviceKey('longdays');

describe('long durations', () => {
  it('sendPeriodicMessage every 30 days emits exactly on schedule in virtual time', () => {
    const scheduler = new VirtualTimeScheduler(VirtualAction, 0);
    const network = new ManualNetwork({ connected: false });
    const hologram = new Hologram(credentials(), { network, scheduler });
    const buffered: number[] = [];
    hologram.event.subscribe('message.buffered', () => buffered.push(scheduler.now()));
    hologram.sendPeriodicMessage(30 * 24 * 60 * 60, 'monthly report');
    const runUntil = (ms: number) => {
      scheduler.maxFrames = ms;
      scheduler.flush();
    };
    runUntil(1000);
    expect(buffered).toEqual([0]);
    runUntil(30 * DAY - 1);
    expect(buffered).toEqual([0]);
    runUntil(30 * DAY);
    expect(buffered).toEqual([0, 30 * DAY]);
    runUntil(95 * DAY);
    expect(buffered).toEqual([0, 30 * DAY, 60 * DAY, 90 * DAY]);
    expect(hologram.outbox.stats().pendingCount).toBe(4);
    hologram.stopPeriodicMessage();
    void hologram.close();
    network.close();
  });

  it('sendPeriodicMessage every 30 days on Node timers (fake clock that overflows as Node does): one message in the first day, not one per ms', async () => {
    jest.useFakeTimers();
    try {
      const network = new ManualNetwork({ connected: false });
      const hologram = new Hologram(credentials(), { network });
      let buffered = 0;
      hologram.event.subscribe('message.buffered', () => buffered++);
      hologram.sendPeriodicMessage(30 * 24 * 60 * 60, 'monthly report');
      await jest.advanceTimersByTimeAsync(DAY);
      expect(buffered).toBe(1);
      await jest.advanceTimersByTimeAsync(29 * DAY + 1000);
      expect(buffered).toBe(2);
      hologram.stopPeriodicMessage();
      const closed = hologram.close();
      await jest.runOnlyPendingTimersAsync();
      await closed;
      network.close();
    } finally {
      jest.useRealTimers();
    }
  });

  it.each([
    [{ backoff: { initialMs: 1e11 } }, 'initialMs', 'initialMs must be a number of milliseconds from 0 up to 2147483647 (about 24.8 days, the longest timer), got 100000000000'],
    [{ backoff: { maxMs: 2 ** 31 } }, 'maxMs', 'got 2147483648'],
    [{ backoff: { resetAfterMs: 1e15 } }, 'resetAfterMs', 'got 1000000000000000'],
    [{ connectTimeoutMs: 1e12 }, 'connectTimeoutMs', 'connectTimeoutMs must be a number of milliseconds above 0 up to 2147483647'],
    [{ replyTimeoutMs: 2 ** 31 }, 'replyTimeoutMs', 'got 2147483648'],
  ])('refuses %p with an InvalidArgumentError naming %s and the limit', (options, argument, message) => {
    let thrown: unknown;
    try {
      new Hologram(credentials(), options);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidArgumentError);
    expect(thrown).toMatchObject({ argument });
    expect((thrown as Error).message).toContain(message);
  });
});
