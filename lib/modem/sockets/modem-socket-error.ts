import { TransportError } from '../../cloud/transport-error';
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
  /** Where the socket was going (`host:port`), or the listening port (`:4010`). */
  readonly address?: string;
  readonly cause?: unknown;
}

/**
 * A socket carried by the modem's own TCP stack failed. Typed data to branch on: `stage`,
 * `cmeError`, `timedOut`, `disconnected`. Never carries the payload (it holds the device key).
 * A `TransportError` too (kind `timeout` or `failed`, phase `connect` up to the connect, `reply`
 * after it), so the delivery pipeline treats it like a host TCP failure: transient, retry later.
 */
export class ModemSocketError extends TransportError {
  readonly vendor: SocketVendor;
  readonly socketId?: number;
  readonly stage: ModemSocketStage;
  readonly cmeError?: number;
  readonly timedOut?: boolean;
  readonly disconnected?: boolean;

  constructor(message: string, details: ModemSocketErrorDetails) {
    const phase = details.stage === 'create' || details.stage === 'connect' || details.stage === 'listen' ? 'connect' : 'reply';
    super(
      details.timedOut ? 'timeout' : 'failed',
      details.address ?? '',
      phase,
      message,
      details.cmeError === undefined ? undefined : `CME${details.cmeError}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
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
