/**
 * The RxJS pieces the SDK's core uses, imported from their own modules rather than the `rxjs`
 * barrel. Loading the barrel costs `hologram send` most of its start-up time (hundreds of
 * modules); these are the very same classes and functions (the barrel re-exports them), so values
 * from here and from `rxjs` mix freely. Every file in `lib/` imports RxJS from here; tests and
 * applications use `rxjs` as usual.
 */
export { asyncScheduler } from 'rxjs/internal/scheduler/async';
export { BehaviorSubject } from 'rxjs/internal/BehaviorSubject';
export { catchError } from 'rxjs/internal/operators/catchError';
export { combineLatest } from 'rxjs/internal/observable/combineLatest';
export { concat } from 'rxjs/internal/observable/concat';
export { concatMap } from 'rxjs/internal/operators/concatMap';
export { defer } from 'rxjs/internal/observable/defer';
export { distinctUntilChanged } from 'rxjs/internal/operators/distinctUntilChanged';
export { EMPTY } from 'rxjs/internal/observable/empty';
export { exhaustMap } from 'rxjs/internal/operators/exhaustMap';
export { finalize } from 'rxjs/internal/operators/finalize';
export { filter } from 'rxjs/internal/operators/filter';
export { first } from 'rxjs/internal/operators/first';
export { firstValueFrom } from 'rxjs/internal/firstValueFrom';
export { from } from 'rxjs/internal/observable/from';
export { ignoreElements } from 'rxjs/internal/operators/ignoreElements';
export { interval } from 'rxjs/internal/observable/interval';
export { last } from 'rxjs/internal/operators/last';
export { map } from 'rxjs/internal/operators/map';
export { merge } from 'rxjs/internal/observable/merge';
export { mergeMap } from 'rxjs/internal/operators/mergeMap';
export { NEVER } from 'rxjs/internal/observable/never';
export { Observable } from 'rxjs/internal/Observable';
export { of } from 'rxjs/internal/observable/of';
export { pairwise } from 'rxjs/internal/operators/pairwise';
export { reduce } from 'rxjs/internal/operators/reduce';
export { ReplaySubject } from 'rxjs/internal/ReplaySubject';
export { retry } from 'rxjs/internal/operators/retry';
export { scan } from 'rxjs/internal/operators/scan';
export { share } from 'rxjs/internal/operators/share';
export { startWith } from 'rxjs/internal/operators/startWith';
export { Subject } from 'rxjs/internal/Subject';
export { Subscription } from 'rxjs/internal/Subscription';
export { switchMap } from 'rxjs/internal/operators/switchMap';
export { take } from 'rxjs/internal/operators/take';
export { takeUntil } from 'rxjs/internal/operators/takeUntil';
export { tap } from 'rxjs/internal/operators/tap';
export { throwError } from 'rxjs/internal/observable/throwError';
export { throwIfEmpty } from 'rxjs/internal/operators/throwIfEmpty';
export { timeout } from 'rxjs/internal/operators/timeout';
export { timer } from 'rxjs/internal/observable/timer';
export type { MonoTypeOperatorFunction } from 'rxjs/internal/types';
export type { Observer, SchedulerLike } from 'rxjs/internal/types';
export type { OperatorFunction } from 'rxjs/internal/types';
export type { Subscriber } from 'rxjs/internal/Subscriber';
