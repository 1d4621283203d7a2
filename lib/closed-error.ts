import { HologramError } from './errors';

/** What a `ClosedError` is about: the kind of object whose `close()` was called. */
export type ClosedResource =
  | 'hologram'
  | 'delivery'
  | 'outbox'
  | 'network'
  | 'ppp-link'
  | 'modem'
  | 'at-engine'
  | 'serial-port'
  | 'inbound-listener'
  | 'modem-simulator'
  | 'cloud-emulator';

/** "The outbox /var/lib/app/outbox.db", "The cellular network", "The AT engine". */
function closedSubject(resource: ClosedResource, which: string | undefined): string {
  switch (resource) {
    case 'hologram':
      return 'The Hologram instance';
    case 'delivery':
      return 'The delivery pipeline';
    case 'outbox':
      return which ? `The outbox ${which}` : 'The outbox';
    case 'network':
      return which ? `The ${which} network` : 'The network';
    case 'ppp-link':
      return which ? `The PPP link on ${which}` : 'The PPP link';
    case 'modem':
      return which ? `The modem on ${which}` : 'The modem';
    case 'at-engine':
      return 'The AT engine';
    case 'serial-port':
      return which ? `The serial port ${which}` : 'The serial port';
    case 'inbound-listener':
      return which ? `The inbound listener on ${which}` : 'The inbound listener';
    case 'modem-simulator':
      return 'The modem simulator';
    case 'cloud-emulator':
      return 'The cloud emulator';
  }
}

/**
 * A call on (or a wait cut short by) something after its `close()`. One class for every closed
 * thing, so a caller tests one `instanceof` and reads `resource` (and `which`) to know which it was.
 * Nothing is wrong with the call itself: create a new object to go on.
 */
export class ClosedError extends HologramError {
  constructor(
    /** What was closed. */
    readonly resource: ClosedResource,
    /** Which one, when there can be several: an outbox's path, a network's name, a modem's device. */
    readonly which?: string,
    options?: {
      /** What could not be done because of it, added to the message. */
      readonly detail?: string;
      readonly cause?: unknown;
    },
  ) {
    const detail = options?.detail ? `: ${options.detail}` : '';
    super(`${closedSubject(resource, which || undefined)} is closed${detail}`, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}
