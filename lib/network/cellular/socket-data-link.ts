import { defer, EMPTY, firstValueFrom, map, type Observable, type SchedulerLike } from '../../rx';
import { concat, concatMap, merge, NEVER, of } from '../../rx-extra';
import { logger } from '../../logging';
import type { Modem } from '../../modem/modem';
import { modemEngine } from '../../modem/modem-engine';
import { ModemSocketTransport } from '../../modem/sockets/modem-socket-transport';
import { PDPContext } from '../../modem/sockets/pdp-context';
import { linkStarting, linkUp, type LinkInput } from './cellular-input';
import { CellularLinkLostError } from './cellular-link-lost-error';
import { pdpFlavour, socketVendor } from './cellular-mode';
import type { DataLink } from './data-link';

const log = logger('cellular');

export interface SocketDataLinkOptions {
  /** PDP context id (Quectel contextID, 27.007 cid; the u-blox U2 profile is always 0). */
  readonly contextId: number;
  readonly scheduler: SchedulerLike;
}

/**
 * Data over the modem's AT sockets: one `PDPContext` and one `ModemSocketTransport` per modem,
 * both on the modem's own AT engine, so socket commands queue with status polls and SMS. The
 * context is activated once and reused by every message; the network tearing it down
 * (`+UUPSDD`, `+CGEV: NW PDN DEACT`, `+QIURC: "pdpdeact"`) ends `up$` with `CellularLinkLostError`.
 */
export class SocketDataLink implements DataLink {
  readonly mode = 'sockets' as const;
  readonly transport: ModemSocketTransport;
  readonly #pdp: PDPContext;

  readonly #modem: Modem;

  constructor(
    modem: Modem,
    options: SocketDataLinkOptions,
  ) {
    this.#modem = modem;
    const driver = modem.driver;
    this.#pdp = new PDPContext(modemEngine(modem), pdpFlavour(driver), { contextId: options.contextId });
    this.transport = new ModemSocketTransport(modemEngine(modem), socketVendor(driver), {
      scheduler: options.scheduler,
      contextId: options.contextId,
    });
  }

  async prepare(): Promise<void> {
    // Nothing to take back: the AT port is always ours in this mode.
  }

  up$(apn: string): Observable<LinkInput> {
    return defer(() => {
      // Watch for the loss before activating, so a URC during activation is not missed.
      const lost$ = this.#pdp.lost$.pipe(
        map((lost) => {
          throw new CellularLinkLostError(`the network deactivated the data context (${lost.urc})`);
        }),
      );
      // After a drop the context may be gone without a URC having said so (a re-registration):
      // one status read settles it before `activate$()` trusts what it knew.
      const verify$ = this.#pdp.state.active ? this.#pdp.isActive$().pipe(concatMap(() => EMPTY)) : EMPTY;
      const activate$ = concat(verify$, this.#pdp.activate$(apn)).pipe(
        map((ip) => {
          log('data context up on %s (%s)', this.#modem.path, ip ?? 'address not reported');
          return linkUp(`${this.transport.vendor} AT sockets, ${ip ?? 'address not reported'}`);
        }),
      );
      return merge(lost$, concat(of(linkStarting), activate$, NEVER));
    });
  }

  async down(): Promise<void> {
    if (this.#modem.state !== 'ready') return;
    try {
      await firstValueFrom(this.#pdp.deactivate$(), { defaultValue: undefined });
    } catch (error) {
      // Best effort: the network or a replug may have taken it down already.
      log('deactivating the data context failed: %s', error instanceof Error ? error.message : error);
    }
  }

  close(): Promise<void> {
    return this.#pdp.close();
  }
}
