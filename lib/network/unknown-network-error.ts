import { InvalidArgumentError } from '../errors';
import { describeValue } from '../options/describe-value';

/** `createNetwork()` was given a name no implementation is registered for: bad input, like any other. */
export class UnknownNetworkError extends InvalidArgumentError {
  constructor(
    /** What was given: a name no network is registered for, or not a name at all. */
    readonly network: unknown,
    readonly validNames: readonly string[],
  ) {
    super('network', `unknown network ${describeValue(network)}; valid names: ${validNames.map((name) => describeValue(name)).join(', ')}`);
  }
}
