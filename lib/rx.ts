/**
 * The RxJS pieces the SDK's core uses. Every file in `lib/` imports RxJS from here or from
 * `rx-extra.ts`, so the set the SDK depends on is in one place. Imports come from the public
 * `rxjs` entry only (RxJS is a peer dependency: the application's own copy is the one used, and
 * values from here and from the application's `rxjs` are the same classes). The CLI's start-up
 * is kept short by bundling it (see `scripts/bundle-cli.mjs`), not by reaching into RxJS internals.
 *
 * Functions and constants are read once at load rather than re-exported: a re-export compiles to
 * a getter that every use calls (twice, with RxJS's own), and the delivery path uses several of
 * them once per message.
 */
import * as rxjs from 'rxjs';

// Classes are re-exported: they are types too, and the public declarations name RxJS's own.
export { BehaviorSubject, Observable, Subject, Subscription } from 'rxjs';

export const asapScheduler: rxjs.SchedulerLike = rxjs.asapScheduler;
export const asyncScheduler: rxjs.SchedulerLike = rxjs.asyncScheduler;
export const catchError = rxjs.catchError;
export const defer = rxjs.defer;
export const distinctUntilChanged = rxjs.distinctUntilChanged;
export const EMPTY = rxjs.EMPTY;
export const filter = rxjs.filter;
export const firstValueFrom = rxjs.firstValueFrom;
export const interval = rxjs.interval;
export const map = rxjs.map;
export const pairwise = rxjs.pairwise;
export const startWith = rxjs.startWith;
export const switchMap = rxjs.switchMap;
export const take = rxjs.take;
export const takeUntil = rxjs.takeUntil;
export const throwError = rxjs.throwError;
export const throwIfEmpty = rxjs.throwIfEmpty;
export const timeout = rxjs.timeout;
export const timer = rxjs.timer;
export type { Observer, OperatorFunction, SchedulerAction, SchedulerLike, Subscriber, Unsubscribable } from 'rxjs';
