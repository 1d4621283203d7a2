import { commandName, splitPrefixedLine } from './at-args';

/**
 * What the information lines of a command's answer must look like for the answer to be *its own*.
 * Pure. With echo off, an answer carries no mark of the command it belongs to: a stray `OK`
 * resolves the command in flight early, and that command's real answer would then be taken by
 * the next. Checking the shape catches the mismatch at the first command it hits, and the engine
 * resynchronises before the next one runs.
 *
 * - `none`: no information lines (set commands: `AT+CMEE=2`).
 * - `prefixed`: every line is `<prefix>: ...`, at least `min` of them (default 1; 0 for list reads
 *   that may be empty, such as `AT+CGDCONT?`).
 * - `value`: exactly one line whose value (the line, or the text after `<prefix>:` when a prefix
 *   is given) matches `pattern`; other lines are noise and tolerated, never taken as the value.
 */
export type ATAnswerShape =
  | { readonly kind: 'none' }
  | { readonly kind: 'prefixed'; readonly prefix: string; readonly min?: number }
  | ATValueShape;

/** One value per answer (see `ATAnswerShape`). */
export interface ATValueShape {
  readonly kind: 'value';
  readonly pattern: RegExp;
  readonly prefix?: string;
}

/** Every `+CGSN` answer: 15 digits (14 and a check digit). */
export const IMEI_ANSWER: ATValueShape = { kind: 'value', pattern: /^\d{15}$/, prefix: '+CGSN' };
/** Every `+CIMI` answer: MCC, MNC and MSIN, 6 to 15 digits. */
export const IMSI_ANSWER: ATValueShape = { kind: 'value', pattern: /^\d{6,15}$/, prefix: '+CIMI' };

/**
 * The shape assumed when the caller gives none: the read form `AT+NAME?` answers only
 * `+NAME:` lines (27.007), possibly none; other forms are not checked.
 */
export function defaultAnswerShape(command: string): ATAnswerShape | undefined {
  const name = commandName(command);
  if (name === undefined || !/\?$/.test(command) || /=\?$/.test(command)) return undefined;
  return { kind: 'prefixed', prefix: name, min: 0 };
}

/** Whether `lines` fit `shape`. */
export function fitsAnswerShape(shape: ATAnswerShape, lines: readonly string[]): boolean {
  switch (shape.kind) {
    case 'none':
      return lines.length === 0;
    case 'prefixed': {
      const prefix = shape.prefix.toUpperCase();
      return lines.length >= (shape.min ?? 1) && lines.every((line) => splitPrefixedLine(line)?.name === prefix);
    }
    case 'value':
      return answerValue(shape, lines) !== undefined;
  }
}

/** The one value of a `value` answer (trimmed, quotes removed), or undefined when not exactly one line has it. */
export function answerValue(shape: ATValueShape, lines: readonly string[]): string | undefined {
  const values = lines.map((line) => lineValue(line, shape.prefix)).filter((value) => value !== undefined && shape.pattern.test(value));
  return values.length === 1 ? values[0] : undefined;
}

/** The line's value: a bare line as it is, a `<prefix>:` line's text; undefined for another prefix. */
function lineValue(line: string, prefix: string | undefined): string | undefined {
  const split = splitPrefixedLine(line);
  if (split === undefined) return line.trim();
  if (prefix === undefined || split.name !== prefix.toUpperCase()) return undefined;
  return split.rest.trim().replace(/^"(.*)"$/, '$1');
}
