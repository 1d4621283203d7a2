import { HologramError } from '../errors';

/** `sendPeriodicMessage` was called while a periodic message is already running (one at a time). */
export class PeriodicMessageRunningError extends HologramError {
  constructor(
    /** Interval of the job already running, in seconds. */
    readonly runningIntervalSeconds: number,
  ) {
    super(
      `A periodic message is already running (every ${runningIntervalSeconds} s): stop it with stopPeriodicMessage() first`,
    );
  }
}
