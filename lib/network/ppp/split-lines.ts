import { Observable, type OperatorFunction } from '../../rx';

/**
 * Turns chunks of process output into lines (`\n`, `\r\n` or `\r` ended); a partial line waits for
 * its end, and is emitted when the source completes.
 *
 * ```
 * chunks: -a-b--|     a = "one\ntw", b = "o\n"
 * lines:  -1-2--|     1 = "one", 2 = "two"
 * ```
 */
export function splitLines(): OperatorFunction<string | Buffer, string> {
  return (source) =>
    new Observable<string>((subscriber) => {
      /** Text after the last line end, waiting for the rest of its line. */
      let pending = '';
      return source.subscribe({
        next(chunk) {
          pending += chunk.toString();
          const parts = pending.split(/\r\n|\r|\n/);
          pending = parts.pop()!;
          for (const line of parts) if (line.length > 0) subscriber.next(line);
        },
        error: (error) => subscriber.error(error),
        complete() {
          if (pending.length > 0) subscriber.next(pending);
          pending = '';
          subscriber.complete();
        },
      });
    });
}
