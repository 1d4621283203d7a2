import type { SchedulerLike } from '../rx';
import type { Network, NetworkName } from './network';
import type { InterfaceReader } from './interface-reader';
import type { InterfaceNetwork } from './interface-network';
import { INTERFACE_NETWORK_OPTION_KEYS, type InterfaceNetworkName } from './interface-network-options';
import { MANUAL_NETWORK_OPTION_KEYS, ManualNetwork } from './manual-network';
import { NONE_NETWORK_OPTION_KEYS, NoneNetwork } from './none-network';
import { checkOptionNames, pickOptions } from '../options/check-options';
import { UnknownNetworkError } from './unknown-network-error';

/**
 * Options for `createNetwork()`. Each implementation is given the options it knows; the cellular
 * network, registered later, adds its own (modem port, APN...), hence the open index signature.
 * A key no registered network knows is refused (`InvalidArgumentError`, with did-you-mean).
 */
export interface CreateNetworkOptions {
  readonly scheduler?: SchedulerLike;
  /** ethernet / wifi: the interface to watch. */
  readonly interfaceName?: string;
  /** ethernet / wifi: poll period in ms. */
  readonly pollIntervalMs?: number;
  /** ethernet / wifi: how long `connect()` waits. */
  readonly connectTimeoutMs?: number;
  /** ethernet / wifi: where interface state is read from. */
  readonly reader?: InterfaceReader;
  /** manual: whether it starts connected (default true). */
  readonly connected?: boolean;
  readonly [option: string]: unknown;
}

export type NetworkFactory = (options: CreateNetworkOptions) => Network;

/** Loaded on use: most programs never watch an interface, and `hologram send` start-up is measured. */
function interfaceNetwork(network: InterfaceNetworkName, options: CreateNetworkOptions): Network {
  const loaded = require('./interface-network') as { InterfaceNetwork: typeof InterfaceNetwork };
  return new loaded.InterfaceNetwork({ ...options, network });
}

/** A network implementation: how to build it, and the option keys it takes. */
interface RegisteredNetwork {
  readonly create: NetworkFactory;
  readonly keys: readonly string[];
}

const INTERFACE_KEYS = Object.keys(INTERFACE_NETWORK_OPTION_KEYS).filter((key) => key !== 'network');

/**
 * Implementations by name. Process-wide because a name means the same implementation everywhere;
 * the built-in ones are here, and the cellular network registers itself with `registerNetwork()`.
 */
const registry = new Map<string, RegisteredNetwork>([
  ['', { create: (options) => new NoneNetwork(options), keys: Object.keys(NONE_NETWORK_OPTION_KEYS) }],
  ['manual', { create: (options) => new ManualNetwork(options), keys: Object.keys(MANUAL_NETWORK_OPTION_KEYS) }],
  ['ethernet', { create: (options) => interfaceNetwork('ethernet', options), keys: INTERFACE_KEYS }],
  ['wifi', { create: (options) => interfaceNetwork('wifi', options), keys: INTERFACE_KEYS }],
]);

/**
 * Makes `createNetwork(name)` build networks with `factory` (how `'cellular'` is provided), given
 * the options among `keys` that are set.
 */
export function registerNetwork(name: NetworkName, factory: NetworkFactory, keys: readonly string[] = []): void {
  registry.set(name, { create: factory, keys: [...keys] });
}

/** The names `createNetwork()` accepts now. */
export function networkNames(): string[] {
  return [...registry.keys()];
}

/**
 * Builds the network named `network` (`''` the default, `'manual'`, `'ethernet'`, `'wifi'`, and
 * `'cellular'` once registered), or returns `network` itself when given a `Network`.
 * Throws `UnknownNetworkError` naming the bad name and the valid ones.
 */
export function createNetwork(network: NetworkName | Network | undefined, options?: CreateNetworkOptions): Network {
  const known = [...new Set([...registry.values()].flatMap((registered) => registered.keys))];
  const checked = checkOptionNames('options', options, known);
  if (network === undefined) network = '';
  if (typeof network === 'object' && network !== null) return network;
  if (typeof network !== 'string') throw new UnknownNetworkError(network, networkNames());
  const registered = registry.get(network);
  if (registered === undefined) throw new UnknownNetworkError(network, networkNames());
  return registered.create(pickOptions(checked, registered.keys));
}
