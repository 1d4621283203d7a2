/**
 * The RxJS pieces that only the modem, cellular and inbound layers use, kept apart from `rx.ts`
 * so that `hologram send` does not load them (each is a handful of modules, and start-up is
 * measured). Same objects as the `rxjs` barrel's.
 */
export { asapScheduler } from 'rxjs/internal/scheduler/asap';
export { combineLatest } from 'rxjs/internal/observable/combineLatest';
export { concat } from 'rxjs/internal/observable/concat';
export { concatMap } from 'rxjs/internal/operators/concatMap';
export { exhaustMap } from 'rxjs/internal/operators/exhaustMap';
export { finalize } from 'rxjs/internal/operators/finalize';
export { first } from 'rxjs/internal/operators/first';
export { from } from 'rxjs/internal/observable/from';
export { ignoreElements } from 'rxjs/internal/operators/ignoreElements';
export { last } from 'rxjs/internal/operators/last';
export { merge } from 'rxjs/internal/observable/merge';
export { mergeMap } from 'rxjs/internal/operators/mergeMap';
export { NEVER } from 'rxjs/internal/observable/never';
export { of } from 'rxjs/internal/observable/of';
export { reduce } from 'rxjs/internal/operators/reduce';
export { ReplaySubject } from 'rxjs/internal/ReplaySubject';
export { retry } from 'rxjs/internal/operators/retry';
export { scan } from 'rxjs/internal/operators/scan';
export { share } from 'rxjs/internal/operators/share';
export { tap } from 'rxjs/internal/operators/tap';
export type { MonoTypeOperatorFunction } from 'rxjs/internal/types';
