import type { ATEngine } from '../modem/at/at-engine';
import { modemEngine } from '../modem/modem-engine';
import type { Network } from '../network/network';
import { UnsupportedNetworkOperationError } from '../network/unsupported-network-operation-error';

/** What receiving asks of the network: its name (for errors), its modem and how its data flows. */
export type ReceivingNetwork = Pick<Network, 'name' | 'modem' | 'transport'>;

/**
 * The AT engine to listen on when inbound connections must come through the modem: the network
 * carries its data over the modem's own transport (AT sockets), and the host's TCP has no route
 * over that link. Undefined: listen on the host (no modem, or PPP, where the host's TCP runs over
 * `ppp0`). Throws `UnsupportedNetworkOperationError` for a modem in sockets mode that cannot
 * listen (only u-blox modems accept inbound connections that way).
 */
export function modemSocketsEngine(network: ReceivingNetwork): ATEngine | undefined {
  const modem = network.modem;
  if (modem === undefined || modem.state === 'closed' || network.transport === undefined) return undefined;
  if (modem.driver.sockets !== 'ublox') {
    throw new UnsupportedNetworkOperationError(
      network.name,
      'startReceiving',
      `${modem.driver.description} carries data over AT sockets and cannot accept inbound connections: use PPP (mode 'ppp') to receive`,
    );
  }
  return modemEngine(modem);
}
