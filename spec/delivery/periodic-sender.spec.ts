import { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { OutboundMessage } from '../../lib/cloud/outbound-message';
import { PeriodicMessageRunningError } from '../../lib/delivery/periodic-message-running-error';
import { PeriodicSender } from '../../lib/delivery/periodic-sender';
import { InvalidArgumentError } from '../../lib/errors';

describe('PeriodicSender', () => {
  let scheduler: TestScheduler;
  let sent: Array<[number, OutboundMessage]>;
  let sender: PeriodicSender;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    sent = [];
    sender = new PeriodicSender((message) => sent.push([scheduler.now(), message]), scheduler);
  });

  it('sends now and every interval until stopped (doc diagram)', () => {
    scheduler.run(({ expectObservable }) => {
      const sends$ = new Observable<string>((subscriber) => {
        const periodic = new PeriodicSender((message) => subscriber.next(message.data), scheduler);
        periodic.start(1, 'p');
        return () => periodic.stop();
      });
      expectObservable(sends$, '^ 2500ms !').toBe('p 999ms p 999ms p');
    });
  });

  it('hands over the message with its topics and is not running after stop', () => {
    scheduler.run(() => {
      sender.start(1, 'ping', ['T']);
      scheduler.schedule(() => sender.stop(), 1500);
    });
    expect(sent).toEqual([
      [0, { data: 'ping', topics: ['T'] }],
      [1000, { data: 'ping', topics: ['T'] }],
    ]);
    expect(sender.running()).toBe(false);
  });

  it('allows one job at a time and a new one after stop', () => {
    scheduler.run(() => {
      sender.start(5, 'a');
      expect(() => sender.start(2, 'b')).toThrow(PeriodicMessageRunningError);
      expect(() => sender.start(2, 'b')).toThrow(/every 5 s/);
      expect(sender.running()).toBe(true);
      scheduler.schedule(() => {
        sender.stop();
        sender.start(2, 'b');
      }, 6000);
      scheduler.schedule(() => sender.close(), 9000);
    });
    expect(sent.map(([at, m]) => `${at}:${m.data}`)).toEqual(['0:a', '5000:a', '6000:b', '8000:b']);
  });

  it('rejects an interval below 1 s with a clear error naming the value', () => {
    expect(() => sender.start(0.5, 'x')).toThrow(InvalidArgumentError);
    expect(() => sender.start(0.5, 'x')).toThrow(/intervalSeconds must be a number of seconds >= 1, got 0.5/);
    expect(() => sender.start(NaN, 'x')).toThrow(/got NaN/);
    expect(() => sender.start(2, 7 as never)).toThrow(InvalidArgumentError);
    expect(sender.running()).toBe(false);
  });

  it('keeps going when handing over a message throws once', () => {
    let calls = 0;
    const flaky = new PeriodicSender(() => {
      if (calls++ === 0) throw new Error('closed');
    }, scheduler);
    scheduler.run(() => {
      flaky.start(1, 'x');
      scheduler.schedule(() => flaky.stop(), 2500);
    });
    expect(calls).toBe(3);
  });

  it('stop without a job does nothing', () => {
    sender.stop();
    expect(sender.running()).toBe(false);
  });
});
