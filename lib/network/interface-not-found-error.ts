import { NetworkError } from '../errors';

/** The interface an `InterfaceNetwork` was asked to watch does not exist on this host. */
export class InterfaceNotFoundError extends NetworkError {
  constructor(
    readonly interfaceName: string,
    /** The interfaces that do exist, to spot a typo or a renamed interface (`enp1s0` for `eth0`). */
    readonly available: readonly string[],
  ) {
    super(
      `network interface '${interfaceName}' does not exist; interfaces on this host: ${available.length > 0 ? available.join(', ') : '(none)'}`,
    );
  }
}
