import { ModemError } from './modem-error';

/**
 * `Modem.detect()` found no modem. `reason` says why: `udev-missing` (ports cannot be listed on
 * this system and the scan found none), `no-candidates` (no serial port with a known modem USB
 * id), `no-answer` (candidates exist but none answered `AT`), `imei-not-found` (modems answered, none
 * with the IMEI asked for). The message says what to do.
 */
export class ModemDetectError extends ModemError {
  constructor(
    readonly reason: 'udev-missing' | 'list-failed' | 'no-candidates' | 'no-answer' | 'imei-not-found',
    /** Ports that were probed (for `no-answer` and `imei-not-found`). */
    readonly candidates: readonly string[] = [],
    options?: { cause?: unknown; imei?: string; foundIMEIs?: readonly string[] },
  ) {
    super(detectMessage(reason, candidates, options), options);
    this.imei = options?.imei;
    this.foundIMEIs = options?.foundIMEIs ?? [];
  }

  /** For `imei-not-found`: the IMEI asked for. */
  readonly imei?: string;
  /** For `imei-not-found`: the IMEIs of the modems that did answer. */
  readonly foundIMEIs: readonly string[];
}

function detectMessage(
  reason: ModemDetectError['reason'],
  candidates: readonly string[],
  { cause, imei, foundIMEIs = [] }: { cause?: unknown; imei?: string; foundIMEIs?: readonly string[] } = {},
): string {
  switch (reason) {
    case 'udev-missing':
      return 'cannot detect a modem: serial ports cannot be listed without udev on this system, and none was found in /dev/ttyUSB*, /dev/ttyACM* or /dev/serial/by-id; pass the modem port with --device /dev/ttyUSBx (Modem.open(path), or candidatePaths)';
    case 'list-failed':
      return `cannot detect a modem: listing serial ports failed (${cause instanceof Error ? cause.message : String(cause)}); pass the modem port with --device`;
    case 'no-candidates':
      return 'no modem found: no serial port has the USB id of a supported modem (u-blox SARA, Quectel BG96/EC21, Huawei E303/E372/MS2131); check the modem is plugged in (lsusb), or pass --device';
    case 'imei-not-found':
      return `no modem with IMEI ${imei} on ${candidates.join(', ')}: the modems found have IMEI ${foundIMEIs.join(', ')} (hologram modem list shows them)`;
    case 'no-answer':
      return `no modem answered AT on ${candidates.join(', ')}: check permissions (the user must be in the dialout group) and that ModemManager leaves the modem alone (udev rule ENV{ID_MM_DEVICE_IGNORE}="1"), or pass --device`;
  }
}
