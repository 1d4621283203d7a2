import { BehaviorSubject, distinctUntilChanged, map, type Observable } from '../rx';
import { isConnected, type NetworkState } from './network-state';

/**
 * Holds one network's state and keeps the `Network` rules in one place, so each implementation
 * only decides *which* state it is in: `state$` replays the current state and then emits each
 * change once (a state of the same kind as the current one is ignored, keeping the first `since`),
 * `connected$` is the distinct boolean view, `state` is synchronous, and `complete()` ends both.
 */
export class NetworkStateStore {
  /** Private: callers see only Observables. */
  private readonly subject: BehaviorSubject<NetworkState>;
  readonly state$: Observable<NetworkState>;
  readonly connected$: Observable<boolean>;

  constructor(initial: NetworkState) {
    this.subject = new BehaviorSubject(initial);
    this.state$ = this.subject.asObservable();
    this.connected$ = this.state$.pipe(map(isConnected), distinctUntilChanged());
  }

  get state(): NetworkState {
    return this.subject.value;
  }

  get closed(): boolean {
    return this.subject.isStopped;
  }

  /** Enters `next` unless it is the same kind as the current state; returns whether it changed. */
  set(next: NetworkState): boolean {
    if (this.subject.isStopped || next.kind === this.subject.value.kind) return false;
    this.subject.next(next);
    return true;
  }

  /** Completes `state$` and `connected$`; later `set()` calls are ignored. */
  complete(): void {
    this.subject.complete();
  }
}
