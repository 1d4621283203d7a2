import type { DetectedModem } from '../modem/detect/detected-modem';
import type { Modem, ModemOptions } from '../modem/modem';
import { checkDevicePath } from './device-path';
import { UsageError } from './usage-error';

/** Options every command that opens a modem takes: which one, among several. */
export const MODEM_CHOICE_OPTIONS = {
  device: { type: 'string' },
  imei: { type: 'string' },
  'modem-port': { type: 'string', multiple: true },
} as const;

export const MODEM_CHOICE_USAGE = `  --device PATH            the modem's AT port, e.g. /dev/ttyUSB2 (default: auto-detect)
  --imei IMEI              the modem with this IMEI, among several (hologram modem list shows them)
  --modem-port PATH        also look for modems on this port (repeatable; /dev/ttyUSB*, /dev/ttyACM*
                           and /dev/serial/by-id are always looked at)`;

interface ModemChoiceValues {
  readonly device?: string;
  readonly imei?: string;
  readonly 'modem-port'?: readonly string[];
}

/** Which modem to open: a port, an IMEI, or the first found; `ports` are extra places to look. */
export interface ModemChoice {
  readonly device?: string;
  readonly imei?: string;
  readonly ports: readonly string[];
}

/** Validates `--device`, `--imei` and `--modem-port` before anything is opened. */
export function resolveModemChoice(command: string, values: ModemChoiceValues): ModemChoice {
  if (values.device !== undefined && values.device.trim() === '') throw new UsageError(command, '--device is empty: give the modem port, e.g. /dev/ttyUSB2');
  checkDevicePath(values.device);
  if (values.imei !== undefined && !/^\d{14,16}$/.test(values.imei)) {
    throw new UsageError(command, `--imei must be the modem's 15-digit IMEI, got ${JSON.stringify(values.imei)}`);
  }
  if (values.device !== undefined && values.imei !== undefined) throw new UsageError(command, 'give --device or --imei, not both');
  const ports = values['modem-port'] ?? [];
  for (const port of ports) if (port.trim() === '') throw new UsageError(command, '--modem-port is empty: give a serial port path');
  return { device: values.device, imei: values.imei, ports };
}

/** Which modem, for messages: on a port, with an IMEI, or auto-detected. */
export function describeModemChoice(choice: ModemChoice): string {
  if (choice.imei !== undefined) return `the modem with IMEI ${choice.imei}`;
  return `the modem on ${choice.device ?? 'the auto-detected port'}`;
}

/** What `Modem.detect` needs to honour the choice (when there is no device to open). */
export function detectOptionsFor(choice: ModemChoice): { candidatePaths: readonly string[]; imei?: string } {
  return { candidatePaths: choice.ports, ...(choice.imei === undefined ? {} : { imei: choice.imei }) };
}

/** The error for a modem that could not be opened: the cause, and what to check. */
export function modemOpenError(choice: ModemChoice, error: unknown): Error {
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(
    `cannot use ${describeModemChoice(choice)}: ${reason}\n` +
      'Check the device path (--device) or the IMEI (hologram modem list), that your user may open the port (dialout group), ' +
      'and that ModemManager ignores the modem (udev rule ENV{ID_MM_DEVICE_IGNORE}="1"; see hologram modem --help).',
    { cause: error },
  );
}

/** One modem as `hologram modem list` prints it: its ports, IMEI, make and model, driver. */
export function describeDetectedModem(modem: DetectedModem): string {
  const more = modem.paths.length > 1 ? ` (also ${modem.paths.slice(1).join(', ')})` : '';
  return `${modem.path}${more}  IMEI ${modem.imei ?? '-'}  ${[modem.manufacturer, modem.model].filter(Boolean).join(' ') || '-'}  ${modem.driver.description}`;
}

/** Several modems answered and the command line did not say which: nothing was opened. */
export class SeveralModemsError extends UsageError {
  constructor(readonly modems: readonly DetectedModem[]) {
    super('', `${modems.length} modems found: give --imei IMEI (or --device PATH) to pick one:\n${modems.map((modem) => `  ${describeDetectedModem(modem)}`).join('\n')}`);
  }
}

/**
 * With neither `--device` nor `--imei`, the one modem there is: every candidate port is probed
 * (not only up to the first that answers) and several modems are refused with `SeveralModemsError`,
 * so a command never acts on whichever modem happened to answer first. Undefined when none
 * answered, or when the choice names the modem (then `Modem.detect` or `Modem.open` does the rest
 * and says why nothing was found: the ports are probed a second time only on that failure).
 */
export async function onlyModem(choice: ModemChoice, baudRate?: number): Promise<DetectedModem | undefined> {
  if (choice.device !== undefined || choice.imei !== undefined) return undefined;
  const { scanModems } = await import('../modem/detect/scan-modems');
  const modems = await scanModems({ baudRate, candidatePaths: choice.ports });
  if (modems.length > 1) throw new SeveralModemsError(modems);
  return modems[0];
}

/** What opening the modem `onlyModem` found needs: its USB id and driver, as `Modem.detect` passes them. */
export function foundModemOptions(found: DetectedModem | undefined): Pick<ModemOptions, 'usbId' | 'driver'> {
  return found === undefined ? {} : { driver: found.driver, ...(found.usbId === undefined ? {} : { usbId: found.usbId }) };
}

/**
 * Opens the chosen modem (loading the modem layer only now); errors say what to check. By IMEI
 * or with no device, the modems are detected among the listed, scanned and `--modem-port` ports;
 * with neither, several modems are refused (`onlyModem`).
 */
export async function openChosenModem(choice: ModemChoice, options: ModemOptions = {}): Promise<Modem> {
  const { Modem } = await import('../modem/modem');
  try {
    if (choice.device !== undefined) return await Modem.open(choice.device, options);
    const found = await onlyModem(choice, options.baudRate);
    if (found !== undefined) return await Modem.open(found.path, { ...options, ...foundModemOptions(found) });
    return await Modem.detect({ ...options, ...detectOptionsFor(choice) });
  } catch (error) {
    if (error instanceof SeveralModemsError) throw error;
    throw modemOpenError(choice, error);
  }
}
