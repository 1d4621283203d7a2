import type { InterfaceSnapshot } from './interface-reader';
import { connectedState, connectingState, disconnectedState, type NetworkState } from './network-state';

/**
 * Maps what sysfs says about an interface to a network state (pure).
 *
 * - `up`, or `unknown` (drivers that do not report an operational state) with carrier: connected.
 * - `dormant` / `testing`: connecting (a Wi-Fi interface waiting for authentication, a self-test).
 * - anything else (`down`, `lowerlayerdown`, `notpresent`), or no carrier: disconnected, with the
 *   kernel's word in the reason.
 * - no interface at all (unplugged): disconnected.
 */
export function interfaceState(interfaceName: string, snapshot: InterfaceSnapshot | undefined, since: number): NetworkState {
  if (snapshot === undefined) return disconnectedState(`interface ${interfaceName} does not exist`, since);
  const { operstate, carrier } = snapshot;
  if (operstate === 'dormant' || operstate === 'testing') {
    return connectingState(`interface ${interfaceName} is ${operstate}`, since);
  }
  if ((operstate === 'up' && carrier !== false) || (operstate === 'unknown' && carrier === true)) {
    return connectedState(since, interfaceName);
  }
  if (operstate === 'up' || operstate === 'unknown') {
    return disconnectedState(`interface ${interfaceName} has no carrier`, since);
  }
  return disconnectedState(`interface ${interfaceName} is ${operstate}`, since);
}
