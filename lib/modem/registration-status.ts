import { parseATArgs } from './at/at-args';

/**
 * Network registration as `+CREG`, `+CGREG` and `+CEREG` report it (27.007 §7.2, §10.1.20,
 * §10.1.22), in its two forms: the read response `+CREG: <n>,<stat>[,...]` and the URC
 * `+CREG: <stat>[,...]`. Pure.
 */

/** The registration families: circuit switched, packet switched (2G/3G), EPS (LTE). */
export type RegistrationFamily = '+CREG' | '+CGREG' | '+CEREG';

/**
 * `<stat>`: 0 not registered and not searching, 1 home, 2 searching, 3 denied, 4 unknown,
 * 5 roaming (the SMS-only and emergency values 6..10 map to their closest meaning).
 */
export type RegistrationState = 'not-registered' | 'home' | 'searching' | 'denied' | 'unknown' | 'roaming';

const STATES: Readonly<Record<number, RegistrationState>> = {
  0: 'not-registered',
  1: 'home',
  2: 'searching',
  3: 'denied',
  4: 'unknown',
  5: 'roaming',
  6: 'home', // registered for SMS only, home
  7: 'roaming', // registered for SMS only, roaming
  8: 'not-registered', // attached for emergency bearer services only
  9: 'home', // CSFB not preferred, home
  10: 'roaming', // CSFB not preferred, roaming
};

export interface RegistrationStatus {
  readonly state: RegistrationState;
  /** Convenience: `home` or `roaming`. */
  readonly registered: boolean;
  /** The raw `<stat>`. */
  readonly stat: number;
  /** Which command reported it. */
  readonly family: RegistrationFamily;
  /** Location (CREG/CGREG) or tracking (CEREG) area code, hex, when reported. */
  readonly lac?: string;
  /** Cell id, hex, when reported. */
  readonly ci?: string;
  /** Access technology (0 GSM, 2 UTRAN, 7 E-UTRAN, 8/9 LTE-M/NB-IoT), when reported. */
  readonly act?: number;
}

/** The state for a `<stat>` value. */
export function registrationState(stat: number): RegistrationState {
  return STATES[stat] ?? 'unknown';
}

export const isRegisteredState = (state: RegistrationState): boolean => state === 'home' || state === 'roaming';

/**
 * Parses the text after `+CxREG:`. `form` says which form it is: `'read'` (answer to `AT+CxREG?`,
 * first argument `<n>`) or `'urc'`. Undefined when malformed.
 */
export function parseRegistration(family: RegistrationFamily, rest: string, form: 'read' | 'urc'): RegistrationStatus | undefined {
  const args = parseATArgs(rest);
  const fields = form === 'read' ? args.slice(1) : args;
  const [statText, lac, ci, actText] = fields;
  if (statText === undefined || !/^\d+$/.test(statText)) return undefined;
  const stat = Number(statText);
  const state = registrationState(stat);
  return {
    state,
    registered: isRegisteredState(state),
    stat,
    family,
    ...(lac ? { lac: lac.toUpperCase() } : {}),
    ...(ci ? { ci: ci.toUpperCase() } : {}),
    ...(actText !== undefined && /^\d+$/.test(actText) ? { act: Number(actText) } : {}),
  };
}

/** Preference among unregistered states: the one that says most about what is going on. */
const UNREGISTERED_RANK: Readonly<Record<RegistrationState, number>> = {
  denied: 4,
  searching: 3,
  unknown: 2,
  'not-registered': 1,
  home: 0,
  roaming: 0,
};

/** Preference among families when several report a registration: the newest technology first. */
const FAMILY_RANK: Readonly<Record<RegistrationFamily, number>> = { '+CEREG': 3, '+CGREG': 2, '+CREG': 1 };

/**
 * One registration out of the latest report of each family: registered if any family is (LTE's
 * EPS first, then packet, then circuit switched), otherwise the most telling unregistered state
 * (denied, then searching...). Undefined when nothing was reported yet.
 */
export function combineRegistrations(latest: Iterable<RegistrationStatus>): RegistrationStatus | undefined {
  let best: RegistrationStatus | undefined;
  const score = (r: RegistrationStatus): number => (r.registered ? 100 : UNREGISTERED_RANK[r.state] * 10) + FAMILY_RANK[r.family];
  for (const status of latest) {
    if (best === undefined || score(status) > score(best)) best = status;
  }
  return best;
}

/**
 * Equality for `distinctUntilChanged`: same state, stat and location. The family is left out on
 * purpose: when CREG, CGREG and CEREG report one change one after the other, that is one change.
 */
export function sameRegistration(a: RegistrationStatus | undefined, b: RegistrationStatus | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.state === b.state && a.stat === b.stat && a.lac === b.lac && a.ci === b.ci && a.act === b.act;
}
