import { ERR_UNKNOWN, resultCode, resultForCode } from './result-codes';
import type { SendResult } from './send-result';

/**
 * Decodes the cloud's reply (`PROTOCOL.md` §1) into a `SendResult`. Never throws: whatever the
 * bytes, the answer is a result from the code table.
 *
 * - `[0,0]`: a JSON array; the first number is the result code.
 * - `0` (compact): digits only; the first digit is the code (the second, when present, is the
 *   always-0 field), which is how the Python SDK reads compact replies.
 * - empty (the server closed without answering), garbage or an unknown code: `ERR_UNKNOWN` (-1),
 *   which is transient.
 */
export function decodeCloudResponse(reply: Buffer | string): SendResult {
  const text = typeof reply === 'string' ? reply : reply.toString('utf8');
  return resultForCode(parseCode(text.trim()), text);
}

/**
 * The reply as the cloud writes it, `[code,0]`: read with one pattern rather than `JSON.parse`,
 * since every message's reply is read twice (`isCompleteCloudResponse`, then decoded).
 */
const PLAIN_REPLY = /^\[(\d{1,3}),0\]$/;

function parseCode(text: string): number {
  const plain = PLAIN_REPLY.exec(text);
  if (plain !== null) return knownOrUnknown(Number(plain[1]));
  if (text === '') return ERR_UNKNOWN;
  if (/^[0-9]+$/.test(text)) return knownOrUnknown(Number(text[0]));
  if (text.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return ERR_UNKNOWN;
    }
    if (Array.isArray(parsed) && parsed.length > 0 && Number.isInteger(parsed[0])) {
      return knownOrUnknown(parsed[0] as number);
    }
  }
  return ERR_UNKNOWN;
}

function knownOrUnknown(code: number): number {
  return resultCode(code).code === code ? code : ERR_UNKNOWN;
}

/** The reply a cloud server writes for `code`: `[code,0]`, or the bare digit when `compact`. */
export function encodeCloudResponse(code: number, compact = false): string {
  return compact ? String(code) : JSON.stringify([code, 0]);
}

/**
 * Whether `reply` is a whole cloud answer, so the client may stop reading without waiting for the
 * close (`PROTOCOL.md` §1): a JSON array that parses (`[0,0]`), or compact digits (`0`: the first
 * digit is the code, so nothing that follows can change the result). Anything else, a prefix such
 * as `[0,` included, may still grow. Pure.
 */
export function isCompleteCloudResponse(reply: Buffer | string): boolean {
  const text = (typeof reply === 'string' ? reply : reply.toString('utf8')).trim();
  if (PLAIN_REPLY.test(text) || /^[0-9]+$/.test(text)) return true;
  if (!text.startsWith('[') || !text.endsWith(']')) return false;
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false;
  }
}
