import type { SchedulerLike } from '../rx';
import { checkOptions, checkScheduler, pickOptions, type OptionKeys } from '../options/check-options';
import { checkBoundedDuration } from '../validation/duration';
import type { ATEngineOptions } from './at/at-engine';
import type { ModemDriver, USBId } from './drivers/modem-driver';
import type { SerialBinding } from './serial-port-connection';
import type { ModemScanOptions } from './detect/scan-modems';

/** How `Modem.open` / `fromStream` / `detect` set the modem up; every field has a default. */
export interface ModemOptions {
  /** Serial speed for `Modem.open` (default 115200; USB modems ignore it). */
  readonly baudRate?: number;
  /**
   * The serialport binding `Modem.open` does its I/O through: the platform's by default, or any
   * `BindingInterface` (serialport's `MockBinding`, `simulatorBinding()` from `hologram-rx/testing`).
   */
  readonly binding?: SerialBinding;
  /** Whether the device path is there (unplug and replug detection); see `SerialPortConnectionOptions.exists`. */
  readonly portExists?: (path: string) => boolean | Promise<boolean>;
  /** Force a driver; by default it is picked from the USB id (when detected) or `AT+CGMI`/`AT+CGMM`. */
  readonly driver?: ModemDriver;
  /** USB id of the port (set by `Modem.detect`), a hint for the driver choice. */
  readonly usbId?: USBId;
  /** Clock of every timer (polling, reset, reconnect, AT timeouts). Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /** How often `signal$` polls `AT+CSQ` while subscribed (default 10000 ms). */
  readonly signalIntervalMs?: number;
  /** How often to look for an unplugged port to come back (default 1000 ms). */
  readonly reconnectPollMs?: number;
  /**
   * Where to look for the modem when its path does not come back after an unplug or a reset: USB
   * modems often re-enumerate elsewhere (`/dev/ttyUSB2` becomes `/dev/ttyUSB3`). The candidate
   * ports (as `Modem.detectAll` finds them: listed, scanned, `candidatePaths`) are probed on each
   * reconnect poll, and the modem with the IMEI read at open (or the only modem found) is opened
   * there. Default: the usual scan; `false` waits for the same path only.
   */
  readonly relocate?: ModemScanOptions | false;
  /** Pause before a failed re-init (after a replug) is tried again (default 5000 ms). */
  readonly reinitDelayMs?: number;
  /** How long parts of a multipart SMS wait for the rest (default 24 h). */
  readonly smsMaxPartAgeMs?: number;
  /** AT engine options (timeouts, retry of busy errors); its scheduler defaults to `scheduler`. */
  readonly at?: ATEngineOptions;
}

/** `Modem.open`'s options: `ModemOptions` and the IMEI of the modem wanted (found again by it after a replug). */
export type ModemOpenOptions = ModemOptions & { readonly imei?: string };

const MODEM_OPTION_KEYS: OptionKeys<ModemOpenOptions> = {
  baudRate: true,
  binding: true,
  portExists: true,
  driver: true,
  usbId: true,
  scheduler: true,
  signalIntervalMs: true,
  reconnectPollMs: true,
  relocate: true,
  reinitDelayMs: true,
  smsMaxPartAgeMs: true,
  at: true,
  imei: true,
};

/**
 * The shape of a modem's options (known keys, a scheduler that is one) and the Modem's own
 * intervals, before any port is opened; each part checks its own other values.
 */
export function checkModemOptions<T extends ModemOpenOptions>(options: T | undefined): T {
  const checked = checkOptions('options', options, MODEM_OPTION_KEYS) as T;
  checkScheduler(checked.scheduler);
  checkScheduler(checked.at?.scheduler);
  // Timers that repeat while a port is gone or a re-init fails: 0 would be a tight loop.
  for (const name of ['reconnectPollMs', 'reinitDelayMs', 'signalIntervalMs'] as const) {
    if (checked[name] !== undefined) checkBoundedDuration(name, checked[name], { positive: true });
  }
  return checked;
}

/** The modem's own options out of a larger set (`detect`'s, which adds how to look for it). */
export function modemOptionsOf(options: object): ModemOptions {
  return pickOptions(options, Object.keys(MODEM_OPTION_KEYS)) as ModemOptions;
}
