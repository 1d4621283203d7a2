import { InboundError } from '../errors';

/** The inbound listener could not bind its address (port in use, no permission, bad host). */
export class InboundListenError extends InboundError {
  constructor(
    readonly host: string,
    readonly port: number,
    /** The system error code: `EADDRINUSE`, `EACCES`, `EADDRNOTAVAIL`... */
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(
      code === 'EADDRINUSE'
        ? `cannot listen for inbound messages on ${host}:${port}: port ${port} is already in use`
        : `cannot listen for inbound messages on ${host}:${port}: ${code ?? 'unknown error'}`,
      options,
    );
  }
}
