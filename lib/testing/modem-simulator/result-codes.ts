/**
 * Final result codes and their framing as a real modem writes them, in verbose (`ATV1`) and
 * numeric (`ATV0`) form, with `+CME ERROR`/`+CMS ERROR` reported as `AT+CMEE` asks
 * (0: plain `ERROR`, 1: number, 2: text). Pure formatting, no state.
 */
export type FinalResult =
  | { readonly kind: 'OK' }
  | { readonly kind: 'ERROR' }
  | { readonly kind: 'CME'; readonly code: number }
  | { readonly kind: 'CMS'; readonly code: number }
  /** Vendor or V.250 result codes: `SEND OK`, `SEND FAIL`, `NO CARRIER`, `CONNECT`... */
  | { readonly kind: 'text'; readonly text: string };

export interface ReportSettings {
  readonly verbose: boolean;
  /** `ATQ1`: final result codes are suppressed (information text still comes). */
  readonly quiet?: boolean;
  readonly cmee: 0 | 1 | 2;
}

/** V.250 numeric codes for `ATV0`. */
const NUMERIC: Record<string, number> = {
  OK: 0,
  CONNECT: 1,
  RING: 2,
  'NO CARRIER': 3,
  ERROR: 4,
  'NO DIALTONE': 6,
  BUSY: 7,
  'NO ANSWER': 8,
};

/** 3GPP 27.007 §9.2 texts, plus the Quectel TCP/IP stack codes (550..574). */
export const CME_ERROR_TEXT: Readonly<Record<number, string>> = {
  0: 'phone failure',
  1: 'no connection to phone',
  3: 'operation not allowed',
  4: 'operation not supported',
  5: 'PH-SIM PIN required',
  10: 'SIM not inserted',
  11: 'SIM PIN required',
  12: 'SIM PUK required',
  13: 'SIM failure',
  14: 'SIM busy',
  15: 'SIM wrong',
  16: 'incorrect password',
  20: 'memory full',
  21: 'invalid index',
  22: 'not found',
  23: 'memory failure',
  30: 'no network service',
  31: 'network timeout',
  32: 'network not allowed - emergency calls only',
  50: 'incorrect parameters',
  100: 'unknown',
  107: 'GPRS services not allowed',
  111: 'PLMN not allowed',
  132: 'service option not supported',
  133: 'requested service option not subscribed',
  134: 'service option temporarily out of order',
  148: 'unspecified GPRS error',
  149: 'PDP authentication failure',
  504: 'Session is ongoing',
  505: 'Session not active',
  515: 'please wait, init or command processing in progress',
  516: 'Not fixed now',
  550: 'unknown error',
  552: 'invalid parameters',
  561: 'open PDP context failed',
  562: 'close PDP context failed',
  563: 'socket identity has been used',
  565: 'DNS parse failed',
  566: 'socket connect failed',
  567: 'socket has been closed',
  570: 'PDP context broken down',
  572: 'operation not allowed',
};

/** 3GPP 27.005 §3.2.5 texts. */
export const CMS_ERROR_TEXT: Readonly<Record<number, string>> = {
  300: 'ME failure',
  302: 'operation not allowed',
  303: 'operation not supported',
  304: 'invalid PDU mode parameter',
  305: 'invalid text mode parameter',
  310: 'SIM not inserted',
  313: 'SIM failure',
  314: 'SIM busy',
  320: 'memory failure',
  321: 'invalid memory index',
  322: 'memory full',
  330: 'SMSC address unknown',
  331: 'no network service',
  332: 'network timeout',
  500: 'unknown error',
};

/** The text of a final result as it appears on the wire, before framing. */
export function resultText(result: FinalResult, settings: ReportSettings): string {
  switch (result.kind) {
    case 'OK':
    case 'ERROR':
      return settings.verbose ? result.kind : String(NUMERIC[result.kind]);
    case 'text':
      return settings.verbose || NUMERIC[result.text] === undefined ? result.text : String(NUMERIC[result.text]);
    case 'CME':
    case 'CMS': {
      if (settings.cmee === 0) return settings.verbose ? 'ERROR' : String(NUMERIC.ERROR);
      const table = result.kind === 'CME' ? CME_ERROR_TEXT : CMS_ERROR_TEXT;
      const detail = settings.cmee === 2 && table[result.code] !== undefined ? table[result.code] : String(result.code);
      return `+${result.kind} ERROR: ${detail}`;
    }
  }
}

/** A final result framed: `\r\nOK\r\n` when verbose, `0\r` when numeric (V.250 §6.2.6), nothing after `ATQ1`. */
export function formatFinal(result: FinalResult, settings: ReportSettings): string {
  if (settings.quiet) return '';
  const text = resultText(result, settings);
  if (settings.verbose) return `\r\n${text}\r\n`;
  return /^\d+$/.test(text) ? `${text}\r` : `${text}\r\n`;
}

/**
 * Information text before a final result: `\r\n<line>\r\n<line>\r\n` when verbose, `<line>\r\n...`
 * when numeric. Lines may be raw bytes (`+QIRD` data, SMS PDUs are text but socket data is not).
 */
export function formatInformation(lines: readonly (string | Buffer)[], settings: ReportSettings): Buffer {
  if (lines.length === 0) return Buffer.alloc(0);
  const parts: Buffer[] = settings.verbose ? [Buffer.from('\r\n')] : [];
  for (const line of lines) {
    parts.push(typeof line === 'string' ? Buffer.from(line, 'latin1') : line, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

/** An unsolicited result code framed like information text. */
export function formatURC(line: string | Buffer, settings: ReportSettings): Buffer {
  return formatInformation([line], settings);
}
