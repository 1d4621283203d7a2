import type { OperatorFunction } from '../rx';
import { operate, subscribeWith } from './operate';

/**
 * For each value, emits every element of `project(value)` at once, in order: `concatMap` over an
 * array without an inner subscription per value (the delivery pipeline takes entries this way on
 * every wake-up).
 *
 * ```
 * source:          --a---b--|    project(a) = [1, 2], project(b) = []
 * emitEach(project): --(12)---|
 * ```
 */
export function emitEach<T, R>(project: (value: T) => readonly R[]): OperatorFunction<T, R> {
  return operate<T, R>((source, destination) => {
    subscribeWith(source, destination, {
      next: (value) => {
        for (const each of project(value)) destination.next(each);
      },
    });
  });
}
