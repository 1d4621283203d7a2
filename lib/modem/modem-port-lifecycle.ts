import { defer, EMPTY, type Observable, type SchedulerLike, Subscription, take, takeUntil, timer } from '../rx';
import { from, retry } from '../rx-extra';
import { InvalidArgumentError } from '../errors';
import { logger } from '../logging';
import type { AtEngine } from './at/at-engine';
import type { SerialPortConnection } from './serial-port-connection';

const log = logger('modem');

/** What the port lifecycle needs from its modem. */
export interface ModemPortHost {
  readonly engine: AtEngine;
  /** Device path (for messages). */
  readonly path: string;
  readonly scheduler: SchedulerLike;
  /** Pause before a failed re-init (after a replug) is tried again. */
  readonly reinitDelayMs: number;
  /** Emits once when the modem closes: ends a re-init retry loop. */
  readonly closed$: Observable<void>;
  /** Runs the init sequence (joining one in progress). */
  readonly initialize: () => Promise<void>;
  /** The port is gone (unplug): the modem forgets its registration and says it is reconnecting. */
  readonly portLost: () => void;
}

/**
 * The serial port's life under a modem: each (re)opened port is attached to the AT engine and,
 * after a replug, initialized again (retried while it fails and the port is there); the port can
 * be handed to another program (pppd) and taken back. Kept apart from `Modem` so the modem reads
 * as what it does, not how its port comes and goes.
 */
export class ModemPortLifecycle {
  private readonly subscriptions = new Subscription();
  /** Between `release()` and `reclaim()`: the port belongs to another program. */
  private portReleased = false;

  constructor(
    private readonly connection: SerialPortConnection | undefined,
    private readonly host: ModemPortHost,
  ) {}

  /** Whether the port is handed over (between `release()` and `reclaim()`). */
  get released(): boolean {
    return this.portReleased;
  }

  /** Attaches each (re)opened port to the engine and initializes it; mirrors the port's state. */
  follow(connection: SerialPortConnection): void {
    let first = true;
    this.subscriptions.add(
      connection.port$.subscribe((port) => {
        if (this.host.engine.state === 'ready') return;
        this.host.engine.attach(port);
        if (first) {
          first = false; // the first init is run (and awaited) by Modem.open()
          return;
        }
        log('port back: initializing again');
        this.reinitialize();
      }),
    );
    this.subscriptions.add(
      connection.state$.subscribe((state) => {
        if (state === 'reconnecting') this.host.portLost();
      }),
    );
  }

  /** See `Modem.releasePort`. */
  async release(): Promise<void> {
    const connection = this.connection;
    if (connection === undefined) {
      throw new InvalidArgumentError('port', `the modem on ${this.host.path} has no serial port of its own to release`);
    }
    if (this.portReleased) return;
    this.portReleased = true;
    await this.host.engine.detach();
    await connection.close();
    log('port %s released', this.host.path);
  }

  /** See `Modem.reclaimPort`. */
  async reclaim(): Promise<void> {
    const connection = this.connection;
    if (connection === undefined || !this.portReleased) return;
    // follow() attaches the reopened port and starts the re-init.
    await connection.open();
    this.portReleased = false;
    log('port %s reclaimed', this.host.path);
    await this.host.initialize();
  }

  /** Stops following the port and any re-init under way. */
  stop(): void {
    this.subscriptions.unsubscribe();
  }

  /** Init after a replug; retried while it fails and the port is there. */
  private reinitialize(): void {
    const { reinitDelayMs, scheduler } = this.host;
    const subscription = defer(() => from(this.host.initialize()))
      .pipe(
        retry({
          delay: (error: unknown) => {
            log('re-init failed: %s', error instanceof Error ? error.message : error);
            return this.host.engine.state === 'ready' ? timer(reinitDelayMs, scheduler) : EMPTY;
          },
        }),
        takeUntil(this.host.closed$),
        take(1),
      )
      .subscribe({ error: () => undefined });
    this.subscriptions.add(subscription);
  }
}
