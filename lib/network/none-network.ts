import { asyncScheduler, type SchedulerLike } from '../rx';
import { checkOptions, checkScheduler, type OptionKeys } from '../options/check-options';
import { connectedState } from './network-state';
import { StatefulNetwork } from './stateful-network';

export interface NoneNetworkOptions {
  /** Clock for `since` (default `asyncScheduler`). */
  readonly scheduler?: SchedulerLike;
}

export const NONE_NETWORK_OPTION_KEYS: OptionKeys<NoneNetworkOptions> = { scheduler: true };

/**
 * The default network (name `''`): the host is assumed to be online, as the reference SDK's
 * default. It is connected from construction until `close()`; `connect()` and `disconnect()`
 * resolve without doing anything, because there is no link of ours to bring up or down.
 */
export class NoneNetwork extends StatefulNetwork {
  readonly name = '' as const;

  constructor(options?: NoneNetworkOptions) {
    const { scheduler = asyncScheduler } = checkOptions('options', options, NONE_NETWORK_OPTION_KEYS);
    super(connectedState(checkScheduler(scheduler).now(), 'host network'));
  }

  async connect(): Promise<void> {}

  async disconnect(): Promise<void> {}
}
