import type { CellularNetwork } from '../network/cellular/cellular-network';
import type { ProgressReporter } from './progress-reporter';
import { checkDevicePath } from './device-path';
import { UsageError } from './usage-error';

/** Options of the commands that can go through the modem's data connection. */
export const NETWORK_OPTIONS = {
  network: { type: 'string' },
  device: { type: 'string' },
  apn: { type: 'string' },
  'connect-timeout': { type: 'string' },
} as const;

export const NETWORK_OPTIONS_USAGE = `Network:
  --network cellular       go through the cellular modem's data connection (default: the host's own)
  --device PATH            the modem's AT port, e.g. /dev/ttyUSB2 (default: auto-detect by USB id)
  --apn APN                access point name (default hologram)
  --connect-timeout S      how long to wait for the cellular connection (default 120)`;

interface NetworkValues {
  readonly network?: string;
  readonly device?: string;
  readonly apn?: string;
  readonly 'connect-timeout'?: string;
}

export interface NetworkChoice {
  /** True for `--network cellular` (or `--device` alone, which implies it). */
  readonly cellular: boolean;
  readonly device?: string;
  readonly apn?: string;
  readonly connectTimeoutMs: number;
}

const DEFAULT_CONNECT_TIMEOUT_S = 120;

/** Validates the network options before anything is opened. */
export function resolveNetworkArguments(command: string, values: NetworkValues): NetworkChoice {
  const network = values.network;
  if (network !== undefined && network !== 'cellular' && network !== 'host') {
    throw new UsageError(command, `--network ${JSON.stringify(network)} is not known: use cellular (the modem) or leave it out (the host's connection)`);
  }
  if (values.device !== undefined && values.device.trim() === '') throw new UsageError(command, '--device is empty: give the modem port, e.g. /dev/ttyUSB2');
  checkDevicePath(values.device);
  const cellular = network === 'cellular' || (network === undefined && values.device !== undefined);
  if (!cellular && values.apn !== undefined) throw new UsageError(command, '--apn goes with --network cellular');
  const text = values['connect-timeout'];
  let seconds = DEFAULT_CONNECT_TIMEOUT_S;
  if (text !== undefined) {
    seconds = Number(text);
    if (text.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) {
      throw new UsageError(command, `--connect-timeout must be a positive number of seconds, got ${JSON.stringify(text)}`);
    }
  }
  return { cellular, device: values.device, apn: values.apn, connectTimeoutMs: seconds * 1000 };
}

/**
 * Opens the modem and its cellular network (loaded only now: the serial port stack stays out of
 * commands that do not use it), showing progress while the modem opens. Errors name what to check.
 */
export async function openCellularNetwork(choice: NetworkChoice, progress: ProgressReporter, autoConnect = true): Promise<CellularNetwork> {
  const { CellularNetwork } = await import('../network/cellular/cellular-network');
  progress.show({ kind: 'opening', device: choice.device });
  try {
    return await CellularNetwork.open(choice.device, { apn: choice.apn, autoConnect, connectTimeoutMs: choice.connectTimeoutMs });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const where = choice.device ?? 'the auto-detected port';
    throw new Error(
      `cannot use the modem on ${where}: ${reason}\n` +
        'Check the device path (--device), that your user may open it (dialout group), and that ModemManager ' +
        'ignores the modem (udev rule ENV{ID_MM_DEVICE_IGNORE}="1"; see hologram modem --help).',
      { cause: error },
    );
  } finally {
    progress.clear();
  }
}

/**
 * Waits until `network` is connected, drawing its state on the progress line; rejects with the
 * network's `NetworkConnectTimeoutError` after the timeout.
 */
export async function waitConnected(network: CellularNetwork, choice: NetworkChoice, progress: ProgressReporter): Promise<void> {
  const subscription = network.state$.subscribe((state) => {
    if (state.kind !== 'connected') progress.show({ kind: 'connecting', reason: state.reason });
  });
  try {
    await network.connect({ timeoutMs: choice.connectTimeoutMs });
  } finally {
    subscription.unsubscribe();
    progress.clear();
  }
}
