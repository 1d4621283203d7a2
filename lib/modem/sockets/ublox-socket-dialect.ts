import { parseATArgs, splitPrefixedLine } from '../at/at-args';
import { responseArgs, type ATResponse } from '../at/at-response';
import type { URC } from '../at/urc';
import type { SocketEvent } from './socket-event';

/**
 * u-blox SARA (U201, R410) socket commands and their answers, as pure builders and parsers
 * (SARA-U2 / SARA-R4 AT manuals, "Internet protocol transport layer"). Data goes in hex mode
 * (`AT+UDCONF=1,1`): binary-safe both ways, no `@` prompt and its 50 ms pause.
 */

/** `AT+USOWR` base syntax in hex mode takes at most 512 bytes (1024 hex digits). */
export const UBLOX_MAX_WRITE_BYTES = 512;
/** `AT+USORD` in hex mode returns at most 512 bytes. */
export const UBLOX_MAX_READ_BYTES = 512;

export const UBLOX_HEX_MODE_COMMAND = 'AT+UDCONF=1,1';

/** `AT+USOCR=6`: a TCP socket. */
export function ubloxCreateCommand(): string {
  return 'AT+USOCR=6';
}

export function ubloxConnectCommand(socketId: number, host: string, port: number): string {
  return `AT+USOCO=${socketId},"${host}",${port}`;
}

/** One `AT+USOWR=<s>,<len>,"<HEX>"` per slice of at most 512 bytes, in order. */
export function ubloxWriteCommands(socketId: number, payload: Buffer, maxBytes = UBLOX_MAX_WRITE_BYTES): string[] {
  const commands: string[] = [];
  for (let offset = 0; offset < payload.length; offset += maxBytes) {
    const slice = payload.subarray(offset, offset + maxBytes);
    commands.push(`AT+USOWR=${socketId},${slice.length},"${slice.toString('hex').toUpperCase()}"`);
  }
  return commands;
}

export function ubloxReadCommand(socketId: number, length: number): string {
  return `AT+USORD=${socketId},${Math.min(length, UBLOX_MAX_READ_BYTES)}`;
}

export function ubloxCloseCommand(socketId: number): string {
  return `AT+USOCL=${socketId}`;
}

export function ubloxListenCommand(socketId: number, port: number): string {
  return `AT+USOLI=${socketId},${port}`;
}

function integer(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text.trim()) ? Number(text) : undefined;
}

/** The socket id in `+USOCR: <s>`, or undefined when the answer lacks it. */
export function parseUbloxCreate(response: ATResponse): number | undefined {
  return integer(responseArgs(response, '+USOCR')[0]?.[0]);
}

/** The byte count the modem accepted, from `+USOWR: <s>,<len>`. */
export function parseUbloxWrite(response: ATResponse): { socketId: number; length: number } | undefined {
  const args = responseArgs(response, '+USOWR')[0];
  const socketId = integer(args?.[0]);
  const length = integer(args?.[1]);
  return socketId === undefined || length === undefined ? undefined : { socketId, length };
}

/**
 * The bytes in `+USORD: <s>,<len>,"<HEX>"`. Undefined when the line is missing, the hex is not
 * hex, or its length disagrees with `<len>` (a modem not in hex mode answers raw text).
 */
export function parseUbloxRead(response: ATResponse): { socketId: number; bytes: Buffer } | undefined {
  const line = response.lines.find((l) => splitPrefixedLine(l)?.name === '+USORD');
  const rest = line === undefined ? undefined : splitPrefixedLine(line)?.rest;
  if (rest === undefined) return undefined;
  const args = parseATArgs(rest);
  const socketId = integer(args[0]);
  // SARA-R4 answers an empty read without the length: `+USORD: 0,""` (SARA-R4 AT manual §19.12.4).
  if (socketId !== undefined && args.length === 2 && /,\s*""\s*$/.test(rest)) return { socketId, bytes: Buffer.alloc(0) };
  const length = integer(args[1]);
  const hex = args[2] ?? '';
  if (socketId === undefined || length === undefined) return undefined;
  if (!/^([0-9A-Fa-f]{2})*$/.test(hex) || hex.length !== length * 2) return undefined;
  return { socketId, bytes: Buffer.from(hex, 'hex') };
}

/** `+UUSORD`, `+UUSOCL`, `+UUSOLI` as socket events; undefined for any other URC or a malformed one. */
export function parseUbloxSocketURC(urc: URC): SocketEvent | undefined {
  const [a, b, c, d, e, f] = urc.args;
  switch (urc.name) {
    case '+UUSORD': {
      const socketId = integer(a);
      const length = integer(b);
      return socketId === undefined || length === undefined ? undefined : { kind: 'data', socketId, length };
    }
    case '+UUSOCL': {
      const socketId = integer(a);
      return socketId === undefined ? undefined : { kind: 'closed', socketId };
    }
    case '+UUSOLI': {
      const socketId = integer(a);
      const remotePort = integer(c);
      const listeningSocketId = integer(d);
      const localPort = integer(f);
      if (socketId === undefined || remotePort === undefined || listeningSocketId === undefined || localPort === undefined) {
        return undefined;
      }
      return { kind: 'accepted', socketId, remoteAddress: b ?? '', remotePort, listeningSocketId, localAddress: e ?? '', localPort };
    }
    default:
      return undefined;
  }
}
