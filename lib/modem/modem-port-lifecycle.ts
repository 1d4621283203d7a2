import { filter, map, type Observable } from '../rx';
import { merge, tap } from '../rx-extra';
import { InvalidArgumentError } from '../errors';
import { logger } from '../logging';
import type { ATEngine } from './at/at-engine';
import type { SerialPortConnection } from './serial-port-connection';

const log = logger('modem');

/** What happens to the port under a modem: `back` after an unplug or a hand-over, `lost` at an unplug. */
export type PortEvent = 'back' | 'lost';

/**
 * The serial port's life under a modem: each (re)opened port is attached to the AT engine, and
 * the port can be handed to another program (pppd) and taken back. It reports what happened to
 * the port (`events$`) and leaves what to do about it (init again) to its owner, so it can be
 * understood, and tested, without a modem.
 */
export class ModemPortLifecycle {
  /** Between `release()` and `reclaim()`: the port belongs to another program. */
  private portReleased = false;
  /**
   * `back` each time a port is opened again after the first (the engine has it already), `lost`
   * each time the open port is lost. Subscribe once: subscribing attaches the ports.
   */
  readonly events$: Observable<PortEvent>;

  constructor(
    private readonly connection: SerialPortConnection,
    private readonly engine: ATEngine,
  ) {
    const attached$ = connection.port$.pipe(
      filter(() => engine.state !== 'ready'),
      tap((port) => engine.attach(port)),
      filter((_, index) => index > 0), // the first open is the modem's own
      tap(() => log('port back: initializing again')),
      map((): PortEvent => 'back'),
    );
    const lost$ = connection.state$.pipe(
      filter((state) => state === 'reconnecting'),
      map((): PortEvent => 'lost'),
    );
    this.events$ = merge(attached$, lost$);
  }

  /** Whether the port is handed over (between `release()` and `reclaim()`). */
  get released(): boolean {
    return this.portReleased;
  }

  /** See `Modem.releasePort`. */
  async release(): Promise<void> {
    if (this.portReleased) return;
    this.portReleased = true;
    await this.engine.detach();
    await this.connection.release();
    log('port %s released', this.connection.path);
  }

  /** See `Modem.reclaimPort`: reopens the port (`events$` then says `back`). */
  async reclaim(): Promise<void> {
    if (!this.portReleased) return;
    await this.connection.open();
    this.portReleased = false;
    log('port %s reclaimed', this.connection.path);
  }
}

/** The error `releasePort()` gives a modem without a port of its own (on a stream). */
export function noPortToRelease(path: string): InvalidArgumentError {
  return new InvalidArgumentError('port', `the modem on ${path} has no serial port of its own to release`);
}
