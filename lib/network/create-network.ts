import type { SchedulerLike } from '../rx';
import type { Network, NetworkName } from './network';
import type { InterfaceReader } from './interface-reader';
import type { InterfaceNetwork, InterfaceNetworkName } from './interface-network';
import { ManualNetwork } from './manual-network';
import { NoneNetwork } from './none-network';
import { UnknownNetworkError } from './unknown-network-error';

/**
 * Options for `createNetwork()`. Each implementation reads the options it knows; the cellular
 * network, registered later, adds its own (modem port, APN...), hence the open index signature.
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

/**
 * Factories by name. Process-wide because a name means the same implementation everywhere; the
 * built-in ones are here, and the cellular network registers itself with `registerNetwork()`.
 */
/** Loaded on use: most programs never watch an interface, and `hologram send` start-up is measured. */
function interfaceNetwork(network: InterfaceNetworkName, options: CreateNetworkOptions): Network {
  const loaded = require('./interface-network') as { InterfaceNetwork: typeof InterfaceNetwork };
  return new loaded.InterfaceNetwork({ ...options, network });
}

const factories = new Map<string, NetworkFactory>([
  ['', (options) => new NoneNetwork(options)],
  ['manual', (options) => new ManualNetwork(options)],
  ['ethernet', (options) => interfaceNetwork('ethernet', options)],
  ['wifi', (options) => interfaceNetwork('wifi', options)],
]);

/** Makes `createNetwork(name)` build networks with `factory` (how `'cellular'` is provided). */
export function registerNetwork(name: NetworkName, factory: NetworkFactory): void {
  factories.set(name, factory);
}

/** The names `createNetwork()` accepts now. */
export function networkNames(): string[] {
  return [...factories.keys()];
}

/**
 * Builds the network named `network` (`''` the default, `'manual'`, `'ethernet'`, `'wifi'`, and
 * `'cellular'` once registered), or returns `network` itself when given a `Network`.
 * Throws `UnknownNetworkError` naming the bad name and the valid ones.
 */
export function createNetwork(network: NetworkName | Network | undefined, options: CreateNetworkOptions = {}): Network {
  if (network === undefined) network = '';
  if (typeof network === 'object' && network !== null) return network;
  if (typeof network !== 'string') throw new UnknownNetworkError(String(network), networkNames());
  const factory = factories.get(network);
  if (factory === undefined) throw new UnknownNetworkError(network, networkNames());
  return factory(options);
}
