import { parseATArgs } from './at/at-args';

/**
 * The network operator, from `+COPS: <mode>[,<format>,"<oper>"[,<AcT>]]` (27.007 §7.3) or u-blox
 * `+UDOPN: <type>,"<name>"`. Pure.
 */
export interface NetworkOperator {
  /** The operator's name (long or short alphanumeric) or its numeric MCC+MNC, as reported. */
  readonly name: string;
  /** `<format>`: 0 long alphanumeric, 1 short alphanumeric, 2 numeric; undefined for `+UDOPN`. */
  readonly format?: number;
  /** `<mode>`: 0 automatic, 1 manual, 2 deregister, 3 set format only, 4 manual/automatic. */
  readonly mode?: number;
  /** Access technology, when reported. */
  readonly act?: number;
}

/** Parses the text after `+COPS:`; undefined when no operator is selected (`+COPS: 0`) or malformed. */
export function parseCops(rest: string): NetworkOperator | undefined {
  const [modeText, formatText, name, actText] = parseATArgs(rest);
  if (name === undefined || name === '' || modeText === undefined) return undefined;
  const int = (text: string | undefined): number | undefined => (text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined);
  return {
    name,
    ...(int(modeText) !== undefined ? { mode: int(modeText) } : {}),
    ...(int(formatText) !== undefined ? { format: int(formatText) } : {}),
    ...(int(actText) !== undefined ? { act: int(actText) } : {}),
  };
}

/** Parses the text after `+UDOPN:`; undefined when malformed or empty. */
export function parseUdopn(rest: string): NetworkOperator | undefined {
  const [, name] = parseATArgs(rest);
  return name ? { name } : undefined;
}
