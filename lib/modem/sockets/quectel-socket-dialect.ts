import { responseArgs, type ATResponse } from '../at/at-response';
import type { URC } from '../at/urc';
import type { SocketEvent } from './socket-event';

/**
 * Quectel BG96/EC21 TCP/IP commands and their answers, as pure builders and parsers (Quectel
 * "TCP/IP AT Commands Manual"). Writes are counted (`AT+QISEND=<id>,<len>`, `> `, raw bytes), so
 * any byte value is safe; reads come pushed in the URC (access mode 1) or by `AT+QIRD` (mode 0),
 * both counted too.
 */

/** `AT+QISEND` takes at most 1460 bytes. */
export const QUECTEL_MAX_WRITE_BYTES = 1460;
/** `AT+QIRD` returns at most 1500 bytes. */
export const QUECTEL_MAX_READ_BYTES = 1500;
/** Socket ids (`<connectID>`) 0..11. */
export const QUECTEL_SOCKET_IDS = 12;

/** How received data reaches the host: pushed in `+QIURC: "recv"` (1) or kept until `AT+QIRD` (0). */
export type QuectelAccessMode = 'push' | 'buffer';

export function quectelOpenCommand(
  contextId: number,
  socketId: number,
  host: string,
  port: number,
  accessMode: QuectelAccessMode,
): string {
  return `AT+QIOPEN=${contextId},${socketId},"TCP","${host}",${port},0,${accessMode === 'push' ? 1 : 0}`;
}

/** `AT+QISEND=<id>,<len>` for each slice of at most 1460 bytes; the slice is the body after `> `. */
export function quectelSendCommands(
  socketId: number,
  payload: Buffer,
  maxBytes = QUECTEL_MAX_WRITE_BYTES,
): { command: string; body: Buffer }[] {
  const sends: { command: string; body: Buffer }[] = [];
  for (let offset = 0; offset < payload.length; offset += maxBytes) {
    const body = payload.subarray(offset, offset + maxBytes);
    sends.push({ command: `AT+QISEND=${socketId},${body.length}`, body });
  }
  return sends;
}

export function quectelReadCommand(socketId: number, length = QUECTEL_MAX_READ_BYTES): string {
  return `AT+QIRD=${socketId},${Math.min(length, QUECTEL_MAX_READ_BYTES)}`;
}

export function quectelCloseCommand(socketId: number): string {
  return `AT+QICLOSE=${socketId}`;
}

function integer(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text.trim()) ? Number(text) : undefined;
}

/**
 * The bytes of an `AT+QIRD` answer: `+QIRD: <len>` with the raw bytes in `response.data`, or
 * `+QIRD: 0` when the buffer is empty. Undefined when the line is missing or the count disagrees.
 */
export function parseQuectelRead(response: ATResponse): Buffer | undefined {
  const length = integer(responseArgs(response, '+QIRD')[0]?.[0]);
  if (length === undefined) return undefined;
  const data = response.data ?? Buffer.alloc(0);
  return data.length === length ? data : undefined;
}

/** `+QIOPEN` and `+QIURC` socket URCs as socket events; undefined otherwise. */
export function parseQuectelSocketURC(urc: URC): SocketEvent | undefined {
  if (urc.name === '+QIOPEN') {
    const socketId = integer(urc.args[0]);
    const error = integer(urc.args[1]);
    return socketId === undefined || error === undefined ? undefined : { kind: 'opened', socketId, error };
  }
  if (urc.name !== '+QIURC') return undefined;
  const [kind, id, length] = urc.args;
  const socketId = integer(id);
  if (socketId === undefined) return undefined;
  if (kind === 'closed') return { kind: 'closed', socketId };
  if (kind !== 'recv') return undefined;
  if (length === undefined) return { kind: 'data', socketId };
  const bytes = urc.data ?? Buffer.alloc(0);
  return integer(length) === bytes.length ? { kind: 'pushed', socketId, bytes } : undefined;
}
