import { InvalidArgumentError } from '../errors';
import { describeValue } from '../options/describe-value';

/** `createNetwork()` was given a name no implementation is registered for: bad input, like any other. */
export class UnknownNetworkError extends InvalidArgumentError {
  constructor(
    readonly network: string,
    readonly validNames: readonly string[],
  ) {
    super('network', `unknown network ${describeValue(network)}; valid names: ${validNames.map((name) => describeValue(name)).join(', ')}`);
  }
}
