import { asyncScheduler, type SchedulerLike } from '../rx';
import type { Network } from './network';
import { connectedState } from './network-state';
import { NetworkStateStore } from './network-state-store';

/**
 * The default network (name `''`): the host is assumed to be online, as the reference SDK's
 * default. It is connected from construction until `close()`; `connect()` and `disconnect()`
 * resolve without doing anything, because there is no link of ours to bring up or down.
 */
export class NoneNetwork implements Network {
  readonly name = '' as const;
  private readonly store: NetworkStateStore;

  constructor(options: { readonly scheduler?: SchedulerLike } = {}) {
    const scheduler = options.scheduler ?? asyncScheduler;
    this.store = new NetworkStateStore(connectedState(scheduler.now(), 'host network'));
  }

  get state$() {
    return this.store.state$;
  }

  get connected$() {
    return this.store.connected$;
  }

  get state() {
    return this.store.state;
  }

  async connect(): Promise<void> {}

  async disconnect(): Promise<void> {}

  close(): void {
    this.store.complete();
  }
}
