import { HologramError } from '../errors';

/**
 * `Modem.detect()` found no modem. `reason` says why: `udev-missing` (ports cannot be listed on
 * this system), `no-candidates` (no serial port with a known modem USB id), `no-answer` (candidates
 * exist but none answered `AT`). The message says what to do.
 */
export class ModemDetectError extends HologramError {
  constructor(
    readonly reason: 'udev-missing' | 'list-failed' | 'no-candidates' | 'no-answer',
    /** Ports that were probed (for `no-answer`). */
    readonly candidates: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(detectMessage(reason, candidates, options?.cause), options);
  }
}

function detectMessage(reason: ModemDetectError['reason'], candidates: readonly string[], cause: unknown): string {
  switch (reason) {
    case 'udev-missing':
      return 'cannot detect a modem: serial ports cannot be listed without udev on this system; pass the modem port with --device /dev/ttyUSBx (Modem.open(path))';
    case 'list-failed':
      return `cannot detect a modem: listing serial ports failed (${cause instanceof Error ? cause.message : String(cause)}); pass the modem port with --device`;
    case 'no-candidates':
      return 'no modem found: no serial port has the USB id of a supported modem (u-blox SARA, Quectel BG96/EC21, Huawei E303/E372/MS2131); check the modem is plugged in (lsusb), or pass --device';
    case 'no-answer':
      return `no modem answered AT on ${candidates.join(', ')}: check permissions (the user must be in the dialout group) and that ModemManager leaves the modem alone (udev rule ENV{ID_MM_DEVICE_IGNORE}="1"), or pass --device`;
  }
}
