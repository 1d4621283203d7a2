/**
 * The RxJS pieces that only the modem, cellular and inbound layers use, kept apart from `rx.ts`
 * so each list says which layers need what. From the public `rxjs` entry, like `rx.ts`.
 */
import * as rxjs from 'rxjs';

// Classes are re-exported: they are types too, and the public declarations name RxJS's own.
export { ReplaySubject } from 'rxjs';

export const combineLatest = rxjs.combineLatest;
export const concat = rxjs.concat;
export const concatMap = rxjs.concatMap;
export const exhaustMap = rxjs.exhaustMap;
export const finalize = rxjs.finalize;
export const first = rxjs.first;
export const from = rxjs.from;
export const ignoreElements = rxjs.ignoreElements;
export const last = rxjs.last;
export const lastValueFrom = rxjs.lastValueFrom;
export const merge = rxjs.merge;
export const race = rxjs.race;
export const mergeMap = rxjs.mergeMap;
export const NEVER = rxjs.NEVER;
export const of = rxjs.of;
export const reduce = rxjs.reduce;
export const repeat = rxjs.repeat;
export const retry = rxjs.retry;
export const scan = rxjs.scan;
export const share = rxjs.share;
export const skip = rxjs.skip;
export const takeWhile = rxjs.takeWhile;
export const tap = rxjs.tap;
export type { MonoTypeOperatorFunction, ObservableInput } from 'rxjs';
