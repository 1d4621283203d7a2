import { ModemError } from '../modem-error';
import type { FinalResult } from './final-result';

/** A command ended with a failure final result (`ERROR`, `+CME ERROR`, `+CMS ERROR`, `NO CARRIER`...). */
export class ATCommandError extends ModemError {
  /** The final result line, e.g. `+CME ERROR: SIM busy`. */
  readonly final: string;
  /** `+CME ERROR` number (also for verbose texts the SDK knows); undefined otherwise. */
  readonly cmeError?: number;
  /** `+CMS ERROR` number (also for verbose texts the SDK knows); undefined otherwise. */
  readonly cmsError?: number;
  /** Text after `+CME ERROR:` / `+CMS ERROR:`. */
  readonly errorText?: string;

  constructor(
    /** The command as shown in logs (sensitive commands are shortened to their name). */
    readonly command: string,
    result: FinalResult,
    /** Information lines received before the failure. */
    readonly lines: readonly string[] = [],
  ) {
    super(`${command} failed: ${result.line}`);
    this.final = result.line;
    this.cmeError = result.cmeError;
    this.cmsError = result.cmsError;
    this.errorText = result.errorText;
  }
}

/** A command got no final result within its timeout. The engine resynchronises before the next one. */
export class ATTimeoutError extends ModemError {
  constructor(
    readonly command: string,
    readonly timeoutMs: number,
  ) {
    super(`${command} got no final result within ${timeoutMs} ms`);
  }
}

/** Why the port is not usable: its stream closed or failed, or it was detached (a closed engine gives `ClosedError`). */
export type DisconnectReason = 'stream-closed' | 'stream-error' | 'detached' | 'no-port';

/**
 * The modem's port is gone (unplugged, closed, handed over) so the command could not run or finish.
 * `disconnected: true` follows node-serialport's convention, so callers can test one flag.
 */
export class ModemDisconnectedError extends ModemError {
  readonly disconnected = true as const;

  constructor(
    readonly reason: DisconnectReason,
    /** The command that failed, when the error is about one. */
    readonly command?: string,
    options?: { cause?: unknown },
  ) {
    super(`${command ? `${command}: ` : ''}modem port unavailable (${reason})`, options);
  }
}
