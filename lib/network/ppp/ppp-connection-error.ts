import { NetworkError } from '../../errors';
import { pppExitName, pppExitReason } from './ppp-exit-codes';

/**
 * pppd failed to bring the link up, or the link it brought up went down. `exitCode` is pppd's
 * (null when it was killed by a signal), `reason` the exit code's meaning, `detail` what pppd's
 * output said about it (e.g. "the modem answered NO CARRIER"), when it said anything.
 */
export class PPPConnectionError extends NetworkError {
  readonly exitName: string;
  readonly reason: string;

  constructor(
    readonly exitCode: number | null,
    readonly signal: string | null = null,
    readonly detail?: string,
  ) {
    const reason = exitCode !== null ? pppExitReason(exitCode) : `pppd was killed by ${signal ?? 'a signal'}`;
    super(
      exitCode !== null
        ? `pppd exited with code ${exitCode} (${pppExitName(exitCode)}): ${reason}${detail ? `: ${detail}` : ''}`
        : `${reason}${detail ? `: ${detail}` : ''}`,
    );
    this.exitName = exitCode !== null ? pppExitName(exitCode) : 'SIGNAL';
    this.reason = reason;
  }
}
