/** pppd's exit codes (pppd(8), "EXIT STATUS"), with a reason a person can act on. */
export const PPP_EXIT_CODES: Readonly<Record<number, { readonly name: string; readonly reason: string }>> = {
  0: { name: 'OK', reason: 'pppd exited normally after the link was terminated' },
  1: { name: 'FATAL_ERROR', reason: 'an immediately fatal error occurred (e.g. an essential system call failed or memory ran out)' },
  2: { name: 'OPTION_ERROR', reason: 'an error was detected in processing the options given' },
  3: { name: 'NOT_ROOT', reason: 'pppd is not setuid-root and the invoking user is not root' },
  4: { name: 'NO_KERNEL_SUPPORT', reason: 'the kernel does not support PPP (module not loaded or not built in)' },
  5: { name: 'USER_REQUEST', reason: 'pppd terminated because it was sent a SIGINT, SIGTERM or SIGHUP signal' },
  6: { name: 'LOCK_FAILED', reason: 'the serial port could not be locked (another program is using it)' },
  7: { name: 'OPEN_FAILED', reason: 'the serial port could not be opened' },
  8: { name: 'CONNECT_FAILED', reason: 'the connect script failed (the modem did not connect)' },
  9: { name: 'PTYCMD_FAILED', reason: 'the command given as the pty argument could not be run' },
  10: { name: 'NEGOTIATION_FAILED', reason: 'the PPP negotiation failed (no agreement on network protocols)' },
  11: { name: 'PEER_AUTH_FAILED', reason: 'the peer system failed (or refused) to authenticate itself' },
  12: { name: 'IDLE_TIMEOUT', reason: 'the link was established successfully and terminated because it was idle' },
  13: { name: 'CONNECT_TIME', reason: 'the link was established successfully and terminated because the connect time limit was reached' },
  14: { name: 'CALLBACK', reason: 'callback was negotiated and an incoming call should arrive shortly' },
  15: { name: 'PEER_DEAD', reason: 'the link was terminated because the peer is not responding to echo requests' },
  16: { name: 'HANGUP', reason: 'the link was terminated by the modem hanging up' },
  17: { name: 'LOOPBACK', reason: 'the PPP negotiation failed because serial loopback was detected' },
  18: { name: 'INIT_FAILED', reason: 'the init script failed (returned a non-zero exit status)' },
  19: { name: 'AUTH_TOPEER_FAILED', reason: 'we failed to authenticate ourselves to the peer' },
};

/** The reason for a pppd exit code, also for codes the table does not know. */
export function pppExitReason(exitCode: number): string {
  return PPP_EXIT_CODES[exitCode]?.reason ?? `pppd exited with unknown code ${exitCode}`;
}

/** The symbolic name (`CONNECT_FAILED`...) of a pppd exit code, or `UNKNOWN`. */
export function pppExitName(exitCode: number): string {
  return PPP_EXIT_CODES[exitCode]?.name ?? 'UNKNOWN';
}
