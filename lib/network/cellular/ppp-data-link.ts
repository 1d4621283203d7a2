import { defer, filter, map, Observable, switchMap, type SchedulerLike } from '../../rx';
import { from, merge, of } from '../../rx-extra';
import { realpathSync } from 'node:fs';
import { logger } from '../../logging';
import type { Modem } from '../../modem/modem';
import { PPPLink } from '../ppp/ppp-link';
import type { PppdSpawner } from '../ppp/pppd-process';
import { linkStarting, linkUp, type LinkInput } from './cellular-input';
import { CellularLinkLostError } from './cellular-link-lost-error';
import type { DataLink } from './data-link';

const log = logger('cellular');

export interface PPPDataLinkOptions {
  /** The port pppd dials on; the modem's own port (default) is handed over while the link is up. */
  readonly pppDevice?: string;
  readonly pppdPath?: string;
  readonly chatPath?: string;
  readonly baudRate?: number;
  readonly scheduler: SchedulerLike;
  /** Starts pppd (default: a real child process). */
  readonly spawn?: PppdSpawner;
}

/**
 * Data over PPP: pppd dials on the modem's data port and the kernel's TCP runs over `ppp0`. When
 * that port is the modem's AT port, the modem releases it to pppd for the life of the link and
 * takes it back (re-initialized) before the next attempt. Only the pppd this link started is ever
 * stopped, by its pid. pppd exiting (exit code 16, the modem hung up...) ends `up$` with a
 * `CellularLinkLostError` whose cause is the `PPPConnectionError`.
 */
export class PPPDataLink implements DataLink {
  readonly mode = 'ppp' as const;
  readonly transport = undefined;
  readonly device: string;
  /** The pppd run of the current attempt, if any. */
  #link: PPPLink | undefined;
  /** Stopping the previous run; the next attempt waits for it. */
  #stopping: Promise<void> = Promise.resolve();

  readonly #modem: Modem;
  readonly #options: PPPDataLinkOptions;

  constructor(
    modem: Modem,
    options: PPPDataLinkOptions,
  ) {
    this.#modem = modem;
    this.#options = options;
    this.device = options.pppDevice ?? modem.path;
  }

  /**
   * Whether pppd uses the modem's own port, which must then be handed over. Compared after
   * resolving links: `/dev/serial/by-id/usb-u-blox...-if00` and `/dev/ttyACM0` are one port.
   */
  get #sharesPort(): boolean {
    return canonicalPath(this.device) === canonicalPath(this.#modem.path);
  }

  /** Waits for the previous pppd to stop and takes the port back, so the modem re-initializes. */
  async prepare(): Promise<void> {
    await this.#stopping;
    if (this.#modem.portIsReleased) await this.#modem.reclaimPort();
  }

  up$(apn: string): Observable<LinkInput> {
    return new Observable<LinkInput>((subscriber) => {
      subscriber.next(linkStarting);
      const link = new PPPLink({
        device: this.device,
        apn,
        pppdPath: this.#options.pppdPath,
        chatPath: this.#options.chatPath,
        baudRate: this.#options.baudRate,
        scheduler: this.#options.scheduler,
        spawn: this.#options.spawn,
      });
      this.#link = link;
      const release$ = defer(() => (this.#sharesPort ? from(this.#modem.releasePort()) : of(undefined)));
      const subscription = release$
        .pipe(
          switchMap(() => link.connect$()),
          switchMap((endpoints) => {
            log('PPP up on %s: %s %s, peer %s (pppd pid %s)', this.device, endpoints.interface, endpoints.localIP, endpoints.remoteIP, link.pid);
            const dropped$ = link.state$.pipe(
              filter((state) => state.kind === 'stopped'),
              map((state): LinkInput => {
                const error = state.kind === 'stopped' ? state.error : undefined;
                throw new CellularLinkLostError(error?.message ?? 'pppd stopped', { cause: error });
              }),
            );
            return merge(of(linkUp(`${endpoints.interface} ${endpoints.localIP} peer ${endpoints.remoteIP}`)), dropped$);
          }),
        )
        .subscribe(subscriber);
      return () => {
        subscription.unsubscribe();
        if (this.#link === link) this.#link = undefined;
        // Stops our pppd (by its pid) if it still runs; the port comes back in prepare().
        this.#stopping = this.#stopping.then(() => link.close()).catch((error: unknown) => {
          log('stopping pppd failed: %s', error instanceof Error ? error.message : error);
        });
      };
    });
  }

  /** The pid of the pppd running now. */
  get pid(): number | undefined {
    return this.#link?.pid;
  }

  async down(): Promise<void> {
    await this.prepare();
  }

  async close(): Promise<void> {
    await this.#stopping;
    if (this.#modem.portIsReleased && this.#modem.state !== 'closed') {
      await this.#modem.reclaimPort().catch((error: unknown) => log('taking the port back failed: %s', error instanceof Error ? error.message : error));
    }
  }
}


function canonicalPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
