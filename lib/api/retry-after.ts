/**
 * How long a `Retry-After` header asks to wait, in milliseconds: delay-seconds (`120`) or an
 * HTTP-date, measured from `nowMs`; a date in the past is 0. Undefined when absent or unreadable.
 * Pure (the clock is an argument), so it is table-tested.
 */
export function parseRetryAfter(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (/^[0-9]{1,9}$/.test(text)) return Number(text) * 1000;
  // An HTTP-date names its weekday and GMT; anything else (a bare number with a sign, a word) is unreadable.
  if (!/^[A-Za-z]{3}, .+ GMT$/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** The statuses whose `Retry-After` the client honours: rate limited, and unavailable for now. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 503;
}

/**
 * Whether a 429 or 503 asking to wait `retryAfterMs` is tried again: only when the wait ends
 * before the call's deadline with `marginMs` left for the new answer, and attempts remain.
 */
export function shouldRetry(retryAfterMs: number | undefined, remainingMs: number, attemptsLeft: number, marginMs: number): retryAfterMs is number {
  return retryAfterMs !== undefined && attemptsLeft > 0 && retryAfterMs + marginMs <= remainingMs;
}
