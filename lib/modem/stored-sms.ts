import { splitPrefixedLine, parseATArgs } from './at/at-args';
import { decodePDU } from './sms/decode-pdu';
import type { SMSPDU } from './sms/sms-pdu';

/**
 * Messages in the modem's memory as `AT+CMGL=4` / `AT+CMGR=<i>` show them in PDU mode
 * (27.005 §3.4.2, §3.4.3): a header line `+CMGL: <index>,<stat>,[<alpha>],<length>` (for `+CMGR`
 * without the index) followed by the PDU in hex. Pure.
 */

/** 27.005 `<stat>` in PDU mode. */
export type StoredSMSStatus = 'unread' | 'read' | 'unsent' | 'sent';

const STATUSES: readonly StoredSMSStatus[] = ['unread', 'read', 'unsent', 'sent'];

/** One stored message: decoded when possible, otherwise kept with its decode error and raw hex. */
export interface StoredSMS {
  readonly index: number;
  readonly status: StoredSMSStatus;
  /** The PDU as the modem printed it (SMSC field first). */
  readonly pduHex: string;
  /** The decoded PDU; undefined when it could not be decoded (see `error`). */
  readonly pdu?: SMSPDU;
  readonly error?: Error;
}

/** Decodes a PDU line into a `StoredSMS`; never throws (a bad PDU is kept with its error). */
export function storedSMS(index: number, stat: number, pduHex: string): StoredSMS {
  const status = STATUSES[stat] ?? 'unread';
  try {
    return { index, status, pduHex, pdu: decodePDU(pduHex) };
  } catch (error) {
    return { index, status, pduHex, error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** The entries of an `AT+CMGL` response (header lines each followed by their PDU line). */
export function parseMessageList(lines: readonly string[]): StoredSMS[] {
  const result: StoredSMS[] = [];
  for (let i = 0; i < lines.length; i++) {
    const split = splitPrefixedLine(lines[i]);
    if (split?.name !== '+CMGL') continue;
    const [indexText, statText] = parseATArgs(split.rest);
    const pduHex = lines[i + 1]?.trim();
    if (!/^\d+$/.test(indexText ?? '') || pduHex === undefined || splitPrefixedLine(pduHex)) continue;
    result.push(storedSMS(Number(indexText), Number(statText), pduHex));
    i++;
  }
  return result;
}

/** The message of an `AT+CMGR=<index>` response; undefined for an empty slot. */
export function parseMessageRead(index: number, lines: readonly string[]): StoredSMS | undefined {
  const headerAt = lines.findIndex((line) => splitPrefixedLine(line)?.name === '+CMGR');
  if (headerAt < 0) return undefined;
  const header = splitPrefixedLine(lines[headerAt]);
  const pduHex = lines[headerAt + 1]?.trim();
  if (!header || !pduHex) return undefined;
  const [statText] = parseATArgs(header.rest);
  return storedSMS(index, Number(statText), pduHex);
}
