/**
 * Base class of every error the SDK throws or emits, so callers can tell SDK errors apart with one
 * `instanceof` and branch on the subclass and its data fields (`code`, `command`, `disconnected`...).
 * Subclasses live beside the code that raises them.
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
