import { distinctUntilChanged, map, type OperatorFunction, type SchedulerLike } from '../../rx';
import { scan } from '../../rx-extra';
import type { ModemState } from '../../modem/modem-status';
import type { RegistrationState } from '../../modem/registration-status';
import type { NetworkState } from '../network-state';
import { linkDown, type CellularInput, type LinkInput } from './cellular-input';

/** Everything known about a cellular network, the latest of each kind of `CellularInput`. */
export interface CellularFacts {
  readonly wanted: boolean;
  /** Why it is (not) wanted: `disconnect() was called`... */
  readonly wantedReason: string;
  readonly modem: ModemState | 'absent';
  /** Undefined until the modem first reported it. */
  readonly registration?: { readonly registered: boolean; readonly state: RegistrationState };
  /** Undefined before the connection loop's first attempt. */
  readonly link?: LinkInput;
}

export const initialCellularFacts = (wanted: boolean, wantedReason: string): CellularFacts => ({ wanted, wantedReason, modem: 'absent' });

/** Folds one input into the facts (pure). */
export function reduceCellularFacts(facts: CellularFacts, input: CellularInput): CellularFacts {
  switch (input.type) {
    case 'wanted':
      // Either way the connection loop starts over (or stops): what the old one said is stale.
      return { ...facts, wanted: input.wanted, wantedReason: input.reason, link: undefined };
    case 'modem':
      // A link that was up does not survive its modem going away: it stays down until a new attempt.
      return {
        ...facts,
        modem: input.state,
        link: input.state !== 'ready' && facts.link?.link === 'up' ? linkDown(modemGoneReason[input.state]) : facts.link,
      };
    case 'registration':
      // Nor does it survive deregistration (the network detaches the data context with it).
      return {
        ...facts,
        registration: { registered: input.registered, state: input.state },
        link: !input.registered && facts.link?.link === 'up' ? linkDown(`registration lost (${registrationWords[input.state]})`) : facts.link,
      };
    case 'link':
      return { ...facts, link: input };
  }
}

const modemGoneReason: Readonly<Record<ModemState | 'absent', string>> = {
  absent: 'the modem is gone',
  initializing: 'the modem restarted',
  ready: 'the modem is ready',
  reconnecting: 'the modem was unplugged',
  closed: 'the modem is closed',
};

/** A network state without its `since`, which the clock adds on a change. */
export type CellularStateShape =
  | { readonly kind: 'disconnected'; readonly reason: string }
  | { readonly kind: 'connecting'; readonly reason: string }
  | { readonly kind: 'connected'; readonly detail: string };

const registrationWords: Readonly<Record<RegistrationState, string>> = {
  'not-registered': 'not registered, not searching',
  home: 'registered (home)',
  searching: 'searching for a network',
  denied: 'registration denied',
  unknown: 'registration unknown',
  roaming: 'registered (roaming)',
};

/**
 * What the facts amount to, first rule that applies (pure):
 * 1. not wanted: disconnected, with the reason (`disconnect()`, not started);
 * 2. modem unplugged or closed: disconnected;
 * 3. data link up, modem ready and registered: connected;
 * 4. link down (it failed, dropped, or lost its registration or modem): disconnected with the
 *    reason, until the loop's next attempt;
 * 5. otherwise connecting: opening or initializing the modem, waiting for registration, or
 *    bringing the data context / PPP up.
 */
export function describeCellularFacts(facts: CellularFacts): CellularStateShape {
  const { link, registration } = facts;
  if (!facts.wanted) return { kind: 'disconnected', reason: facts.wantedReason };
  if (facts.modem === 'reconnecting') return { kind: 'disconnected', reason: 'the modem was unplugged; waiting for it to come back' };
  if (facts.modem === 'closed') return { kind: 'disconnected', reason: 'the modem is closed' };
  if (link?.link === 'up' && registration?.registered === true && facts.modem === 'ready') return { kind: 'connected', detail: link.detail };
  if (link?.link === 'down') return { kind: 'disconnected', reason: link.reason };
  if (facts.modem === 'absent') return { kind: 'connecting', reason: 'opening the modem' };
  if (facts.modem === 'initializing') return { kind: 'connecting', reason: 'the modem is initializing' };
  if (link?.link === 'starting') return { kind: 'connecting', reason: 'bringing the data link up' };
  if (registration === undefined || !registration.registered) {
    return { kind: 'connecting', reason: `waiting for registration (${registration ? registrationWords[registration.state] : 'not reported yet'})` };
  }
  return { kind: 'connecting', reason: 'registered; starting the data link' };
}

function sameShape(a: CellularStateShape, b: CellularStateShape): boolean {
  return a.kind === b.kind && (a.kind === 'connected' ? a.detail === (b as typeof a).detail : a.reason === (b as typeof a).reason);
}

/**
 * Folds inputs into the network's state, emitting only changes; `since` is the scheduler's clock at
 * the change. A change of reason within the same kind emits too (the `NetworkStateStore` keeps the
 * first of a kind; the reason matters to logs).
 *
 * ```
 * inputs:  -w-m-r-s-u---R---d--     w wanted, m modem ready, r registered, s starting, u up,
 * states:  -n-n---n-c---D---d--     R registration lost, d link down (n connecting, c connected,
 *                                   D disconnected: registration lost, d disconnected: link down)
 * ```
 */
export function cellularNetworkState(initial: CellularFacts, scheduler: SchedulerLike): OperatorFunction<CellularInput, NetworkState> {
  return (input$) =>
    input$.pipe(
      scan(reduceCellularFacts, initial),
      map(describeCellularFacts),
      distinctUntilChanged(sameShape),
      map((shape): NetworkState => ({ ...shape, since: scheduler.now() })),
    );
}
