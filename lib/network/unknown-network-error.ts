import { HologramError } from '../errors';

/** `createNetwork()` was given a name no implementation is registered for. */
export class UnknownNetworkError extends HologramError {
  constructor(
    readonly network: string,
    readonly validNames: readonly string[],
  ) {
    super(`unknown network ${JSON.stringify(network)}; valid names: ${validNames.map((name) => JSON.stringify(name)).join(', ')}`);
  }
}
