import type { Observable } from '../rx';

/** One request/response exchange: connect, write the payload, read the reply, close. */
export interface ExchangeRequest {
  readonly host: string;
  readonly port: number;
  readonly payload: Buffer;
  /** Give up connecting after this long (default 5000 ms). */
  readonly connectTimeoutMs?: number;
  /** Give up waiting for the peer to close after this long (default 5000 ms). */
  readonly replyTimeoutMs?: number;
  /**
   * Whether the bytes read so far are the whole reply: then the exchange ends at once, without
   * waiting for the peer to close (a cloud reply such as `[0,0]`). Absent: read until the close.
   */
  readonly replyComplete?: (reply: Buffer) => boolean;
  /**
   * Without `replyComplete`: the reply is whole once the peer, having sent something, stays
   * silent this long (default 250 ms), so a server that answers and keeps the connection open
   * does not cost the whole reply timeout.
   */
  readonly replyIdleMs?: number;
}

/**
 * Carries one message per connection. The host's TCP stack implements it (`TcpTransport`); so do
 * the modem's AT sockets (u-blox, Quectel) for a cellular network.
 *
 * Rules every implementation keeps:
 * - `exchange$()` is cold: nothing happens until subscribe; each subscription is one connection.
 * - It emits the whole reply once, then completes: everything read until the peer closed, until
 *   `replyComplete` says the bytes read are whole, or (without it) until the peer that answered
 *   stayed silent for `replyIdleMs` (the connection is then closed by us).
 * - Unsubscribing before that closes the connection and clears every timer at once.
 * - Failures are typed `TransportError`s (refused, timed out, reset...), never raw errors.
 */
export interface Transport {
  exchange$(request: ExchangeRequest): Observable<Buffer>;
}
