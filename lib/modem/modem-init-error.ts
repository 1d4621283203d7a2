import { ModemError } from './modem-error';

/** A required step of the modem's init sequence failed; `step` names it, `command` is what was sent. */
export class ModemInitError extends ModemError {
  constructor(
    readonly step: string,
    readonly command: string,
    cause: unknown,
  ) {
    super(`modem init failed at "${step}" (${command}): ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
