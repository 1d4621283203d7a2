/**
 * The RxJS pieces the SDK's core uses. Every file in `lib/` imports RxJS from here or from
 * `rx-extra.ts`, so the set the SDK depends on is in one place. Imports come from the public
 * `rxjs` entry only (RxJS is a peer dependency: the application's own copy is the one used, and
 * values from here and from the application's `rxjs` are the same classes). The CLI's start-up
 * is kept short by bundling it (see `scripts/bundle-cli.mjs`), not by reaching into RxJS internals.
 */
export {
  asapScheduler,
  asyncScheduler,
  BehaviorSubject,
  catchError,
  defer,
  distinctUntilChanged,
  EMPTY,
  filter,
  firstValueFrom,
  interval,
  map,
  Observable,
  pairwise,
  startWith,
  Subject,
  Subscriber,
  Subscription,
  switchMap,
  take,
  takeUntil,
  throwError,
  throwIfEmpty,
  timeout,
  timer,
} from 'rxjs';
export type { Observer, OperatorFunction, SchedulerAction, SchedulerLike, TeardownLogic, Unsubscribable } from 'rxjs';
