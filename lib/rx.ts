/**
 * The RxJS pieces the SDK's core uses, imported from their own modules rather than the `rxjs`
 * barrel. Loading the barrel costs `hologram send` most of its start-up time (hundreds of
 * modules); these are the very same classes and functions (the barrel re-exports them), so values
 * from here and from `rxjs` mix freely. Every file in `lib/` imports RxJS from here or from
 * `rx-extra.ts`; tests and applications use `rxjs` as usual.
 */
export { asapScheduler } from 'rxjs/internal/scheduler/asap';
export { asyncScheduler } from 'rxjs/internal/scheduler/async';
export { BehaviorSubject } from 'rxjs/internal/BehaviorSubject';
export { catchError } from 'rxjs/internal/operators/catchError';
export { defer } from 'rxjs/internal/observable/defer';
export { distinctUntilChanged } from 'rxjs/internal/operators/distinctUntilChanged';
export { EMPTY } from 'rxjs/internal/observable/empty';
export { filter } from 'rxjs/internal/operators/filter';
export { firstValueFrom } from 'rxjs/internal/firstValueFrom';
export { interval } from 'rxjs/internal/observable/interval';
export { map } from 'rxjs/internal/operators/map';
export { Observable } from 'rxjs/internal/Observable';
export { pairwise } from 'rxjs/internal/operators/pairwise';
export { startWith } from 'rxjs/internal/operators/startWith';
export { Subject } from 'rxjs/internal/Subject';
export { Subscription } from 'rxjs/internal/Subscription';
export { switchMap } from 'rxjs/internal/operators/switchMap';
export { take } from 'rxjs/internal/operators/take';
export { takeUntil } from 'rxjs/internal/operators/takeUntil';
export { throwError } from 'rxjs/internal/observable/throwError';
export { throwIfEmpty } from 'rxjs/internal/operators/throwIfEmpty';
export { timeout } from 'rxjs/internal/operators/timeout';
export { timer } from 'rxjs/internal/observable/timer';
export type { Observer } from 'rxjs/internal/types';
export type { SchedulerLike } from 'rxjs/internal/types';
export type { OperatorFunction } from 'rxjs/internal/types';
export type { Subscriber } from 'rxjs/internal/Subscriber';
