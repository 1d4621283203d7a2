/**
 * The RxJS pieces that only the modem, cellular and inbound layers use, kept apart from `rx.ts`
 * so each list says which layers need what. From the public `rxjs` entry, like `rx.ts`.
 */
export {
  combineLatest,
  concat,
  concatMap,
  exhaustMap,
  finalize,
  first,
  from,
  ignoreElements,
  last,
  lastValueFrom,
  merge,
  race,
  mergeMap,
  NEVER,
  of,
  reduce,
  repeat,
  ReplaySubject,
  retry,
  scan,
  share,
  skip,
  takeWhile,
  tap,
} from 'rxjs';
export type { MonoTypeOperatorFunction, ObservableInput } from 'rxjs';
