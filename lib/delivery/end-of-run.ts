import { asyncScheduler, type SchedulerLike, type Unsubscribable } from '../rx';

/**
 * One piece of work that runs once when the current synchronous run ends, however often it is
 * asked for during the run. `unsubscribe` cancels a run asked for and not yet done.
 */
export interface EndOfRunTask extends Unsubscribable {
  request(): void;
}

/**
 * "When this synchronous run ends" for a scheduler: a microtask on the real clock (so an awaited
 * send is not held up by a timer), a zero-delay action on an injected scheduler (so virtual time
 * sees the same order). The delivery stages ask for one per message, so on the real clock a task
 * is made once and asking allocates nothing: garbage here is paid for in collection time by the
 * sockets.
 */
export function endOfRunTask(scheduler: SchedulerLike, work: () => void): EndOfRunTask {
  return scheduler === asyncScheduler ? new MicrotaskTask(work) : new ScheduledTask(scheduler, work);
}

/** Runs `work` once the current synchronous run ends (a task used once). */
export function atEndOfRun(scheduler: SchedulerLike, work: () => void): Unsubscribable {
  const task = endOfRunTask(scheduler, work);
  task.request();
  return task;
}

/**
 * The tasks asked for in this run, in the order asked: one microtask runs them all. A microtask
 * each would cost an `AsyncResource` each in Node, and most runs ask for two or three.
 */
let queued: MicrotaskTask[] = [];
/** The other list, swapped in while one runs (nothing allocated per run). */
let spare: MicrotaskTask[] = [];

function runQueued(): void {
  const tasks = queued;
  queued = spare;
  // What they ask for meanwhile waits for the next microtask. One that throws does not keep the
  // others from running: its error is thrown on its own, uncaught, as if it had had its own microtask.
  for (const task of tasks) {
    try {
      task.run();
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  }
  tasks.length = 0;
  spare = tasks;
}

class MicrotaskTask implements EndOfRunTask {
  /** Whether a run is asked for and not yet done. */
  #requested = false;
  /** Places in the queue of runs since cancelled: the next ones to come do nothing. */
  #stale = 0;

  constructor(private readonly work: () => void) {}

  request(): void {
    if (this.#requested) return;
    this.#requested = true;
    if (queued.length === 0) queueMicrotask(runQueued);
    queued.push(this);
  }

  unsubscribe(): void {
    if (!this.#requested) return;
    this.#requested = false;
    this.#stale += 1;
  }

  run(): void {
    if (this.#stale > 0) {
      this.#stale -= 1;
      return;
    }
    this.#requested = false;
    this.work();
  }
}

class ScheduledTask implements EndOfRunTask {
  #action?: Unsubscribable;

  constructor(
    private readonly scheduler: SchedulerLike,
    private readonly work: () => void,
  ) {}

  request(): void {
    this.#action ??= this.scheduler.schedule(() => {
      this.#action = undefined;
      this.work();
    });
  }

  unsubscribe(): void {
    this.#action?.unsubscribe();
    this.#action = undefined;
  }
}
