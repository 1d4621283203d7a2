import { defer, map, type Observable, type Subscription } from '../../rx';
import { of, tap } from '../../rx-extra';
import type { ATEngine } from '../at/at-engine';
import { UBLOX_HEX_MODE_COMMAND } from './ublox-socket-dialect';

/**
 * Whether `AT+UDCONF=1,1` (socket data in hex) is known to be set, per engine. Set once and
 * reused by every socket on that engine (transport and listener), so a message costs no extra
 * command. Forgotten when the engine loses its port (a replug means a rebooted modem) or when
 * `forgetUbloxHexMode()` is called after a reset the engine cannot see (`AT+CFUN=16`).
 */
const known = new WeakMap<ATEngine, { set: boolean; watch: Subscription }>();

function entry(engine: ATEngine): { set: boolean; watch: Subscription } {
  let current = known.get(engine);
  if (!current) {
    const created: { set: boolean; watch?: Subscription } = { set: false };
    created.watch = engine.state$.subscribe((state) => {
      if (state !== 'ready') created.set = false;
    });
    current = created as { set: boolean; watch: Subscription };
    known.set(engine, current);
  }
  return current;
}

/** Completes once hex mode is on: at once when already set, else after `AT+UDCONF=1,1`. */
export function ensureUbloxHexMode(engine: ATEngine): Observable<void> {
  return defer(() => {
    const state = entry(engine);
    if (state.set) return of(undefined);
    return engine.command$(UBLOX_HEX_MODE_COMMAND).pipe(
      tap(() => (state.set = true)),
      map(() => undefined),
    );
  });
}

/** The modem was reset behind the engine's back: set hex mode again before the next socket. */
export function forgetUbloxHexMode(engine: ATEngine): void {
  const state = known.get(engine);
  if (state) state.set = false;
}
