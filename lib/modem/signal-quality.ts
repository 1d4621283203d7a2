import { parseATArgs } from './at/at-args';

/**
 * Signal quality as `AT+CSQ` and `AT+CESQ` report it (27.007 §8.5, §8.69). Pure.
 */

/** One `+CSQ` reading. */
export interface SignalQuality {
  /** Received signal strength in dBm (-113..-51), or `undefined` when the modem does not know (99). */
  readonly rssiDbm: number | undefined;
  /** The raw `<rssi>` value: 0..31, 99 unknown. */
  readonly raw: number;
  /** Bit error rate class 0..7, or `undefined` when unknown (99). */
  readonly ber: number | undefined;
}

/** `<rssi>` 0..31 → -113..-51 dBm in 2 dB steps; 99 (or anything else) → undefined. */
export function csqToDbm(raw: number): number | undefined {
  return Number.isInteger(raw) && raw >= 0 && raw <= 31 ? -113 + 2 * raw : undefined;
}

/** Parses the arguments of `+CSQ: <rssi>,<ber>` (the text after the colon); undefined when malformed. */
export function parseSignalQuality(rest: string): SignalQuality | undefined {
  const [rssiText, berText] = parseATArgs(rest);
  if (rssiText === undefined || !/^\d+$/.test(rssiText)) return undefined;
  const raw = Number(rssiText);
  const ber = berText !== undefined && /^\d+$/.test(berText) ? Number(berText) : 99;
  return { rssiDbm: csqToDbm(raw), raw, ber: ber <= 7 ? ber : undefined };
}

/** One `+CESQ` reading; each field `undefined` when the modem reports it unknown (99 or 255). */
export interface ExtendedSignalQuality {
  /** GSM received level in dBm (`<rxlev>` 0..63 → -110..-48). */
  readonly rxlevDbm?: number;
  readonly ber?: number;
  /** UMTS received signal code power in dBm (`<rscp>` 0..96 → -120..-24). */
  readonly rscpDbm?: number;
  /** UMTS Ec/No in dB (`<ecno>` 0..49 → -24..0.5). */
  readonly ecnoDb?: number;
  /** LTE reference signal received quality in dB (`<rsrq>` 0..34 → -19.5..-3). */
  readonly rsrqDb?: number;
  /** LTE reference signal received power in dBm (`<rsrp>` 0..97 → -140..-44). */
  readonly rsrpDbm?: number;
}

function scaled(text: string | undefined, max: number, offset: number, step: number): number | undefined {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value <= max ? offset + value * step : undefined;
}

/** Parses `+CESQ: <rxlev>,<ber>,<rscp>,<ecno>,<rsrq>,<rsrp>` arguments; undefined when malformed. */
export function parseExtendedSignalQuality(rest: string): ExtendedSignalQuality | undefined {
  const args = parseATArgs(rest);
  if (args.length < 6) return undefined;
  const [rxlev, ber, rscp, ecno, rsrq, rsrp] = args;
  return {
    rxlevDbm: scaled(rxlev, 63, -110, 1),
    ber: scaled(ber, 7, 0, 1),
    rscpDbm: scaled(rscp, 96, -120, 1),
    ecnoDb: scaled(ecno, 49, -24, 0.5),
    rsrqDb: scaled(rsrq, 34, -19.5, 0.5),
    rsrpDbm: scaled(rsrp, 97, -140, 1),
  };
}
