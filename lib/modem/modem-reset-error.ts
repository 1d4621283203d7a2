import { ModemError } from './modem-error';

/** The modem did not answer again within `timeoutMs` after its reset command. */
export class ModemResetError extends ModemError {
  constructor(
    readonly command: string,
    readonly timeoutMs: number,
  ) {
    super(`the modem did not answer within ${timeoutMs} ms after ${command}: check it is powered and still plugged in`);
  }
}
