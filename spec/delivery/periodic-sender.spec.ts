import { Observable, type SchedulerLike } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import type { OutboundMessage } from '../../lib/cloud/outbound-message';
import { PeriodicMessageRunningError } from '../../lib/delivery/periodic-message-running-error';
import { PeriodicSender } from '../../lib/delivery/periodic-sender';
import { InvalidArgumentError } from '../../lib/errors';

describe('PeriodicSender', () => {
  let sent: Array<[number, OutboundMessage]>;
  /** A sender that records each message with the time it was handed over. */
  const recordingSender = (scheduler: SchedulerLike) => new PeriodicSender((message) => sent.push([scheduler.now(), message]), scheduler);
  beforeEach(() => {
    sent = [];
  });

  it('sends now and every interval until stopped (doc diagram)', marbles((m) => {
    const sends$ = new Observable<string>((subscriber) => {
      const periodic = new PeriodicSender((message) => subscriber.next(message.data), m.scheduler);
      periodic.start(1, 'p');
      return () => periodic.stop();
    });
    m.expect(sends$, '^ 2500ms !').toBeObservable('p 999ms p 999ms p');
  }));

  it('hands over the message with its topics and is not running after stop', marbles((m) => {
    const sender = recordingSender(m.scheduler);
    sender.start(1, 'ping', ['T']);
    m.scheduler.schedule(() => sender.stop(), 1500);
    m.flush();
    expect(sent).toEqual([
      [0, { data: 'ping', topics: ['T'] }],
      [1000, { data: 'ping', topics: ['T'] }],
    ]);
    expect(sender.running()).toBe(false);
  }));

  it('allows one job at a time and a new one after stop', marbles((m) => {
    const sender = recordingSender(m.scheduler);
    sender.start(5, 'a');
    expect(() => sender.start(2, 'b')).toThrow(PeriodicMessageRunningError);
    expect(() => sender.start(2, 'b')).toThrow(/every 5 s/);
    expect(sender.running()).toBe(true);
    m.scheduler.schedule(() => {
      sender.stop();
      sender.start(2, 'b');
    }, 6000);
    m.scheduler.schedule(() => sender.close(), 9000);
    m.flush();
    expect(sent.map(([at, message]) => `${at}:${message.data}`)).toEqual(['0:a', '5000:a', '6000:b', '8000:b']);
  }));

  it('rejects an interval below 1 s with a clear error naming the value', marbles((m) => {
    const sender = recordingSender(m.scheduler);
    expect(() => sender.start(0.5, 'x')).toThrow(InvalidArgumentError);
    expect(() => sender.start(0.5, 'x')).toThrow(/intervalSeconds must be a number of seconds >= 1, got 0.5/);
    expect(() => sender.start(NaN, 'x')).toThrow(/got NaN/);
    expect(() => sender.start(2, 7 as never)).toThrow(InvalidArgumentError);
    expect(sender.running()).toBe(false);
  }));

  it('keeps going when handing over a message throws once', marbles((m) => {
    let calls = 0;
    const flaky = new PeriodicSender(() => {
      if (calls++ === 0) throw new Error('closed');
    }, m.scheduler);
    flaky.start(1, 'x');
    m.scheduler.schedule(() => flaky.stop(), 2500);
    m.flush();
    expect(calls).toBe(3);
  }));

  it('stop without a job does nothing', marbles((m) => {
    const sender = recordingSender(m.scheduler);
    sender.stop();
    expect(sender.running()).toBe(false);
  }));
});
