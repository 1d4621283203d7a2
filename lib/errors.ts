/**
 * Base class of every error the SDK throws or emits, so callers can tell SDK errors apart with one
 * `instanceof` and branch on the subclass and its data fields (`code`, `command`, `disconnected`...).
 *
 * Below it, families a caller can catch as a whole, each defined here and nowhere else:
 * `InvalidArgumentError` (bad input, nothing done), `ModemError` (the modem, its serial port, AT
 * commands, SMS), `NetworkError` (the link: interfaces, cellular, PPP), `OutboxError` (where
 * messages wait), `CloudError` (exchanges with the Hologram cloud and the fate of a message),
 * `InboundError` (cloud-to-device messages), `RESTError` (the Hologram REST API); and
 * `ClosedError` (a call after `close()`). Each error class lives beside the code that raises it.
 */
export class HologramError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad input from the caller: the message names the bad value (never a secret). */
export class InvalidArgumentError extends HologramError {
  constructor(
    /** Name of the argument or field that was rejected. */
    readonly argument: string,
    message: string,
  ) {
    super(message);
  }
}

/** The modem: opening its serial port, AT commands and their answers, SMS, location, reset, detection. */
export class ModemError extends HologramError {}

/** The data link: a network interface, the cellular connection, PPP. */
export class NetworkError extends HologramError {}

/** The outbox where messages wait: storage faults, its lock, its limits, messages it dropped. */
export class OutboxError extends HologramError {}

/**
 * Sending to the Hologram cloud: a failed exchange (`TransportError`, over the host's TCP or the
 * modem's sockets) and a message the cloud refused or that was not delivered in time.
 */
export class CloudError extends HologramError {}

/** Receiving cloud-to-device messages: the listener's port, and connections it refused or dropped. */
export class InboundError extends HologramError {}

/** The Hologram REST API (SIM activation, plans, states). */
export class RESTError extends HologramError {}
