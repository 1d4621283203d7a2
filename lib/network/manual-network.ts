import { asyncScheduler, type SchedulerLike } from '../rx';
import { connectedState, disconnectedState } from './network-state';
import { ClosedError } from '../closed-error';
import { StatefulNetwork } from './stateful-network';
import { InvalidArgumentError } from '../errors';
import { checkOptions, checkScheduler, type OptionKeys } from '../options/check-options';
import { describeValue } from '../options/describe-value';

export interface ManualNetworkOptions {
  /** Start connected (default) or disconnected. */
  readonly connected?: boolean;
  /** Clock for `since` (default `asyncScheduler`). */
  readonly scheduler?: SchedulerLike;
}

export const MANUAL_NETWORK_OPTION_KEYS: OptionKeys<ManualNetworkOptions> = { connected: true, scheduler: true };

/**
 * A network whose state the application sets, for applications that know their link better than
 * the SDK can (a router's API, a VPN), and for examples and tests that simulate outages.
 * The application is the link here, so `connect()` / `disconnect()` are the application saying
 * the link is up or down: they set the state, like `setConnected()`.
 */
export class ManualNetwork extends StatefulNetwork {
  readonly name = 'manual' as const;
  readonly #scheduler: SchedulerLike;

  constructor(options?: ManualNetworkOptions) {
    const { connected, scheduler = asyncScheduler } = checkOptions('options', options, MANUAL_NETWORK_OPTION_KEYS);
    if (connected !== undefined && typeof connected !== 'boolean') {
      throw new InvalidArgumentError('connected', `connected must be true or false, got ${describeValue(connected)}`);
    }
    const now = checkScheduler(scheduler).now();
    super(connected === false ? disconnectedState('initially disconnected', now) : connectedState(now, 'manual'));
    this.#scheduler = scheduler;
  }

  /**
   * Declares the link up or down; `reason` is kept in the disconnected state (and as the
   * connected state's `detail`). The current kind with another reason changes the reason only
   * (`since` stays); the same kind and reason again changes nothing.
   * Throws `ClosedError` (`network`) after `close()`, so a late call is not silently lost.
   */
  setConnected(connected: boolean, reason?: string): void {
    if (this.closed) throw new ClosedError('network', this.name);
    const now = this.#scheduler.now();
    this.setState(connected ? connectedState(now, reason ?? 'manual') : disconnectedState(reason ?? 'set disconnected', now));
  }

  async connect(): Promise<void> {
    this.setConnected(true, 'connect()');
  }

  async disconnect(): Promise<void> {
    this.setConnected(false, 'disconnect()');
  }
}
