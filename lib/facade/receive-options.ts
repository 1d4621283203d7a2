import { InvalidArgumentError } from '../errors';
import { checkTimeout } from '../validation/duration';
import { checkListenPort } from '../validation/port';
import type { InboundMessage } from '../inbound/inbound-message';
import { checkOptions, type OptionKeys } from '../options/check-options';
import { describeValue } from '../options/describe-value';

/** How an inbound message reached the device: the host's TCP stack, or the modem's AT sockets. */
export type ReceiveVia = 'tcp' | 'modem';

/** A cloud-to-device message: everything one inbound connection carried. */
export interface ReceivedMessage extends InboundMessage {
  readonly via: ReceiveVia;
}

export interface ReceiveOptions {
  /** Host listener only: the address to bind (default `0.0.0.0`). */
  readonly host?: string;
  /** Port to listen on (default 4010). 0 picks a free one on the host (read it from the result). */
  readonly port?: number;
  /** A connection silent this long counts as complete (default 5000 ms). */
  readonly idleTimeoutMs?: number;
  /** Host listener only: larger messages are refused (default 64 KiB). */
  readonly maxMessageBytes?: number;
  /** Host listener only: a connection silent this long from the start is closed (default 2000 ms). */
  readonly firstByteTimeoutMs?: number;
  /** Host listener only: connections open at once (default 64; see `InboundListener`). */
  readonly maxConnections?: number;
}

/** Where messages are being received. */
export interface Receiving {
  readonly via: ReceiveVia;
  /** The bound address (host listener), undefined over the modem. */
  readonly host?: string;
  /** The bound port: the one picked when 0 was asked. */
  readonly port: number;
}

const RECEIVE_OPTION_KEYS: OptionKeys<ReceiveOptions> = {
  host: true,
  port: true,
  idleTimeoutMs: true,
  maxMessageBytes: true,
  firstByteTimeoutMs: true,
  maxConnections: true,
};

/**
 * Checks `startReceiving`'s options (known keys, then the values both listeners use); the host
 * listener checks its own limits. Returns them, `{}` for none.
 */
export function checkReceiveOptions(options: ReceiveOptions | undefined): ReceiveOptions {
  const checked = checkOptions('options', options, RECEIVE_OPTION_KEYS);
  const { port, idleTimeoutMs, host } = checked;
  if (port !== undefined) checkListenPort('port', port);
  checkTimeout('idleTimeoutMs', idleTimeoutMs);
  if (host !== undefined && (typeof host !== 'string' || host.trim() === '')) {
    throw new InvalidArgumentError('host', `host must be an address to bind such as 0.0.0.0, got ${describeValue(host)}`);
  }
  return checked;
}
