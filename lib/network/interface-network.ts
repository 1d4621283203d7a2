import { asyncScheduler, filter, firstValueFrom, throwError, throwIfEmpty, timeout, type SchedulerLike, type Subscription } from '../rx';
import { InvalidArgumentError } from '../errors';
import { checkBoundedDuration } from '../validation/duration';
import { logger } from '../logging';
import { checkMethods, checkOptions, checkScheduler } from '../options/check-options';
import { INTERFACE_NETWORK_OPTION_KEYS, type InterfaceNetworkName, type InterfaceNetworkOptions } from './interface-network-options';
import { InterfaceNotFoundError } from './interface-not-found-error';
import { interfaceState } from './interface-state';
import { ClosedError } from '../closed-error';
import { NetworkConnectTimeoutError } from './network-connect-timeout-error';
import { isConnected } from './network-state';
import { StatefulNetwork } from './stateful-network';
import { sysfsInterfaceReader } from './sysfs-interface-reader';
import { UnsupportedNetworkOperationError } from './unsupported-network-operation-error';
import { watchInterface } from './watch-interface';
import { describeValue } from '../options/describe-value';

const log = logger('network');

export type { InterfaceNetworkName, InterfaceNetworkOptions } from './interface-network-options';

const DEFAULT_INTERFACE: Record<InterfaceNetworkName, string> = { ethernet: 'eth0', wifi: 'wlan0' };

/** Linux interface names: 1..15 characters (IFNAMSIZ), no `/`, whitespace or control character, not `.` or `..`. */
// eslint-disable-next-line no-control-regex
const INTERFACE_NAME = /^(?!\.{1,2}$)[^/\s:\u0000-\u001f\u007f]{1,15}$/;

/**
 * A network that is a Linux interface (Ethernet or Wi-Fi) managed by the host (systemd-networkd,
 * NetworkManager, dhcpcd...). It watches the interface's operational state and carrier and follows
 * them; it never changes the interface itself.
 *
 * `connect()` waits for the interface to be connected (up to `connectTimeoutMs`) and
 * `disconnect()` is not supported: bringing an interface up or down (`ip link set`) needs root,
 * would fight the host's network manager and could cut off the remote access to the device.
 *
 * Constructing it for an interface that does not exist throws `InterfaceNotFoundError`; an
 * interface that disappears later (a USB adapter unplugged) is reported as disconnected.
 */
export class InterfaceNetwork extends StatefulNetwork {
  readonly name: InterfaceNetworkName;
  readonly interfaceName: string;
  readonly #scheduler: SchedulerLike;
  readonly #connectTimeoutMs: number;
  /** The poll; released by `close()`. */
  readonly #watch: Subscription;

  constructor(options: InterfaceNetworkOptions) {
    if (options === undefined) throw new InvalidArgumentError('options', "options must say the network: { network: 'ethernet' }");
    checkOptions('options', options, INTERFACE_NETWORK_OPTION_KEYS);
    if (options.network !== 'ethernet' && options.network !== 'wifi') {
      throw new InvalidArgumentError('network', `network must be 'ethernet' or 'wifi', got ${describeValue(options.network)}`);
    }
    const interfaceName = options.interfaceName ?? DEFAULT_INTERFACE[options.network];
    if (typeof interfaceName !== 'string' || !INTERFACE_NAME.test(interfaceName)) {
      throw new InvalidArgumentError('interfaceName', `interfaceName is not a valid interface name: ${describeValue(interfaceName)}`);
    }
    const pollIntervalMs = options.pollIntervalMs ?? 500;
    checkBoundedDuration('pollIntervalMs', pollIntervalMs, { positive: true });
    const scheduler = checkScheduler(options.scheduler) ?? asyncScheduler;
    const reader = checkMethods('reader', options.reader, ['read', 'list'], 'an InterfaceReader (read, list)') ?? sysfsInterfaceReader();

    const snapshot = reader.read(interfaceName);
    if (snapshot === undefined) throw new InterfaceNotFoundError(interfaceName, reader.list());
    super(interfaceState(interfaceName, snapshot, scheduler.now()));
    this.name = options.network;
    this.interfaceName = interfaceName;
    this.#connectTimeoutMs = checkBoundedDuration('connectTimeoutMs', options.connectTimeoutMs ?? 30_000, { positive: true });
    this.#scheduler = scheduler;
    log('%s: watching %s (%s)', this.name, this.interfaceName, this.state.kind);

    this.#watch = watchInterface(this.interfaceName, reader, pollIntervalMs, this.#scheduler).subscribe((state) => {
      if (this.setState(state)) log('%s: %s %s', this.name, this.interfaceName, state.kind === 'connected' ? 'connected' : state.reason);
    });
  }

  /** Resolves once the interface is connected (at once if it is); the host brings it up, not us. */
  connect(): Promise<void> {
    if (this.closed) return Promise.reject(new ClosedError('network', this.name));
    return firstValueFrom(
      this.state$.pipe(
        filter(isConnected),
        timeout({
          first: this.#connectTimeoutMs,
          scheduler: this.#scheduler,
          with: () => {
            const state = this.state;
            return throwError(() => new NetworkConnectTimeoutError(this.name, this.#connectTimeoutMs, state.kind === 'connected' ? 'connected' : state.reason));
          },
        }),
        throwIfEmpty(() => new ClosedError('network', this.name)),
      ),
    ).then(() => undefined);
  }

  disconnect(): Promise<void> {
    return Promise.reject(
      new UnsupportedNetworkOperationError(
        this.name,
        'disconnect',
        `interface ${this.interfaceName} is managed by the host; taking it down needs root and could cut the device off`,
      ),
    );
  }

  /** Stops the poll. */
  protected override release(): Promise<void> {
    this.#watch.unsubscribe();
    return Promise.resolve();
  }
}
