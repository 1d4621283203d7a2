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
 * is made once and asking costs one promise reaction per run at most, shared by every task asked
 * for in it: garbage here is paid for in collection time by the sockets.
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
 * The tasks asked for in this run, in the order asked (`queued[0..count)`): one microtask runs
 * them all. Node gives every `queueMicrotask` an `AsyncResource`; a reaction to one settled
 * promise costs a fraction, and most runs ask for two or three tasks.
 */
let queued: (MicrotaskTask | undefined)[] = [];
let count = 0;
/** The other list, swapped in while one runs: neither is reallocated from run to run. */
let spare: (MicrotaskTask | undefined)[] = [];
const settled = Promise.resolve();

function runQueued(): void {
  const tasks = queued;
  const n = count;
  queued = spare;
  count = 0;
  // What they ask for meanwhile waits for the next microtask. One that throws does not keep the
  // others from running: its error is thrown on its own, uncaught, as if it had had its own microtask.
  for (let index = 0; index < n; index += 1) {
    const task = tasks[index] as MicrotaskTask;
    tasks[index] = undefined;
    try {
      task.run();
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  }
  spare = tasks;
}

function enqueue(task: MicrotaskTask): void {
  if (count === 0) void settled.then(runQueued);
  queued[count++] = task;
}

class MicrotaskTask implements EndOfRunTask {
  /** Whether a run is asked for and not yet done. */
  #requested = false;
  /** Places in the queue of runs since cancelled: the next ones to come do nothing. */
  #stale = 0;

  readonly #work: () => void;

  constructor(work: () => void) {
    this.#work = work;
  }

  request(): void {
    if (this.#requested) return;
    this.#requested = true;
    enqueue(this);
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
    this.#work();
  }
}

class ScheduledTask implements EndOfRunTask {
  #action?: Unsubscribable;

  readonly #scheduler: SchedulerLike;
  readonly #work: () => void;

  constructor(
    scheduler: SchedulerLike,
    work: () => void,
  ) {
    this.#scheduler = scheduler;
    this.#work = work;
  }

  request(): void {
    this.#action ??= this.#scheduler.schedule(() => {
      this.#action = undefined;
      this.#work();
    });
  }

  unsubscribe(): void {
    this.#action?.unsubscribe();
    this.#action = undefined;
  }
}
