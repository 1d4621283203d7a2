import { catchError, throwError, type MonoTypeOperatorFunction } from 'rxjs';

/**
 * rxjs-marbles compares an error notification by `name` and `message` only. Piped onto the
 * observable under test, this hands the matcher a plain copy of the error that keeps its own fields
 * too (`reason`, `cmeError`...), so an expected `expect.objectContaining({ reason: 'timeout' })`
 * checks them.
 */
export function withErrorFields<T>(): MonoTypeOperatorFunction<T> {
  return catchError((error: unknown) =>
    throwError(() => (error instanceof Error ? { ...error, name: error.name, message: error.message } : error)),
  );
}
