import type { ModemLocation } from './modem-location';

/**
 * CellLocate's answer, the `+UULOC` URC's arguments (u-blox SARA AT manuals, `+ULOC`):
 * `<DD/MM/YYYY>,<hh:mm:ss.sss>,<lat>,<long>,<alt m>,<uncertainty m>` and, in the detailed form,
 * `,<speed m/s>,<direction deg>,...`. Pure.
 *
 * Returns the location, `'no-fix'` when the modem reports latitude and longitude 0 (how CellLocate
 * says it found nothing), or undefined when the arguments do not parse.
 */
export function parseUuloc(args: readonly string[]): ModemLocation | 'no-fix' | undefined {
  if (args.length < 6) return undefined;
  const [dateText, timeText, ...numbers] = args;
  const [latitude, longitude, altitude, uncertainty, speed, direction] = numbers.map(Number);
  if (![latitude, longitude, altitude, uncertainty].every(Number.isFinite)) return undefined;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  if (latitude === 0 && longitude === 0) return 'no-fix';
  const time = parseDateTime(dateText, timeText);
  if (time === undefined) return undefined;
  const detailed = args.length >= 8 && Number.isFinite(speed) && Number.isFinite(direction);
  return {
    latitude,
    longitude,
    altitude,
    uncertainty,
    time,
    method: 'cell-locate',
    ...(detailed ? { speedKmh: Math.round(speed * 3.6 * 10) / 10, course: direction } : {}),
  };
}

/** `DD/MM/YYYY` and `hh:mm:ss[.sss]`, UTC. */
function parseDateTime(date: string, time: string): Date | undefined {
  const d = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(date);
  const t = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/.exec(time);
  if (d === null || t === null) return undefined;
  const milliseconds = Number((t[4] ?? '0').padEnd(3, '0'));
  const value = new Date(Date.UTC(Number(d[3]), Number(d[2]) - 1, Number(d[1]), Number(t[1]), Number(t[2]), Number(t[3]), milliseconds));
  // Date.UTC rolls 31/02 over to March: a date that does not round-trip is not one.
  return value.getUTCDate() === Number(d[1]) && value.getUTCMonth() === Number(d[2]) - 1 ? value : undefined;
}
