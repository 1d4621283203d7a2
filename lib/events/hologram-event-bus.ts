import type { Observable, Subscription } from '../rx';
import type { HologramEvents } from './hologram-events';

/**
 * `Hologram.event` as an application holds it: the listening side of the facade's event bus.
 * Broadcasting and closing stay with the facade, so no caller can fake an event for every other
 * listener or end the bus under them.
 */
export interface HologramEventBus {
  /**
   * Calls `callback` with the payload of every later event called `name`; a callback that throws
   * is logged and skipped. An unknown name or a callback that is not a function is refused
   * (`InvalidArgumentError`).
   */
  subscribe<K extends keyof HologramEvents>(name: K, callback: (payload: HologramEvents[K]) => void): Subscription;
  /** Removes every registration of `callback` for `name`; unknown callbacks are ignored. */
  unsubscribe<K extends keyof HologramEvents>(name: K, callback: (payload: HologramEvents[K]) => void): void;
  /** The events called `name` as a hot Observable (no replay); completes when the facade closes. */
  on$<K extends keyof HologramEvents>(name: K): Observable<HologramEvents[K]>;
}
