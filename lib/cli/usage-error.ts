import { HologramError } from '../errors';

/** The command line was wrong (unknown option, missing value...). The CLI exits 2 and names the fix. */
export class UsageError extends HologramError {
  constructor(
    /** The command it concerns, e.g. `send` (empty for the top level). */
    readonly command: string,
    message: string,
  ) {
    super(message);
  }
}
