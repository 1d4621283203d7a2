import { timer } from 'rxjs';
import { VirtualClock } from '../../lib/testing/virtual-clock';

describe('VirtualClock', () => {
  it('runs due timers in time order and lets promises settle between them', async () => {
    const clock = new VirtualClock();
    const seen: string[] = [];
    timer(30, clock).subscribe(() => seen.push(`30@${clock.now()}`));
    timer(10, clock).subscribe(() => {
      seen.push(`10@${clock.now()}`);
      void Promise.resolve().then(() => timer(5, clock).subscribe(() => seen.push(`15@${clock.now()}`)));
    });
    await clock.advance(20);
    expect(seen).toEqual(['10@10', '15@15']);
    expect(clock.now()).toBe(20);
    await clock.advance(100);
    expect(seen).toEqual(['10@10', '15@15', '30@30']);
    expect(clock.now()).toBe(120);
  });

  it('until(): moves time only as far as the promise needs, and real I/O is waited for', async () => {
    const clock = new VirtualClock();
    const value = await clock.until(new Promise<string>((resolve) => timer(5000, clock).subscribe(() => resolve('late'))));
    expect(value).toBe('late');
    expect(clock.now()).toBe(5000);
    const io = await clock.until(new Promise<string>((resolve) => setTimeout(() => resolve('io'), 5)));
    expect(io).toBe('io');
    expect(clock.now()).toBe(5000);
  });

  it('until(): rejects once its virtual limit passes while timers keep coming', async () => {
    const clock = new VirtualClock();
    timer(0, 1000, clock).subscribe();
    await expect(clock.until(new Promise(() => undefined), { limitMs: 10_000, quietMs: 1 })).rejects.toThrow(/10000 virtual ms/);
  });
});
