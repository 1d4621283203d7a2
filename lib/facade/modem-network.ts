import { map, type Observable } from '../rx';
import type { ATEngine } from '../modem/at/at-engine';
import { modemEngine, type Modem } from '../modem/modem';
import type { Network } from '../network/network';
import type { NetworkState } from '../network/network-state';
import { UnsupportedNetworkOperationError } from '../network/unsupported-network-operation-error';

/**
 * What the facade reads from a network that drives a modem (the cellular network): the modem once
 * it is open, how data flows, and its `cellular.*` events. Every member is optional, so any
 * `Network` can be looked at through it.
 */
export interface ModemNetwork {
  readonly modem?: Modem;
  /** The modem each time the network opens one (the cellular network opens its own late). */
  readonly modem$?: Observable<Modem | undefined>;
  readonly dataMode?: 'sockets' | 'ppp';
  readonly events$?: Observable<{ readonly name: string; readonly state: NetworkState }>;
}

/** The network's modem, if it drives one (undefined until it opened it, and for other networks). */
export function networkModem(network: Network): Modem | undefined {
  return (network as ModemNetwork).modem ?? undefined;
}

/**
 * The network's modem each time it may have changed: a network that opens its modem itself says
 * so on `modem$` (at once, not at its next state change); any other is asked at each state change.
 */
export function networkModem$(network: Network): Observable<Modem | undefined> {
  return (network as ModemNetwork).modem$ ?? network.state$.pipe(map(() => networkModem(network)));
}

/**
 * The AT engine to listen on when inbound connections must come through the modem: a u-blox
 * modem carrying data over AT sockets. Undefined: listen on the host (no modem, or PPP). Throws
 * `UnsupportedNetworkOperationError` for a modem in sockets mode that cannot listen.
 */
export function modemSocketsEngine(network: Network): ATEngine | undefined {
  const modemNetwork = network as ModemNetwork;
  const modem = modemNetwork.modem;
  if (modem === undefined || modem.state === 'closed') return undefined;
  const sockets = modemNetwork.dataMode === 'sockets' || (modemNetwork.dataMode === undefined && network.transport !== undefined);
  if (!sockets) return undefined;
  if (modem.driver.sockets !== 'ublox') {
    throw new UnsupportedNetworkOperationError(
      network.name,
      'startReceiving',
      `${modem.driver.description} carries data over AT sockets and cannot accept inbound connections: use PPP (mode 'ppp') to receive`,
    );
  }
  return modemEngine(modem);
}
