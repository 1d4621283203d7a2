import { HologramError } from '../errors';
import { describeValue } from '../options/describe-value';

/** `createNetwork()` was given a name no implementation is registered for. */
export class UnknownNetworkError extends HologramError {
  constructor(
    readonly network: string,
    readonly validNames: readonly string[],
  ) {
    super(`unknown network ${describeValue(network)}; valid names: ${validNames.map((name) => describeValue(name)).join(', ')}`);
  }
}
