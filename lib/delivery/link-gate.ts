import { catchError, distinctUntilChanged, map, type Observable, type SchedulerLike } from '../rx';
import { combineLatest, concat, NEVER, of, ReplaySubject, share, tap } from '../rx-extra';
import { logger } from '../logging';

const log = logger('delivery');

/**
 * Whether sends may start: the link is up and the circuit lets sends through (`ready$`, latest
 * value replayed to every stage). A link that stops reporting keeps its last state; one whose
 * state stream fails is down from then on (logged), so messages are held, never lost.
 */
export class LinkGate {
  readonly ready$: Observable<boolean>;
  #ready = false;
  /** Clock time the link last came up. */
  #connectedSince = Number.POSITIVE_INFINITY;

  constructor(
    connected$: Observable<boolean>,
    passing$: Observable<boolean>,
    scheduler: SchedulerLike,
    /** The link came up or went down (for the log). */
    changed: (connected: boolean) => void,
  ) {
    const link$ = concat(connected$, NEVER).pipe(
      catchError((error: unknown) => {
        log('connection state failed, holding messages from now on: %s', String(error));
        return concat(of(false), NEVER);
      }),
      distinctUntilChanged(),
      tap((connected) => {
        if (connected) this.#connectedSince = scheduler.now();
        changed(connected);
      }),
    );
    this.ready$ = combineLatest([link$, passing$]).pipe(
      map(([connected, passing]) => connected && passing),
      distinctUntilChanged(),
      tap((ready) => (this.#ready = ready)),
      share({ connector: () => new ReplaySubject<boolean>(1) }),
    );
  }

  /** Whether sends may start now. */
  get ready(): boolean {
    return this.#ready;
  }

  /** Whether a message accepted at `acceptedAt` waited for the link to come up. */
  waitedForLink(acceptedAt: number): boolean {
    return acceptedAt < this.#connectedSince;
  }
}
