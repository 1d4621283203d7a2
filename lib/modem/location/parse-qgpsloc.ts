import { responseArgs, type ATResponse } from '../at/at-response';
import type { ModemLocation } from './modem-location';

/**
 * Quectel's GNSS fix, the arguments of `+QGPSLOC:` in mode 2 (BG96/EC2x GNSS AT manuals):
 * `<hhmmss.sss>,<±dd.ddddd>,<±ddd.ddddd>,<hdop>,<alt m>,<fix 2|3>,<cog ddd.mm>,<km/h>,<knots>,
 * <ddmmyy>,<satellites>`. Undefined when they do not parse. Pure.
 */
export function parseQgpsloc(args: readonly string[]): ModemLocation | undefined {
  if (args.length < 11) return undefined;
  const [utc, lat, long, hdopText, altText, fixText, cogText, kmhText, , dateText, satText] = args;
  const [latitude, longitude, hdop, altitude, fix, course, speedKmh, satellites] = [lat, long, hdopText, altText, fixText, cogText, kmhText, satText].map(
    (text) => (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN),
  );
  if (![latitude, longitude, hdop, altitude, fix].every(Number.isFinite)) return undefined;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180 || (fix !== 2 && fix !== 3)) return undefined;
  const t = /^(\d{2})(\d{2})(\d{2})(?:\.(\d{1,3}))?$/.exec(utc);
  const d = /^(\d{2})(\d{2})(\d{2})$/.exec(dateText);
  if (t === null || d === null) return undefined;
  const [day, month, year] = [Number(d[1]), Number(d[2]), 2000 + Number(d[3])];
  const time = new Date(Date.UTC(year, month - 1, day, Number(t[1]), Number(t[2]), Number(t[3]), Number((t[4] ?? '0').padEnd(3, '0'))));
  if (time.getUTCDate() !== day || time.getUTCMonth() !== month - 1) return undefined;
  return {
    latitude,
    longitude,
    altitude,
    time,
    method: 'gnss',
    hdop,
    ...(Number.isFinite(satellites) ? { satellites } : {}),
    ...(Number.isFinite(speedKmh) ? { speedKmh } : {}),
    ...(Number.isFinite(course) ? { course } : {}),
  };
}

/** The fix in an `AT+QGPSLOC=2` response, or undefined. */
export function qgpslocFromResponse(response: ATResponse): ModemLocation | undefined {
  const [args] = responseArgs(response, '+QGPSLOC');
  return args === undefined ? undefined : parseQgpsloc(args);
}
