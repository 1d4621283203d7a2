import { canEncodeGSM7, decodePDU, encodeSubmit, septetsToText, textToSeptets, type SMSAddress, type SMSTimestamp } from '../../modem/sms';
import type { CharacterSet } from './modem-state';
import type { SMSStatus, StoredSMS } from './sms-store';

/**
 * 27.005 text mode (`AT+CMGF=1`) as the simulator renders it: status names, the `+CMGL`/`+CMGR`
 * headers, and text in the `AT+CSCS` character set. Stored messages stay PDUs; text mode is a view
 * of them, decoded with the SDK's own codec. Pure: no I/O.
 */

/** `<stat>` names of text mode (27.005 §3.1), by PDU-mode number. */
export const STATUS_NAMES: readonly string[] = ['REC UNREAD', 'REC READ', 'STO UNSENT', 'STO SENT', 'ALL'];

/** A `<stat>` argument in the current mode: a name in text mode, a number in PDU mode. */
export function parseStatus(text: string, textMode: boolean): SMSStatus | 4 | undefined {
  if (textMode) {
    const index = STATUS_NAMES.indexOf(text.toUpperCase());
    return index < 0 ? undefined : (index as SMSStatus | 4);
  }
  if (!/^[0-4]$/.test(text.trim())) return undefined;
  return Number(text.trim()) as SMSStatus | 4;
}

/**
 * Text (or a number) as the host sees it under `AT+CSCS`: UCS2 is hex of UTF-16BE, GSM one byte per
 * default-alphabet code (escape + code for the extension table), IRA 7-bit ASCII. Characters the
 * set lacks print as `?`.
 */
export function toCharset(text: string, charset: CharacterSet): string {
  if (charset === 'UCS2') return Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase();
  if (charset === 'IRA') return [...text].map((char) => (char.charCodeAt(0) < 0x80 ? char : '?')).join('');
  return [...text].map((char) => (canEncodeGSM7(char) ? String.fromCharCode(...textToSeptets(char)) : '?')).join('');
}

/**
 * Text the host sent under `AT+CSCS` (as latin1 bytes), or `undefined` when it is not valid in that
 * set: UCS2 must be hex, GSM and IRA 7-bit (27.005 §3.1: text-mode text is in the TE character set,
 * so a byte with the 8th bit set, as UTF-8 text has, is refused).
 */
export function fromCharset(text: string, charset: CharacterSet): string | undefined {
  if (charset === 'UCS2') {
    if (text.length % 4 !== 0 || !/^[0-9A-Fa-f]*$/.test(text)) return undefined;
    return Buffer.from(text, 'hex').swap16().toString('utf16le');
  }
  if (/[^\x00-\x7f]/.test(text)) return undefined;
  if (charset === 'IRA') return text;
  return septetsToText([...text].map((char) => char.charCodeAt(0)));
}

/** `"yy/MM/dd,hh:mm:ss±zz"` (27.005 §3.1 `<scts>`, zone in quarter hours) in the sender's local time. */
export function formatServiceCentreTime(timestamp: SMSTimestamp): string {
  const local = new Date(timestamp.date.getTime() + timestamp.offsetMinutes * 60_000);
  const two = (n: number): string => String(n).padStart(2, '0');
  const quarters = Math.round(Math.abs(timestamp.offsetMinutes) / 15);
  const zone = `${timestamp.offsetMinutes < 0 ? '-' : '+'}${two(quarters)}`;
  return (
    `${two(local.getUTCFullYear() % 100)}/${two(local.getUTCMonth() + 1)}/${two(local.getUTCDate())},` +
    `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}${zone}`
  );
}

const addressText = (address: SMSAddress): string => ('number' in address ? address.number : address.text);

/** The header fields after `<stat>` and the text of a stored message, as text mode shows them. */
function describe(message: StoredSMS, charset: CharacterSet): { fields: string; text: string } {
  const pdu = decodePDU(message.pduHex);
  const body = pdu.type === 'status-report' ? '' : (pdu.text ?? pdu.data?.toString('hex').toUpperCase() ?? '');
  const text = toCharset(body, charset);
  if (pdu.type === 'deliver') {
    const sender = toCharset(addressText(pdu.sender), charset);
    return { fields: `"${sender}",,"${formatServiceCentreTime(pdu.timestamp)}"`, text };
  }
  if (pdu.type === 'submit') return { fields: `"${toCharset(addressText(pdu.destination), charset)}",`, text };
  return { fields: `${pdu.messageReference}`, text };
}

/** `+CMGL: <index>,<stat>,<oa/da>,[<alpha>][,<scts>]` and the text. */
export function textListLines(message: StoredSMS, charset: CharacterSet): string[] {
  const { fields, text } = describe(message, charset);
  return [`+CMGL: ${message.index},"${STATUS_NAMES[message.status]}",${fields}`, text];
}

/** `+CMGR: <stat>,<oa/da>,[<alpha>][,<scts>]` and the text. */
export function textReadLines(message: StoredSMS, charset: CharacterSet): string[] {
  const { fields, text } = describe(message, charset);
  return [`+CMGR: "${STATUS_NAMES[message.status]}",${fields}`, text];
}

/**
 * The SMS-SUBMIT a text-mode `AT+CMGS` sends: UCS2 when `AT+CSMP` asked for it (dcs 8), GSM 7-bit
 * otherwise. `undefined` when the text does not fit one message (text mode sends one PDU, and the
 * units refuse longer text) or the number is not one.
 */
export function textModeSubmit(destination: string, text: string, dcs: number): { pduHex: string; length: number } | undefined {
  try {
    const parts = encodeSubmit(destination, text, { encoding: dcs === 8 ? 'ucs2' : 'auto' });
    if (parts.length !== 1) return undefined;
    return { pduHex: parts[0].pdu, length: parts[0].tpduLength };
  } catch {
    return undefined;
  }
}
