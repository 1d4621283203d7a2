import { HologramError } from '../../errors';
import { AtCommandError, AtTimeoutError, ModemDisconnectedError } from '../at/at-errors';
import type { SocketVendor } from './socket-vendor';

/** The step of a socket's life that failed. */
export type ModemSocketStage = 'create' | 'connect' | 'write' | 'read' | 'close' | 'listen';

export interface ModemSocketErrorDetails {
  readonly vendor: SocketVendor;
  /** The modem's socket id, when one was assigned. */
  readonly socketId?: number;
  readonly stage: ModemSocketStage;
  /** `+CME ERROR` number, or Quectel's `+QIOPEN: <id>,<err>` code (566 connect failed...). */
  readonly cmeError?: number;
  /** The step ran out of time (connect, or waiting for the reply). */
  readonly timedOut?: boolean;
  /** The modem's port went away during the step. */
  readonly disconnected?: boolean;
  readonly cause?: unknown;
}

/**
 * A socket carried by the modem's own TCP stack failed. Typed data to branch on: `stage`,
 * `cmeError`, `timedOut`, `disconnected`. Never carries the payload (it holds the device key).
 */
export class ModemSocketError extends HologramError {
  readonly vendor: SocketVendor;
  readonly socketId?: number;
  readonly stage: ModemSocketStage;
  readonly cmeError?: number;
  readonly timedOut?: boolean;
  readonly disconnected?: boolean;

  constructor(message: string, details: ModemSocketErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.vendor = details.vendor;
    this.socketId = details.socketId;
    this.stage = details.stage;
    this.cmeError = details.cmeError;
    this.timedOut = details.timedOut;
    this.disconnected = details.disconnected;
  }

  /** Wraps an AT engine failure (command error, timeout, lost port) met during `stage`. */
  static fromAtError(error: unknown, details: Omit<ModemSocketErrorDetails, 'cause'>): ModemSocketError {
    if (error instanceof ModemSocketError) return error;
    const where = `${details.vendor} socket${details.socketId === undefined ? '' : ` ${details.socketId}`}`;
    if (error instanceof AtCommandError) {
      return new ModemSocketError(`${where}: ${details.stage} failed: ${error.final}`, {
        ...details,
        cmeError: details.cmeError ?? error.cmeError,
        cause: error,
      });
    }
    if (error instanceof AtTimeoutError) {
      return new ModemSocketError(`${where}: ${details.stage} timed out after ${error.timeoutMs} ms`, {
        ...details,
        timedOut: true,
        cause: error,
      });
    }
    if (error instanceof ModemDisconnectedError) {
      return new ModemSocketError(`${where}: ${details.stage} failed: modem port unavailable (${error.reason})`, {
        ...details,
        disconnected: true,
        cause: error,
      });
    }
    const text = error instanceof Error ? error.message : String(error);
    return new ModemSocketError(`${where}: ${details.stage} failed: ${text}`, { ...details, cause: error });
  }
}
