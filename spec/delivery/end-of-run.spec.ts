import { asyncScheduler } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import { atEndOfRun, endOfRunTask } from '../../lib/delivery/end-of-run';

/** Lets every queued microtask run. */
const microtasks = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('endOfRunTask on the real clock', () => {
  it('runs once at the end of the run however often it is asked, tasks in the order first asked', async () => {
    const ran: string[] = [];
    const a = endOfRunTask(asyncScheduler, () => ran.push('a'));
    const b = endOfRunTask(asyncScheduler, () => ran.push('b'));
    b.request();
    a.request();
    b.request();
    a.request();
    expect(ran).toEqual([]);
    await microtasks();
    expect(ran).toEqual(['b', 'a']);
    a.request();
    await microtasks();
    expect(ran).toEqual(['b', 'a', 'a']);
  });

  it('a cancelled run does not happen; asked again, it runs in its new place', async () => {
    const ran: string[] = [];
    const a = endOfRunTask(asyncScheduler, () => ran.push('a'));
    const b = endOfRunTask(asyncScheduler, () => ran.push('b'));
    const c = endOfRunTask(asyncScheduler, () => ran.push('c'));
    a.request();
    b.request();
    a.unsubscribe();
    c.request();
    a.request();
    c.unsubscribe();
    await microtasks();
    expect(ran).toEqual(['b', 'a']);
  });

  it('what a task asks for while the run ends comes in the next microtask, itself included', async () => {
    const ran: string[] = [];
    let again = true;
    const a = endOfRunTask(asyncScheduler, () => {
      ran.push('a');
      if (again) {
        again = false;
        a.request();
        b.request();
      }
    });
    const b = endOfRunTask(asyncScheduler, () => ran.push('b'));
    a.request();
    await microtasks();
    expect(ran).toEqual(['a', 'a', 'b']);
  });

  it('a task that throws does not keep the others from running; its error is thrown on its own', async () => {
    const ran: string[] = [];
    const boom = new Error('boom');
    // The rethrow is queued on its own; caught here instead of failing the run.
    const queue = jest.spyOn(globalThis, 'queueMicrotask').mockImplementation(() => undefined);
    try {
      endOfRunTask(asyncScheduler, () => {
        throw boom;
      }).request();
      endOfRunTask(asyncScheduler, () => ran.push('b')).request();
      await microtasks();
      expect(ran).toEqual(['b']);
      expect(queue).toHaveBeenCalledTimes(1);
      const [[rethrow]] = queue.mock.calls;
      expect(rethrow).toThrow(boom);
    } finally {
      queue.mockRestore();
    }
  });

  it('atEndOfRun runs once; its handle cancels it', async () => {
    const ran: string[] = [];
    atEndOfRun(asyncScheduler, () => ran.push('kept'));
    atEndOfRun(asyncScheduler, () => ran.push('cancelled')).unsubscribe();
    await microtasks();
    expect(ran).toEqual(['kept']);
  });
});

describe('endOfRunTask on an injected scheduler', () => {
  it('runs at the same virtual time, once however often asked; a cancelled one not at all', marbles((m) => {
    const ran: Array<[string, number]> = [];
    const a = endOfRunTask(m.scheduler, () => ran.push(['a', m.scheduler.now()]));
    const b = endOfRunTask(m.scheduler, () => ran.push(['b', m.scheduler.now()]));
    m.scheduler.schedule(() => {
      a.request();
      a.request();
      b.request();
      b.unsubscribe();
    }, 3);
    m.flush();
    expect(ran).toEqual([['a', 3]]);
  }));
});
