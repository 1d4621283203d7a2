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
 * Whose the port is: the modem's (`held`), another program's (`released`), or on its way between
 * the two (`moved` resolves once the move is over, however it ended).
 */
type PortPhase =
  | { readonly kind: 'held' }
  | { readonly kind: 'releasing'; readonly moved: Promise<void> }
  | { readonly kind: 'released' }
  | { readonly kind: 'reclaiming'; readonly moved: Promise<void> };

/**
 * The serial port's life under a modem: each (re)opened port is attached to the AT engine, and
 * the port can be handed to another program (pppd) and taken back. It reports what happened to
 * the port (`events$`) and leaves what to do about it (init again) to its owner, so it can be
 * understood, and tested, without a modem.
 */
export class ModemPortLifecycle {
  /** Changed by `move` only. */
  #phase: PortPhase = { kind: 'held' };
  /**
   * `back` each time a port is opened again after the first (the engine has it already), `lost`
   * each time the open port is lost. Subscribe once: subscribing attaches the ports.
   */
  readonly events$: Observable<PortEvent>;

  readonly #connection: SerialPortConnection;
  readonly #engine: ATEngine;

  constructor(
    connection: SerialPortConnection,
    engine: ATEngine,
  ) {
    this.#connection = connection;
    this.#engine = engine;
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

  /** Whether the port is handed over: from `release()` until `reclaim()` has reopened it. */
  get released(): boolean {
    return this.#phase.kind !== 'held';
  }

  /** See `Modem.releasePort`. A release while reclaiming waits for the port to be back first. */
  release(): Promise<void> {
    const phase = this.#phase;
    switch (phase.kind) {
      case 'released':
        return Promise.resolve();
      case 'releasing':
        return phase.moved;
      case 'reclaiming':
        return phase.moved.then(() => this.release());
      case 'held':
        return this.#move('releasing', 'released', async () => {
          await this.#engine.detach();
          await this.#connection.release();
          log('port %s released', this.#connection.path);
        });
    }
  }

  /**
   * See `Modem.reclaimPort`: reopens the port (`events$` then says `back`). If it cannot be
   * reopened, the port stays released and `reclaim()` may be called again.
   */
  reclaim(): Promise<void> {
    const phase = this.#phase;
    switch (phase.kind) {
      case 'held':
        return Promise.resolve();
      case 'reclaiming':
        return phase.moved;
      case 'releasing':
        return phase.moved.then(() => this.reclaim());
      case 'released':
        return this.#move('reclaiming', 'held', async () => {
          await this.#connection.open();
          log('port %s reclaimed', this.#connection.path);
        });
    }
  }

  /**
   * The one place the phase changes: `moving` while `work` runs, then `to`; a move that fails
   * leaves the port released (whatever was half done, it is not the modem's to use).
   */
  async #move(moving: 'releasing' | 'reclaiming', to: 'held' | 'released', work: () => Promise<void>): Promise<void> {
    let moved!: () => void;
    this.#phase = { kind: moving, moved: new Promise<void>((resolve) => (moved = resolve)) };
    try {
      await work();
      this.#phase = { kind: to };
    } catch (error) {
      this.#phase = { kind: 'released' };
      throw error;
    } finally {
      moved();
    }
  }
}

/** The error `releasePort()` gives a modem without a port of its own (on a stream). */
export function noPortToRelease(path: string): InvalidArgumentError {
  return new InvalidArgumentError('port', `the modem on ${path} has no serial port of its own to release`);
}
