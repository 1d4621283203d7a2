import { NetworkError } from '../../errors';

/** The modem cannot carry data the way the cellular network was asked to (AT sockets on a PPP-only stick). */
export class CellularModeError extends NetworkError {
  constructor(
    readonly mode: string,
    /** The modem, as its driver describes it. */
    readonly modem: string,
  ) {
    super(`the ${modem} has no AT socket commands, so mode '${mode}' cannot work: use mode 'ppp' or 'auto'`);
  }
}
