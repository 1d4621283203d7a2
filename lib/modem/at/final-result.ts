/**
 * Classification of *final result codes*: the line that ends an AT command (3GPP 27.007 §4.1 and
 * 27.005, plus Quectel's `SEND OK` / `SEND FAIL`). Pure.
 */

/** A final result code as read from the wire. */
export interface FinalResult {
  /** The line as received, e.g. `+CME ERROR: SIM busy`. */
  readonly line: string;
  /** True for `OK`, `CONNECT[ ...]` and `SEND OK`. */
  readonly ok: boolean;
  /** Numeric `+CME ERROR` code; also set for verbose (`AT+CMEE=2`) texts we know the number of. */
  readonly cmeError?: number;
  /** Numeric `+CMS ERROR` code; also set for verbose texts we know the number of. */
  readonly cmsError?: number;
  /** The text after `+CME ERROR:` / `+CMS ERROR:` (the number itself when the modem sent a number). */
  readonly errorText?: string;
}

const SUCCESS_CODES = new Set(['OK', 'SEND OK']);
const FAILURE_CODES = new Set(['ERROR', 'NO CARRIER', 'BUSY', 'NO ANSWER', 'NO DIALTONE', 'ABORTED', 'SEND FAIL']);

/**
 * Verbose `+CME ERROR` texts (27.007 §9.2) mapped to their numbers, so retry rules and callers can
 * branch on the number whether the modem runs `AT+CMEE=1` or `AT+CMEE=2`. Keys are lower case.
 */
const CME_TEXTS: ReadonlyMap<string, number> = new Map([
  ['phone failure', 0],
  ['no connection to phone', 1],
  ['operation not allowed', 3],
  ['operation not supported', 4],
  ['sim not inserted', 10],
  ['sim pin required', 11],
  ['sim puk required', 12],
  ['sim failure', 13],
  ['sim busy', 14],
  ['sim wrong', 15],
  ['incorrect password', 16],
  ['memory full', 20],
  ['invalid index', 21],
  ['not found', 22],
  ['memory failure', 23],
  ['text string too long', 24],
  ['invalid characters in text string', 25],
  ['no network service', 30],
  ['network timeout', 31],
  ['network not allowed - emergency calls only', 32],
  ['unknown', 100],
  // Quectel GNSS (BG96/EC2x GNSS AT manuals): the location code branches on these.
  ['session is ongoing', 504],
  ['session not active', 505],
  ['not fixed now', 516],
]);

/** Verbose `+CMS ERROR` texts (27.005 §3.2.5) we branch on. Keys are lower case. */
const CMS_TEXTS: ReadonlyMap<string, number> = new Map([
  ['me failure', 300],
  ['operation not allowed', 302],
  ['operation not supported', 303],
  ['invalid pdu mode parameter', 304],
  ['invalid text mode parameter', 305],
  ['sim not inserted', 310],
  ['sim pin required', 311],
  ['sim failure', 313],
  ['sim busy', 314],
  ['memory failure', 320],
  ['invalid memory index', 321],
  ['memory full', 322],
  ['smsc address unknown', 330],
  ['no network service', 331],
  ['network timeout', 332],
  ['unknown error', 500],
]);

const CME_OR_CMS = /^\+(CME|CMS) ERROR:\s*(.*)$/i;

/** The final result a line stands for, or `undefined` when the line is not a final result code. */
export function classifyFinalResult(line: string): FinalResult | undefined {
  if (SUCCESS_CODES.has(line)) return { line, ok: true };
  if (line === 'CONNECT' || line.startsWith('CONNECT ')) return { line, ok: true };
  if (FAILURE_CODES.has(line)) return { line, ok: false };
  const match = CME_OR_CMS.exec(line);
  if (!match) return undefined;
  const text = match[2].trim();
  const numeric = /^\d+$/.test(text) ? Number(text) : undefined;
  if (match[1].toUpperCase() === 'CME') {
    return { line, ok: false, cmeError: numeric ?? CME_TEXTS.get(text.toLowerCase()), errorText: text };
  }
  return { line, ok: false, cmsError: numeric ?? CMS_TEXTS.get(text.toLowerCase()), errorText: text };
}
