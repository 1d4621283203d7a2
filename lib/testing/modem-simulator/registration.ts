import type { RegistrationCommand } from './personality';

/**
 * Registration as the network reports it, and its `+CREG`/`+CGREG`/`+CEREG` lines (27.007 §7.2,
 * §10.1.20, §10.1.22). Pure formatting: the simulator decides when to print them.
 */
export interface Registration {
  /** 0 not searching, 1 home, 2 searching, 3 denied, 4 unknown, 5 roaming. */
  readonly stat: number;
  /** Location (2G/3G) or tracking (LTE) area code, hex. */
  readonly lac: string;
  /** Cell id, hex. */
  readonly ci: string;
  readonly act: number;
}

/** URC presentation as set by `AT+CxREG=<n>`: 0 off, 1 stat only, 2 stat with location. */
export type RegistrationURCMode = 0 | 1 | 2;

export const isRegistered = (registration: Registration): boolean =>
  registration.stat === 1 || registration.stat === 5;

/** `<stat>[,"<lac>","<ci>",<AcT>]`: location only in mode 2 and only while registered. */
function fields(registration: Registration, mode: RegistrationURCMode): string {
  if (mode === 2 && isRegistered(registration)) {
    return `${registration.stat},"${registration.lac}","${registration.ci}",${registration.act}`;
  }
  return String(registration.stat);
}

/** The unsolicited line for a registration change, or `undefined` while URCs are off. */
export function registrationURC(
  command: RegistrationCommand,
  mode: RegistrationURCMode,
  registration: Registration,
): string | undefined {
  if (mode === 0) return undefined;
  return `${command}: ${fields(registration, mode)}`;
}

/** The answer to `AT+CxREG?`: `+CREG: <n>,<stat>[,...]`. */
export function registrationReadLine(
  command: RegistrationCommand,
  mode: RegistrationURCMode,
  registration: Registration,
): string {
  return `${command}: ${mode},${fields(registration, mode)}`;
}
