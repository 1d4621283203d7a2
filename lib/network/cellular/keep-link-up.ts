import { catchError, defer, throwError, type Observable, type SchedulerLike } from '../../rx';
import { concat, of } from '../../rx-extra';
import type { BackoffOptions } from '../../operators/backoff-options';
import { retryWithBackoff } from '../../operators/retry-with-backoff';
import { linkDown, type LinkInput } from './cellular-input';

export interface KeepLinkUpConfig {
  readonly backoff: BackoffOptions;
  readonly scheduler: SchedulerLike;
  /** Failures after which trying again cannot help (a closed modem that is not ours). Default: none. */
  readonly shouldRetry?: (error: unknown) => boolean;
  /** How a failure reads in the disconnected state (default: the error's message). */
  readonly reason?: (error: unknown) => string;
}

const defaultReason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Keeps a data link up for as long as it is subscribed: runs `attempt` (whose link inputs it
 * forwards), and when the attempt fails or the link it brought up drops (the attempt errors),
 * emits `down` with the reason, waits with exponential backoff and full jitter, and tries again.
 * The backoff restarts from its first step once a link stayed up for `backoff.resetAfterMs`.
 * A failure `shouldRetry` rejects ends the loop with that error, after its `down`.
 *
 * ```
 * (initialMs 10, random () => 1: waits 10, then 20 frames)
 * attempt: -s-u-#          (s starting, u up, # link lost)
 * output:  -s-u-d 9ms -s-u-d 19ms -s-u-...    (d down with the reason)
 * ```
 */
export function keepLinkUp(attempt: Observable<LinkInput>, config: KeepLinkUpConfig): Observable<LinkInput> {
  const reason = config.reason ?? defaultReason;
  return defer(() => attempt).pipe(
    catchError((error: unknown) => concat(of(linkDown(reason(error))), throwError(() => error))),
    retryWithBackoff({ ...config.backoff, scheduler: config.scheduler, shouldRetry: config.shouldRetry }),
  );
}
