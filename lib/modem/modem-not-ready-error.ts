import { ModemError } from './modem-error';

/**
 * Asked for what only an initialized modem knows (its driver, its session) before the first init
 * identified it. Wait for `state$` to be `ready`, or use `Modem.open()`, which resolves once it is.
 */
export class ModemNotReadyError extends ModemError {
  constructor(
    /** What was asked for. */
    readonly wanted: string,
  ) {
    super(`the modem is not initialized yet: ${wanted} is known once its first init identified it`);
  }
}
