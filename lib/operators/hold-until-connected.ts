import type { Observable, OperatorFunction } from '../rx';
import { boundedHold } from './bounded-hold';

/**
 * Passes values through while `connected$` last said `true`, holds them while it said `false`
 * (or has not said anything yet), and releases everything held, in order, as soon as it says
 * `true` again. Each value is emitted exactly once: nothing is held twice, nothing released twice.
 *
 * ```
 * connected$: f---t-------f-----t---|
 * source:     -a-b----c------d-e-----|
 * result:     ----(ab)c---------(de)-|
 * ```
 *
 * Unbounded: use `boundedHold` to cap memory while offline. A source completion waits until what
 * is held has been released; a source or `connected$` error is forwarded at once.
 */
export function holdUntilConnected<T>(connected$: Observable<boolean>): OperatorFunction<T, T> {
  return boundedHold<T>(connected$);
}
