import { NetworkError } from '../../errors';

/** One attempt to bring the data link up (PDP context or PPP) took longer than `timeoutMs`. */
export class CellularLinkTimeoutError extends NetworkError {
  constructor(
    readonly timeoutMs: number,
    readonly mode: 'sockets' | 'ppp',
  ) {
    super(`the ${mode === 'ppp' ? 'PPP link' : 'data context'} did not come up within ${timeoutMs} ms`);
  }
}
