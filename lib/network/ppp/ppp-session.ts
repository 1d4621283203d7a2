import type { PppdOutputEvent } from './pppd-output-parser';

/** What is known so far about a pppd run, accumulated from its output (pure). */
export interface PppSession {
  readonly interface?: string;
  readonly device?: string;
  readonly localIP?: string;
  readonly remoteIP?: string;
  readonly dns: readonly string[];
  /** The latest explanation of a failure or drop, for the error that follows the exit. */
  readonly detail?: string;
}

/**
 * The addresses of an established PPP link. DNS servers are not part of it: pppd prints them
 * after the remote address, so waiting for them would make "connected" depend on line timing;
 * with `usepeerdns` pppd writes them to /etc/ppp/resolv.conf itself.
 */
export interface PPPEndpoints {
  readonly interface: string;
  readonly localIP: string;
  readonly remoteIP: string;
}

export const initialPppSession: PppSession = { dns: [] };

/** Folds one output event into the session; a link that goes down forgets its addresses. */
export function reducePppSession(session: PppSession, event: PppdOutputEvent): PppSession {
  switch (event.kind) {
    case 'interface':
      return { ...session, interface: event.interface };
    case 'connect':
      return { ...session, interface: event.interface, device: event.device };
    case 'local-ip':
      // A link coming up starts a new story: earlier explanations no longer apply.
      return { ...session, localIP: event.address, detail: undefined };
    case 'remote-ip':
      return { ...session, remoteIP: event.address };
    case 'dns':
      return { ...session, dns: [...session.dns.filter((address) => address !== event.address), event.address] };
    case 'failure':
    case 'link-down':
    case 'chat-failed':
      // The first explanation is the cause: chat's "the modem answered NO CARRIER" beats the
      // "Connect script failed" after it, and "Modem hangup" beats "Connection terminated".
      return { ...session, localIP: undefined, remoteIP: undefined, dns: [], detail: session.detail ?? event.detail };
    default:
      return session;
  }
}

/** The endpoints once both addresses are known; the interface defaults to pppd's usual `ppp0`. */
export function pppEndpoints(session: PppSession): PPPEndpoints | undefined {
  if (session.localIP === undefined || session.remoteIP === undefined) return undefined;
  return { interface: session.interface ?? 'ppp0', localIP: session.localIP, remoteIP: session.remoteIP };
}
