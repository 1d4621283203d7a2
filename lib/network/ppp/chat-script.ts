import { validateApn } from '../../modem/apn';
import { checkContextId } from '../../validation/context-id';
import { checkCount } from '../../validation/count';

/**
 * Modem answers that end the chat script at once. Their order matters: chat exits with status
 * 4 + index of the one it saw, which `chatAbortReason()` turns back into the modem's words.
 */
export const CHAT_ABORT_STRINGS = ['BUSY', 'NO CARRIER', 'NO DIALTONE', 'NO ANSWER', 'ERROR'] as const;

export interface ChatScriptOptions {
  /** Access point name; Hologram SIMs use `hologram`. */
  readonly apn: string;
  /** PDP context id used by the dial string: 1..16 (`MAX_CONTEXT_ID`), default 1. */
  readonly contextId?: number;
  /** Seconds chat waits for each answer (default 30: registration can be slow). */
  readonly timeoutSeconds?: number;
}

/**
 * The chat script pppd runs on the modem's data port before starting PPP: reset the modem, define
 * the PDP context with the APN, dial the packet data number and wait for `CONNECT`.
 */
export function buildChatScript(options: ChatScriptOptions): string {
  const apn = validateApn(options.apn);
  const contextId = checkContextId('contextId', options.contextId ?? 1);
  // chat's TIMEOUT takes whole seconds.
  const timeoutSeconds = checkCount('timeoutSeconds', options.timeoutSeconds ?? 30);
  return [
    ...CHAT_ABORT_STRINGS.map((answer) => `ABORT '${answer}'`),
    `TIMEOUT ${timeoutSeconds}`,
    `'' 'AT'`,
    `OK 'ATH'`,
    `OK 'ATZ'`,
    `OK 'AT+CGDCONT=${contextId},"IP","${apn}"'`,
    `OK 'ATDT*99***${contextId}#'`,
    `CONNECT ''`,
    '',
  ].join('\n');
}

/**
 * What chat's exit status means (chat(8)): 0 success, 1 bad parameters, 2 I/O error, 3 timeout,
 * 4 and up: the modem answered the ABORT string at that position.
 */
export function chatAbortReason(status: number): string {
  if (status === 0) return 'chat succeeded';
  if (status === 1) return 'chat was given invalid parameters';
  if (status === 2) return 'chat failed to read or write the modem';
  if (status === 3) return 'the modem did not answer in time (chat timeout)';
  const answer = CHAT_ABORT_STRINGS[status - 4];
  return answer === undefined ? `chat exited with status ${status}` : `the modem answered ${answer}`;
}
