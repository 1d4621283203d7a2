import { VirtualAction, VirtualTimeScheduler } from 'rxjs';

/** Lets Node run what is due now: promise callbacks, `nextTick`s, stream events, socket I/O. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

/**
 * A virtual clock for scenarios that mix RxJS timers with Node I/O (a modem over a duplex pair or
 * a virtual serial binding, a simulator's sockets): pass it as the `scheduler` of the modem, the
 * simulator and the code under test, then move time with `advance()` or `until()`. Between two
 * timers Node runs everything that is ready (stream events, promises), so an exchange that takes
 * no timer completes at the same virtual instant, and a 5 s timeout costs no real time.
 *
 * Unlike `TestScheduler.run()`, which flushes synchronously, it awaits between actions: streams
 * and promises deliver on later ticks, and a synchronous flush would fire timeouts before they do.
 */
export class VirtualClock extends VirtualTimeScheduler {
  constructor() {
    super(VirtualAction, Infinity);
  }

  /** Runs every timer due within `ms` virtual ms, in order, letting I/O settle after each. */
  async advance(ms: number): Promise<void> {
    const target = this.frame + ms;
    await settle();
    while (await this.#step(target));
    this.frame = Math.max(this.frame, target);
  }

  /**
   * Resolves (or rejects) with `promise`, moving time one timer at a time only while nothing else
   * is happening: a reply over real I/O (a simulator's TCP socket) is waited for in real time, up to
   * `quietMs` of real silence, before the clock jumps to the next timer. Rejects when `limitMs` of
   * virtual time pass first.
   */
  async until<T>(promise: Promise<T>, options: { readonly limitMs?: number; readonly quietMs?: number } = {}): Promise<T> {
    const limit = this.frame + (options.limitMs ?? 3_600_000);
    const quietMs = options.quietMs ?? 20;
    let done = false;
    const watched = promise.finally(() => (done = true));
    watched.catch(() => undefined);
    for (;;) {
      await settle();
      if (done) return watched;
      // Real I/O may still be under way: give it a moment before moving virtual time.
      await new Promise((resolve) => setTimeout(resolve, quietMs));
      if (done) return watched;
      if (!(await this.#step(limit))) {
        if (this.actions.length === 0) continue;
        throw new Error(`virtual clock: still waiting after ${options.limitMs ?? 3_600_000} virtual ms`);
      }
    }
  }

  /** Runs the next timer if it is due by `target`; false when none is. */
  async #step(target: number): Promise<boolean> {
    const action = this.actions[0];
    if (!action || action.delay > target) return false;
    this.actions.shift();
    this.frame = action.delay;
    const error = action.execute(action.state, action.delay);
    if (error) throw error;
    await settle();
    return true;
  }
}
