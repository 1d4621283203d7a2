import { integerArg } from './at-command';
import type { CommandContext, CommandTable } from './command-context';
import { bearerActive } from './ublox-sockets';

/**
 * Where the simulated modem is: CellLocate (`AT+ULOC`, then the `+UULOC` URC; u-blox SARA AT
 * manuals) and Quectel GNSS (`AT+QGPS=1`, `AT+QGPSLOC=2`; BG96/EC2x GNSS AT manuals), enough for
 * the SDK's location requests. A `null` position never gives a fix: u-blox reports latitude and
 * longitude 0, Quectel keeps answering `+CME ERROR: 516`.
 */

/** Degrees (WGS 84), altitude and uncertainty in metres. */
export interface SimulatedPosition {
  readonly latitude: number;
  readonly longitude: number;
  readonly altitude?: number;
  readonly uncertainty?: number;
}

/** The position the modem would find, how long a fix takes, and the GNSS session. */
export class SimulatedLocation {
  /** Counts `+ULOC` requests: a newer one aborts the one pending (as the manual says). */
  requests = 0;
  /** `Date.now()` when `AT+QGPS=1` started the receiver; undefined while it is off. */
  gnssStartedAt: number | undefined;

  constructor(
    public position: SimulatedPosition | null,
    readonly delayMs: number,
  ) {}
}

const two = (n: number): string => String(n).padStart(2, '0');
const millis = (date: Date): string => String(date.getUTCMilliseconds()).padStart(3, '0');

/** `+UULOC: <DD/MM/YYYY>,<hh:mm:ss.sss>,<lat>,<long>,<alt>,<uncertainty>` (standard response). */
function uulocLine(position: SimulatedPosition | null, now: Date): string {
  const date = `${two(now.getUTCDate())}/${two(now.getUTCMonth() + 1)}/${now.getUTCFullYear()}`;
  const time = `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())}.${millis(now)}`;
  const fields = position
    ? [position.latitude.toFixed(7), position.longitude.toFixed(7), Math.round(position.altitude ?? 0), Math.round(position.uncertainty ?? 0)]
    : ['0.0000000', '0.0000000', 0, 0];
  return `+UULOC: ${[date, time, ...fields].join(',')}`;
}

/** `+QGPSLOC:` fields in mode 2: signed degrees. */
function qgpslocLine(position: SimulatedPosition, now: Date): string {
  const utc = `${two(now.getUTCHours())}${two(now.getUTCMinutes())}${two(now.getUTCSeconds())}.${millis(now)}`;
  const date = `${two(now.getUTCDate())}${two(now.getUTCMonth() + 1)}${two(now.getUTCFullYear() % 100)}`;
  const hdop = Math.max(0.5, (position.uncertainty ?? 5) / 5).toFixed(1);
  const fields = [utc, position.latitude.toFixed(5), position.longitude.toFixed(5), hdop, (position.altitude ?? 0).toFixed(1), '3', '0.00', '0.0', '0.0', date, '08'];
  return `+QGPSLOC: ${fields.join(',')}`;
}

/**
 * The location commands of a vendor over `location`; `later` runs a callback after a delay on a
 * timer the simulator cancels on close.
 */
export function locationAnswers(vendor: 'u-blox' | 'quectel', location: SimulatedLocation, later: (ms: number, fire: () => void) => void): CommandTable {
  if (vendor === 'u-blox') {
    return {
      // AT+ULOC=2,<sensor 0-3>,<response type 0-1>,<timeout 1-999 s>,<accuracy 1-999999 m>: OK, then the URC.
      '+ULOC': (context: CommandContext) => {
        const values = [0, 1, 2, 3, 4].map((i) => integerArg(context.command, i));
        const [mode, sensor, type, timeout, accuracy] = values;
        const valid =
          context.command.form === 'set' &&
          mode === 2 && sensor !== undefined && sensor <= 3 && type !== undefined && type <= 1 &&
          timeout !== undefined && timeout >= 1 && timeout <= 999 && accuracy !== undefined && accuracy >= 1 && accuracy <= 999_999;
        if (!valid) return context.cme(3);
        context.ok();
        // CellLocate asks u-blox's server: without a data bearer it finds nothing.
        const position = bearerActive(context) ? location.position : null;
        const request = ++location.requests;
        later(location.delayMs, () => {
          if (request === location.requests) context.urc(uulocLine(position, new Date()));
        });
      },
    };
  }
  return {
    '+QGPS': (context: CommandContext) => {
      if (context.command.form !== 'set' || integerArg(context.command, 0) !== 1) return context.cme(50);
      if (location.gnssStartedAt !== undefined) return context.cme(504);
      location.gnssStartedAt = Date.now();
      context.ok();
    },
    '+QGPSLOC': (context: CommandContext) => {
      if (context.command.form !== 'set' || integerArg(context.command, 0) !== 2) return context.cme(50);
      if (location.gnssStartedAt === undefined) return context.cme(505);
      const position = location.position;
      if (position === null || Date.now() - location.gnssStartedAt < location.delayMs) return context.cme(516);
      context.info(qgpslocLine(position, new Date()));
      context.ok();
    },
  };
}
