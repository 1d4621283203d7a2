import { integerArg } from './at-command';
import type { CommandContext, CommandTable } from './command-context';
import type { SimulatedPosition } from './modem-state';
import { bearerActive } from './ublox-sockets';

/**
 * Location as the modules give it: u-blox CellLocate (`AT+ULOC`, answer `OK` then the `+UULOC` URC;
 * SARA-R4/U2 AT manuals, "CellLocate and hybrid positioning") and Quectel GNSS (`AT+QGPS=1`, then
 * `AT+QGPSLOC=<mode>`; BG96 and EC2x GNSS AT manuals). The position and the time a fix takes are
 * knobs (`position`, `locationDelayMs`); a `null` position never gives a fix.
 */

const two = (n: number): string => String(n).padStart(2, '0');

/** `DD/MM/YYYY` and `hh:mm:ss.sss` of `+UULOC` (UTC). */
function ubloxDateTime(now: Date): [string, string] {
  const date = `${two(now.getUTCDate())}/${two(now.getUTCMonth() + 1)}/${now.getUTCFullYear()}`;
  const time = `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())}.${String(now.getUTCMilliseconds()).padStart(3, '0')}`;
  return [date, time];
}

/**
 * The `+UULOC` line: standard (`<response_type>` 0) or detailed (1, sensor 2 = CellLocate). With no
 * position the manual's answer: latitude and longitude 0 (and so is everything after them).
 */
export function uulocLine(position: SimulatedPosition | null, detailed: boolean, now: Date): string {
  const [date, time] = ubloxDateTime(now);
  const fields = position
    ? [position.latitude.toFixed(7), position.longitude.toFixed(7), Math.round(position.altitude ?? 0), Math.round(position.uncertainty ?? 0)]
    : ['0.0000000', '0.0000000', 0, 0];
  const extra = detailed ? [0, 0, position ? Math.round(position.uncertainty ?? 0) : 0, position ? 2 : 0, 0, 0, 0] : [];
  return `+UULOC: ${[date, time, ...fields, ...extra].join(',')}`;
}

/**
 * `AT+ULOC=<mode>,<sensor>,<response_type>,<timeout>,<accuracy>[,<num_hypothesis>]`: mode 2 (single
 * shot), sensors 0-3, response types 0 and 1. Answers `OK`, then `+UULOC` after the fix time, or,
 * without a position or without a data bearer (CellLocate asks a server), a zero position. The
 * failure comes after `locationDelayMs` rather than `<timeout>` seconds, so tests need not wait.
 */
function cellLocate(context: CommandContext): void {
  const { command, state } = context;
  if (command.form === 'test') {
    context.info('+ULOC: (2),(0-3),(0-1),(1-999),(1-999999)');
    return context.ok();
  }
  if (command.form !== 'set') return context.error();
  const [mode, sensor, responseType, timeout, accuracy] = [0, 1, 2, 3, 4].map((i) => integerArg(command, i));
  const valid =
    mode === 2 &&
    sensor !== undefined && sensor <= 3 &&
    responseType !== undefined && responseType <= 1 &&
    timeout !== undefined && timeout >= 1 && timeout <= 999 &&
    accuracy !== undefined && accuracy >= 1 && accuracy <= 999_999 &&
    command.args.length <= 6;
  if (!valid) return context.cme(state.personality.vendor === 'u-blox' ? 3 : 50);
  context.ok();
  const position = bearerActive(context) ? state.location.position : null;
  const request = ++state.location.requests;
  context.later(state.location.delayMs, () => {
    // A newer request aborts this one (the manual: the previous activity is aborted).
    if (request === state.location.requests) context.urc(uulocLine(position, responseType === 1, new Date()));
  });
}

/** `AT+ULOCCELL=<scan_mode>`: 0 normal, 1 deep scan (a setting for the next `+ULOC`). */
function cellLocateScan(context: CommandContext): void {
  const { command, state } = context;
  if (command.form === 'read') {
    context.info(`+ULOCCELL: ${state.location.scanMode}`);
    return context.ok();
  }
  if (command.form === 'test') {
    context.info('+ULOCCELL: (0-1)');
    return context.ok();
  }
  const mode = integerArg(command, 0);
  if (command.form !== 'set' || (mode !== 0 && mode !== 1) || command.args.length > 1) return context.cme(3);
  state.location.scanMode = mode;
  context.ok();
}

/** Quectel GNSS errors (BG96/EC2x GNSS AT manuals): 504 session ongoing, 505 not active, 516 no fix. */
const SESSION_ONGOING = 504;
const SESSION_NOT_ACTIVE = 505;
const NOT_FIXED_NOW = 516;

/** `AT+QGPS=1`: starts the GNSS session (the fix comes `locationDelayMs` later); `AT+QGPS?` reads it. */
function gnssStart(context: CommandContext): void {
  const { command, state } = context;
  const gnss = state.location;
  if (command.form === 'read') {
    context.info(`+QGPS: ${gnss.gnssStartedAt === undefined ? 0 : 1}`);
    return context.ok();
  }
  if (command.form === 'test') {
    context.info('+QGPS: (1),(1-255),(0-1000),(0-1000),(1-65535)');
    return context.ok();
  }
  if (command.form !== 'set' || integerArg(command, 0) !== 1) return context.cme(50);
  if (gnss.gnssStartedAt !== undefined) return context.cme(SESSION_ONGOING);
  gnss.gnssStartedAt = Date.now();
  context.ok();
}

/** `AT+QGPSEND`: ends the session. */
function gnssEnd(context: CommandContext): void {
  if (context.command.form !== 'exec') return context.error();
  if (context.state.location.gnssStartedAt === undefined) return context.cme(SESSION_NOT_ACTIVE);
  context.state.location.gnssStartedAt = undefined;
  context.ok();
}

/**
 * `AT+QGPSLOC=<mode>`: the fix, latitude/longitude as `ddmm.mmmmN` (mode 0), `ddmm.mmmmmm,N` (1)
 * or signed degrees (2). `+CME ERROR: 516` until the fix time has passed, always without a position.
 */
function gnssLocation(context: CommandContext): void {
  const { command, state } = context;
  const gnss = state.location;
  if (command.form === 'test') {
    context.info('+QGPSLOC: (0-2)');
    return context.ok();
  }
  const mode = command.form === 'exec' ? 0 : integerArg(command, 0);
  if (mode === undefined || mode > 2 || command.args.length > 1) return context.cme(50);
  if (gnss.gnssStartedAt === undefined) return context.cme(SESSION_NOT_ACTIVE);
  const position = gnss.position;
  if (!position || Date.now() - gnss.gnssStartedAt < gnss.delayMs) return context.cme(NOT_FIXED_NOW);
  context.info(`+QGPSLOC: ${qgpslocFields(position, mode, new Date()).join(',')}`);
  context.ok();
}

/** A good open-sky fix; `uncertainty` describes CellLocate's estimate, not the GNSS one. */
const GNSS_HDOP = '1.0';

/** `<UTC>,<lat>,<long>,<hdop>,<alt>,<fix>,<cog>,<spkm>,<spkn>,<date>,<nsat>` in the given mode. */
export function qgpslocFields(position: SimulatedPosition, mode: number, now: Date): string[] {
  const utc = `${two(now.getUTCHours())}${two(now.getUTCMinutes())}${two(now.getUTCSeconds())}.${String(now.getUTCMilliseconds()).padStart(3, '0')}`;
  const date = `${two(now.getUTCDate())}${two(now.getUTCMonth() + 1)}${two(now.getUTCFullYear() % 100)}`;
  const coordinate = (value: number, degreeDigits: number, decimals: number, [positive, negative]: string): string[] => {
    const degrees = Math.floor(Math.abs(value));
    const minutes = (Math.abs(value) - degrees) * 60;
    const text = `${String(degrees).padStart(degreeDigits, '0')}${minutes.toFixed(decimals).padStart(decimals + 3, '0')}`;
    return mode === 0 ? [`${text}${value < 0 ? negative : positive}`] : [text, value < 0 ? negative : positive];
  };
  const place =
    mode === 2
      ? [position.latitude.toFixed(5), position.longitude.toFixed(5)]
      : [...coordinate(position.latitude, 2, mode === 0 ? 4 : 6, 'NS'), ...coordinate(position.longitude, 3, mode === 0 ? 4 : 6, 'EW')];
  return [utc, ...place, GNSS_HDOP, (position.altitude ?? 0).toFixed(1), '3', '000.00', '0.0', '0.0', date, '08'];
}

export const CELL_LOCATE_COMMANDS: CommandTable = {
  '+ULOC': cellLocate,
  '+ULOCCELL': cellLocateScan,
};

export const GNSS_COMMANDS: CommandTable = {
  '+QGPS': gnssStart,
  '+QGPSEND': gnssEnd,
  '+QGPSLOC': gnssLocation,
};
