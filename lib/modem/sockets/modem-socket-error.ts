import { TransportError } from '../../cloud/transport-error';
import { ClosedError } from '../../closed-error';
import { ATCommandError, ATTimeoutError, ModemDisconnectedError } from '../at/at-errors';
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

/** The facts a `ModemSocketError` carries as its own fields, documented once in the details. */
type ModemSocketFacts = Pick<ModemSocketErrorDetails, 'vendor' | 'socketId' | 'stage' | 'cmeError' | 'timedOut' | 'disconnected'>;

// Declares the facts as the error's fields (merged into the class below), so that they are
// listed and documented once, in `ModemSocketErrorDetails`.
export interface ModemSocketError extends ModemSocketFacts {}

/**
 * A socket carried by the modem's own TCP stack failed. Typed data to branch on: `stage`,
 * `cmeError`, `timedOut`, `disconnected`. Never carries the payload (it holds the device key).
 * A `TransportError` too (kind `timeout` or `failed`, phase `connect` up to the connect, `reply`
 * after it), so the delivery pipeline treats it like a host TCP failure: transient, retry later.
 */
export class ModemSocketError extends TransportError {
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
    const { vendor, socketId, stage, cmeError, timedOut, disconnected } = details;
    const facts: ModemSocketFacts = { vendor, socketId, stage, cmeError, timedOut, disconnected };
    Object.assign(this, facts);
  }

  /** Wraps an AT engine failure (command error, timeout, lost port) met during `stage`. */
  static fromATError(error: unknown, details: Omit<ModemSocketErrorDetails, 'cause'>): ModemSocketError {
    if (error instanceof ModemSocketError) return error;
    const where = `${details.vendor} socket${details.socketId === undefined ? '' : ` ${details.socketId}`}`;
    const { outcome, facts } = describeATFailure(error);
    return new ModemSocketError(`${where}: ${details.stage} ${outcome}`, {
      ...details,
      ...facts,
      cmeError: details.cmeError ?? facts.cmeError,
      cause: error,
    });
  }
}

/** How an AT engine failure reads in the message, and the facts it adds. */
function describeATFailure(error: unknown): { outcome: string; facts: Pick<ModemSocketFacts, 'cmeError' | 'timedOut' | 'disconnected'> } {
  if (error instanceof ATCommandError) return { outcome: `failed: ${error.final}`, facts: { cmeError: error.cmeError } };
  if (error instanceof ATTimeoutError) return { outcome: `timed out after ${error.timeoutMs} ms`, facts: { timedOut: true } };
  if (error instanceof ModemDisconnectedError) return { outcome: `failed: modem port unavailable (${error.reason})`, facts: { disconnected: true } };
  if (error instanceof ClosedError) return { outcome: `failed: ${error.message}`, facts: { disconnected: true } };
  return { outcome: `failed: ${error instanceof Error ? error.message : String(error)}`, facts: {} };
}
