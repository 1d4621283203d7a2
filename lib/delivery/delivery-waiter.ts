import type { SchedulerLike, Subscriber, Unsubscribable } from '../rx';
import type { OutboundMessage } from '../cloud/outbound-message';
import type { SendResult } from '../cloud/send-result';
import { messageResult, type MessageResult } from './message-result';
import { MessageTimeoutError } from './message-timeout-error';
import { checkBoundedDuration } from '../validation/duration';

/**
 * Someone waiting for the fate of one or more messages. Only messages somebody awaits get one;
 * messages piped in fire-and-forget cost nothing beyond their outbox entry.
 */
export interface DeliveryWaiter {
  delivered(result: SendResult): void;
  failed(result: SendResult, error: Error): void;
  /** Dropped, refused, or the pipeline closed: this message will not be reported any further. */
  gaveUp(error: Error): void;
  /** A send failed transiently with `cause`; the message is tried again. */
  retrying?(cause: unknown): void;
  /** Stops waiting (the subscriber left): releases the waiter's timer, if any. */
  release?(): void;
}

/** How long `submit` / `submit$` wait: `timeoutMs` (none by default). */
export interface SubmitOptions {
  readonly timeoutMs?: number;
}

/** What a `SingleMessageWaiter` needs to time out. */
export interface WaitLimit {
  readonly timeoutMs: number;
  readonly scheduler: SchedulerLike;
}

/** The waiting limit of `options`, checked (none: undefined, nothing to build). */
export function waitLimit(options: SubmitOptions | undefined, scheduler: SchedulerLike): WaitLimit | undefined {
  const timeoutMs = options?.timeoutMs;
  if (timeoutMs === undefined) return undefined;
  checkBoundedDuration('timeoutMs', timeoutMs, { positive: true });
  return { timeoutMs, scheduler };
}

/**
 * One awaited message (`submit` / `submit$`): `resolve` gets its result with the message, once
 * delivered; a permanent failure, a drop or a close goes to `reject`. With `timeout`, stops
 * waiting after that long with a `MessageTimeoutError` that carries the last failure's cause (a
 * refused connection and a silent cloud do not look alike); a Promise that timed out stays
 * registered, harmlessly, until its message settles. One object per message: awaited sends are many.
 */
export class SingleMessageWaiter implements DeliveryWaiter {
  /** The cause of the last transient failure, if any. */
  #lastFailure: unknown;
  readonly #timer: Unsubscribable | undefined;

  readonly #message: OutboundMessage;
  readonly #resolve: (result: MessageResult) => void;
  readonly #reject: (error: Error) => void;

  constructor(
    message: OutboundMessage,
    resolve: (result: MessageResult) => void,
    reject: (error: Error) => void,
    timeout?: WaitLimit,
  ) {
    this.#message = message;
    this.#resolve = resolve;
    this.#reject = reject;
    this.#timer = timeout?.scheduler.schedule(() => reject(new MessageTimeoutError(message, timeout.timeoutMs, this.#lastFailure)), timeout.timeoutMs);
  }

  delivered(result: SendResult): void {
    this.release();
    this.#resolve(messageResult(result, this.#message));
  }

  failed(_result: SendResult, error: Error): void {
    this.gaveUp(error);
  }

  gaveUp(error: Error): void {
    this.release();
    this.#reject(error);
  }

  retrying(cause: unknown): void {
    this.#lastFailure = cause;
  }

  release(): void {
    this.#timer?.unsubscribe();
  }
}

/**
 * `submitMany$()`: every result as it comes (delivered or permanently failed), complete after the
 * last; a drop or close is an error, since the batch can then never be complete.
 */
export function batchWaiter(subscriber: Subscriber<SendResult>, count: number): DeliveryWaiter {
  /** Messages of the batch not settled yet. */
  let remaining = count;
  const settle = (result: SendResult) => {
    subscriber.next(result);
    if (--remaining === 0) subscriber.complete();
  };
  return {
    delivered: settle,
    failed: (result) => settle(result),
    gaveUp: (error) => subscriber.error(error),
  };
}
