import { defer, finalize, tap, type Observable, type SchedulerLike } from 'rxjs';
import type { OutboundMessage } from '../../lib/cloud/outbound-message';
import type { SendResult } from '../../lib/cloud/send-result';

const result = (code: number, name: string, ok: boolean, retryable: boolean): SendResult => ({
  code,
  name,
  description: name,
  ok,
  retryable,
});

/** Answers as the cloud gives them (PROTOCOL.md §1). */
export const OK = result(0, 'ERR_OK', true, false);
export const CONN_CLOSED = result(1, 'ERR_CONNCLOSED', true, false);
export const AUTH_INVALID = result(3, 'ERR_AUTHINVALID', false, false);
export const INTERNAL = result(6, 'ERR_INTERNAL', false, true);
export const UNKNOWN = result(-1, 'ERR_UNKNOWN', false, true);

export interface SendCall {
  readonly data: string;
  readonly topics: readonly string[];
  /** Clock time the send was subscribed. */
  readonly at: number;
  /** How many earlier sends of the same data there were. */
  readonly attempt: number;
}

/**
 * A stand-in for the cloud transport (the real TCP transport is tested with the emulator at
 * integration): each send is the Observable `answer(data, attempt)` returns, and every call is
 * recorded with its time, plus the most sends under way at once and any message sent twice at once.
 */
export function fakeSend(scheduler: SchedulerLike, answer: (data: string, attempt: number) => Observable<SendResult>) {
  const calls: SendCall[] = [];
  const active = new Set<string>();
  const state = { maxConcurrent: 0, sameMessageTwiceAtOnce: 0, cancelled: 0, answered: 0 };
  const send = (message: OutboundMessage): Observable<SendResult> =>
    defer(() => {
      const attempt = calls.filter((call) => call.data === message.data).length;
      calls.push({ data: message.data, topics: message.topics, at: scheduler.now(), attempt });
      if (active.has(message.data)) state.sameMessageTwiceAtOnce++;
      active.add(message.data);
      state.maxConcurrent = Math.max(state.maxConcurrent, active.size);
      let finished = false;
      return answer(message.data, attempt).pipe(
        // A send counts as under way until it answers, errors or completes.
        tap({
          next: () => {
            finished = true;
            state.answered++;
            active.delete(message.data);
          },
          error: () => {
            finished = true;
            active.delete(message.data);
          },
          complete: () => {
            finished = true;
            active.delete(message.data);
          },
        }),
        finalize(() => {
          active.delete(message.data);
          if (!finished) state.cancelled++;
        }),
      );
    });
  return { send, calls, state };
}
