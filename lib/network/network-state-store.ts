import { BehaviorSubject, distinctUntilChanged, map, type Observable } from '../rx';
import { isConnected, type NetworkState } from './network-state';

/**
 * Holds one network's state and keeps the `Network` rules in one place, so each implementation
 * only decides *which* state it is in: `state$` replays the current state and then emits each
 * change once, `connected$` is the distinct boolean view, `state` is synchronous, and `complete()`
 * ends both. A state of the same kind with another reason (or connected detail) is a change: it is
 * emitted with the `since` of the current state, so `since` says when the kind was entered and the
 * reason is never stale. The same kind with the same reason is no change and is ignored.
 */
export class NetworkStateStore {
  /** Private: callers see only Observables. */
  readonly #subject: BehaviorSubject<NetworkState>;
  readonly state$: Observable<NetworkState>;
  readonly connected$: Observable<boolean>;

  constructor(initial: NetworkState) {
    this.#subject = new BehaviorSubject(initial);
    this.state$ = this.#subject.asObservable();
    this.connected$ = this.state$.pipe(map(isConnected), distinctUntilChanged());
  }

  get state(): NetworkState {
    return this.#subject.value;
  }

  get closed(): boolean {
    return this.#subject.isStopped;
  }

  /**
   * Enters `next`, or within the same kind takes its reason (or detail) and keeps the current
   * `since`; returns whether anything changed.
   */
  set(next: NetworkState): boolean {
    if (this.#subject.isStopped) return false;
    const current = this.#subject.value;
    if (next.kind !== current.kind) {
      this.#subject.next(next);
      return true;
    }
    if (describe(next) === describe(current)) return false;
    this.#subject.next({ ...next, since: current.since });
    return true;
  }

  /** Completes `state$` and `connected$`; later `set()` calls are ignored. */
  complete(): void {
    this.#subject.complete();
  }
}

/** What a state says besides its kind and `since`: the reason, or how it is connected. */
function describe(state: NetworkState): string | undefined {
  return state.kind === 'connected' ? state.detail : state.reason;
}
