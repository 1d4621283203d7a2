/**
 * The RxJS pieces the SDK's core uses, imported from their own modules rather than the `rxjs`
 * barrel. Loading the barrel costs `hologram send` most of its start-up time (hundreds of
 * modules); these are the very same classes and functions (the barrel re-exports them), so values
 * from here and from `rxjs` mix freely. Code off the CLI's hot path may import `rxjs` directly.
 */
export { Observable } from 'rxjs/internal/Observable';
export { Subject } from 'rxjs/internal/Subject';
export { Subscription } from 'rxjs/internal/Subscription';
export type { Observer, SchedulerLike } from 'rxjs/internal/types';
export { asyncScheduler } from 'rxjs/internal/scheduler/async';
export { defer } from 'rxjs/internal/observable/defer';
export { timer } from 'rxjs/internal/observable/timer';
export { firstValueFrom } from 'rxjs/internal/firstValueFrom';
export { catchError } from 'rxjs/internal/operators/catchError';
export { distinctUntilChanged } from 'rxjs/internal/operators/distinctUntilChanged';
export { filter } from 'rxjs/internal/operators/filter';
export { map } from 'rxjs/internal/operators/map';
export { take } from 'rxjs/internal/operators/take';
export { BehaviorSubject } from 'rxjs/internal/BehaviorSubject';
export { interval } from 'rxjs/internal/observable/interval';
export { throwError } from 'rxjs/internal/observable/throwError';
export { pairwise } from 'rxjs/internal/operators/pairwise';
export { startWith } from 'rxjs/internal/operators/startWith';
export { throwIfEmpty } from 'rxjs/internal/operators/throwIfEmpty';
export { timeout } from 'rxjs/internal/operators/timeout';
export type { OperatorFunction } from 'rxjs/internal/types';
