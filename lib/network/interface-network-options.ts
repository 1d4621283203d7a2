import type { SchedulerLike } from '../rx';
import type { OptionKeys } from '../options/check-options';
import type { InterfaceReader } from './interface-reader';

export type InterfaceNetworkName = 'ethernet' | 'wifi';

export interface InterfaceNetworkOptions {
  readonly network: InterfaceNetworkName;
  /** Interface to watch; default `eth0` for ethernet, `wlan0` for wifi. */
  readonly interfaceName?: string;
  /** Poll period (default 500 ms, so a change shows within a second). */
  readonly pollIntervalMs?: number;
  /** How long `connect()` waits for the link (default 30 000 ms). */
  readonly connectTimeoutMs?: number;
  readonly scheduler?: SchedulerLike;
  /** Where interface state comes from (default: `/sys/class/net`). */
  readonly reader?: InterfaceReader;
}

export const INTERFACE_NETWORK_OPTION_KEYS: OptionKeys<InterfaceNetworkOptions> = {
  network: true,
  interfaceName: true,
  pollIntervalMs: true,
  connectTimeoutMs: true,
  scheduler: true,
  reader: true,
};
