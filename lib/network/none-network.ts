import { asyncScheduler, type SchedulerLike } from '../rx';
import { connectedState } from './network-state';
import { StatefulNetwork } from './stateful-network';

/**
 * The default network (name `''`): the host is assumed to be online, as the reference SDK's
 * default. It is connected from construction until `close()`; `connect()` and `disconnect()`
 * resolve without doing anything, because there is no link of ours to bring up or down.
 */
export class NoneNetwork extends StatefulNetwork {
  readonly name = '' as const;

  constructor(options: { readonly scheduler?: SchedulerLike } = {}) {
    super(connectedState((options.scheduler ?? asyncScheduler).now(), 'host network'));
  }

  async connect(): Promise<void> {}

  async disconnect(): Promise<void> {}
}
