import type { Observable } from 'rxjs';
import type { Transport } from '../../cloud/transport';
import type { LinkInput } from './cellular-input';

/**
 * A modem's data connection, as the cellular network drives it. Rules:
 * - `prepare()` makes the modem usable for a new attempt (after PPP: takes the port back); it
 *   rejects if it cannot, and the attempt fails.
 * - `up$(apn)` is cold: it emits `starting`, then `up` (with how data flows) once messages can
 *   pass; it never completes while the link is up and errors (`CellularLinkLostError` or the
 *   failure) when the link cannot come up or drops. Unsubscribing stops what it started that
 *   cannot stay without an owner (pppd); a PDP context is left up for the next attempt.
 * - `down()` takes the link down on purpose (`disconnect()`): deactivates the context or waits
 *   for pppd to stop.
 * - `transport` carries messages while up: the modem's AT sockets, or undefined (the kernel's TCP
 *   over `ppp0`).
 * - `close()` releases everything the link created.
 */
export interface DataLink {
  readonly mode: 'sockets' | 'ppp';
  readonly transport: Transport | undefined;
  prepare(): Promise<void>;
  up$(apn: string): Observable<LinkInput>;
  down(): Promise<void>;
  close(): Promise<void>;
}
