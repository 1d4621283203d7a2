import { HologramError } from '../../errors';

/** The modem a cellular network runs on was closed; a network that opened it itself opens it again. */
export class ModemClosedError extends HologramError {
  constructor(readonly path: string) {
    super(`the modem on ${path} is closed`);
  }
}
