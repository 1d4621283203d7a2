import { checkBoundedDuration } from '../validation/duration';
import type { CellularNetwork } from '../network/cellular/cellular-network';
import { detectOptionsFor, foundModemOptions, MODEM_CHOICE_OPTIONS, MODEM_CHOICE_USAGE, modemOpenError, onlyModem, resolveModemChoice, SeveralModemsError, type ModemChoice } from './modem-choice';
import type { ProgressReporter } from './progress-reporter';
import { parsePositive } from './parse-positive';
import { UsageError } from './usage-error';

/** Options of the commands that can go through the modem's data connection. */
export const NETWORK_OPTIONS = {
  network: { type: 'string' },
  ...MODEM_CHOICE_OPTIONS,
  apn: { type: 'string' },
  'connect-timeout': { type: 'string' },
} as const;

export const NETWORK_OPTIONS_USAGE = `Network:
  --network cellular       go through the cellular modem's data connection (default: the host's own)
${MODEM_CHOICE_USAGE}
  --apn APN                access point name (default hologram)
  --connect-timeout S      how long to wait for the cellular connection (default 120)`;

interface NetworkValues {
  readonly network?: string;
  readonly device?: string;
  readonly imei?: string;
  readonly 'modem-port'?: readonly string[];
  readonly apn?: string;
  readonly 'connect-timeout'?: string;
}

export interface NetworkChoice extends ModemChoice {
  /** True for `--network cellular` (or `--device` or `--imei` alone, which imply it). */
  readonly cellular: boolean;
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
  const modem = resolveModemChoice(command, values);
  const cellular = network === 'cellular' || (network === undefined && (values.device !== undefined || values.imei !== undefined));
  if (!cellular && values.apn !== undefined) throw new UsageError(command, '--apn goes with --network cellular');
  const seconds = parsePositive(command, 'connect-timeout', values['connect-timeout']) ?? DEFAULT_CONNECT_TIMEOUT_S;
  return { ...modem, cellular, apn: values.apn, connectTimeoutMs: checkBoundedDuration('--connect-timeout', seconds, { unit: 's', positive: true }) * 1000 };
}

/**
 * Opens the modem and its cellular network (loaded only now: the serial port stack stays out of
 * commands that do not use it), showing progress while the modem opens. Errors name what to check.
 */
export async function openCellularNetwork(choice: NetworkChoice, progress: ProgressReporter, autoConnect = true): Promise<CellularNetwork> {
  const { CellularNetwork } = await import('../network/cellular/cellular-network');
  progress.show({ kind: 'opening', device: choice.device ?? (choice.imei === undefined ? undefined : `IMEI ${choice.imei}`) });
  try {
    const found = await onlyModem(choice);
    return await CellularNetwork.open(found?.path ?? choice.device, {
      apn: choice.apn,
      autoConnect,
      connectTimeoutMs: choice.connectTimeoutMs,
      modemOptions: { ...detectOptionsFor(choice), ...foundModemOptions(found) },
    });
  } catch (error) {
    if (error instanceof SeveralModemsError) throw error;
    throw modemOpenError(choice, error);
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
