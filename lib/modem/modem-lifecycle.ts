import type { ModemState } from './modem-status';
import type { ModemSession } from './modem-session';

/** Why an init runs: the first open, the port back after an unplug or a hand-over, a reset. */
export type InitCause = 'open' | 'port-back' | 'reset';

/**
 * The modem's one state, with what each state knows (`ModemState` is its `kind`):
 * - `initializing`: the init sequence runs (`cause`); `error` is the last failed attempt's, when
 *   an init after a replug is being retried; `last` is the previous session, if any.
 * - `ready`: initialized; `session` is what every part talks to the modem with.
 * - `reconnecting`: the port was lost; `last` is the session it had.
 * - `closed`: final.
 */
export type ModemLifecycle =
  | { readonly kind: 'initializing'; readonly cause: InitCause; readonly last?: ModemSession; readonly error?: unknown }
  | { readonly kind: 'ready'; readonly session: ModemSession }
  | { readonly kind: 'reconnecting'; readonly last?: ModemSession }
  | { readonly kind: 'closed'; readonly last?: ModemSession };

/** What happens to a modem; `reduceModemLifecycle` folds these into its state. */
export type ModemLifecycleEvent =
  | { readonly type: 'init-started'; readonly cause: InitCause }
  | { readonly type: 'init-done'; readonly session: ModemSession }
  | { readonly type: 'init-failed'; readonly error: unknown }
  | { readonly type: 'port-lost' }
  | { readonly type: 'closed' };

export const initialModemLifecycle: ModemLifecycle = { kind: 'initializing', cause: 'open' };

/** The session of the last init, whatever the state now (undefined before the first one). */
export function lastSession(state: ModemLifecycle): ModemSession | undefined {
  return state.kind === 'ready' ? state.session : state.last;
}

/**
 * One transition (pure). `closed` is final. An init's outcome counts only while the modem is
 * initializing: an init that ends after the port was lost (its commands failed, or it raced the
 * loss) leaves the modem reconnecting. A reset is an init with cause `reset`.
 *
 * | state \ event | init-started | init-done | init-failed         | port-lost    | closed |
 * |---------------|--------------|-----------|---------------------|--------------|--------|
 * | initializing  | initializing | ready     | initializing (+err) | reconnecting | closed |
 * | ready         | initializing | ready     | ready               | reconnecting | closed |
 * | reconnecting  | initializing | -         | -                   | -            | closed |
 * | closed        | -            | -         | -                   | -            | -      |
 */
export function reduceModemLifecycle(state: ModemLifecycle, event: ModemLifecycleEvent): ModemLifecycle {
  if (state.kind === 'closed') return state;
  const last = lastSession(state);
  switch (event.type) {
    case 'init-started':
      return { kind: 'initializing', cause: event.cause, ...(last ? { last } : {}) };
    case 'init-done':
      return state.kind === 'reconnecting' ? state : { kind: 'ready', session: event.session };
    case 'init-failed':
      return state.kind === 'initializing' ? { ...state, error: event.error } : state;
    case 'port-lost':
      return state.kind === 'reconnecting' ? state : { kind: 'reconnecting', ...(last ? { last } : {}) };
    case 'closed':
      return { kind: 'closed', ...(last ? { last } : {}) };
  }
}

/** The public state name of a lifecycle state. */
export function modemStateOf(state: ModemLifecycle): ModemState {
  return state.kind;
}

/**
 * The lifecycle as a user reads it (`Modem.lifecycle$`): the state, why an init runs and its last
 * failed attempt, without the sessions, which hold the engine the modem alone may hand out.
 */
export type ModemPhase =
  | { readonly kind: 'initializing'; readonly cause: InitCause; readonly error?: unknown }
  | { readonly kind: 'ready' | 'reconnecting' | 'closed' };

export function modemPhase(state: ModemLifecycle): ModemPhase {
  if (state.kind !== 'initializing') return { kind: state.kind };
  return { kind: 'initializing', cause: state.cause, ...('error' in state ? { error: state.error } : {}) };
}
