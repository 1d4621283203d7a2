import type { ATEngine } from './at/at-engine';
import type { Modem } from './modem';

/** Set by `Modem` when its module loads (a `Modem` that exists has set it). */
let engineOf: (modem: Modem) => ATEngine;

/** `Modem` tells how its engine is read; nobody else calls this. */
export function readEnginesWith(read: (modem: Modem) => ATEngine): void {
  engineOf = read;
}

/**
 * The AT engine behind `modem`, for this package's layers that speak their own commands on the
 * same port (the cellular network's PDP context and sockets, receiving over AT sockets, the CLI):
 * their commands join the modem's one FIFO queue instead of racing it on the wire. No entry
 * exports it: a user's raw commands go through `Modem.command$`, and nothing outside can detach
 * or close the engine the modem is built on. A module of its own, so a caller that only may meet
 * a modem (the facade) does not load the serial port code to ask.
 */
export function modemEngine(modem: Modem): ATEngine {
  return engineOf(modem);
}
